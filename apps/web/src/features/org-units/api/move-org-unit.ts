import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';

export interface MoveOrgUnitVariables {
  id: string;
  parentId: string;
}

/** POST /api/org-units/:id/move (administrators): the unit and its subtree get a new parent. */
export function moveOrgUnit({ id, parentId }: MoveOrgUnitVariables): Promise<unknown> {
  return apiClient.post(`/org-units/${encodeURIComponent(id)}/move`, { parentId });
}

export function useMoveOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveOrgUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits }),
  });
}
