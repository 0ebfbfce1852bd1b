import { orgUnitListSchema, type OrgUnitDto } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';

export const orgUnitsQueryKey = [...queryKeyRoots.orgUnits, 'list'] as const;

/** GET /api/org-units: the units the caller may see, flat, parents first. */
export function getOrgUnits(signal?: AbortSignal): Promise<OrgUnitDto[]> {
  return apiClient.get('/org-units', { schema: orgUnitListSchema, signal }).then((list) => list.items);
}

export function getOrgUnitsQueryOptions() {
  return queryOptions({ queryKey: orgUnitsQueryKey, queryFn: ({ signal }) => getOrgUnits(signal), staleTime: 5 * 60_000 });
}

export function useOrgUnits({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getOrgUnitsQueryOptions(), enabled });
}
