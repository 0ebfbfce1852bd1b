import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';

export interface MergeOrgUnitVariables {
  id: string;
  targetId: string;
}

/**
 * POST /api/org-units/:id/merge (administrators): the unit's users move to the target; the unit
 * stays, marked merged, so its history remains.
 */
export function mergeOrgUnit({ id, targetId }: MergeOrgUnitVariables): Promise<unknown> {
  return apiClient.post(`/org-units/${encodeURIComponent(id)}/merge`, { targetId });
}

export function useMergeOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mergeOrgUnit,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits }),
        queryClient.invalidateQueries({ queryKey: queryKeyRoots.users }),
      ]);
    },
  });
}
