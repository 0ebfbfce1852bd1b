import { publicCommuneListSchema } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';

export const communesQueryKey = ['org-units', 'communes'] as const;

export interface PublicCommune {
  id: string;
  code: string;
  name: string;
}

/** GET /api/org-units/communes (public): the communes and wards a resident may register in. */
export function getCommunes(signal?: AbortSignal): Promise<PublicCommune[]> {
  return apiClient.get('/org-units/communes', { schema: publicCommuneListSchema, signal }).then((list) => list.items);
}

export function getCommunesQueryOptions() {
  return queryOptions({ queryKey: communesQueryKey, queryFn: ({ signal }) => getCommunes(signal), staleTime: 60 * 60_000 });
}

export function useCommunes() {
  return useQuery(getCommunesQueryOptions());
}
