import { orgUnitSchema, type OrgUnitDto, type UpdateOrgUnitRequest } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';

export interface UpdateOrgUnitVariables {
  id: string;
  body: UpdateOrgUnitRequest;
}

/** PATCH /api/org-units/:id (administrators): rename, change kind, (de)activate. */
export function updateOrgUnit({ id, body }: UpdateOrgUnitVariables): Promise<OrgUnitDto> {
  return apiClient.patch(`/org-units/${encodeURIComponent(id)}`, body, { schema: orgUnitSchema });
}

export function useUpdateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrgUnit,
    onSuccess: async () => {
      // Users show their unit's name.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits }),
        queryClient.invalidateQueries({ queryKey: queryKeyRoots.users }),
      ]);
    },
  });
}
