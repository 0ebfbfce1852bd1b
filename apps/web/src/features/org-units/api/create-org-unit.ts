import { orgUnitSchema, type CreateOrgUnitRequest, type OrgUnitDto } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';

/** POST /api/org-units (administrators). */
export function createOrgUnit(body: CreateOrgUnitRequest): Promise<OrgUnitDto> {
  return apiClient.post('/org-units', body, { schema: orgUnitSchema });
}

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrgUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits }),
  });
}
