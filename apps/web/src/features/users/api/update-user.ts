import { userDetailSchema, type UpdateUserRequest, type UserDetail } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';
import { usersQueryKeys } from './keys';

export interface UpdateUserVariables {
  id: string;
  body: UpdateUserRequest;
}

/** PATCH /api/users/:id: profile, unit, roles, audiences, status. */
export function updateUser({ id, body }: UpdateUserVariables): Promise<UserDetail> {
  return apiClient.patch(`/users/${encodeURIComponent(id)}`, body, { schema: userDetailSchema });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: async (user) => {
      queryClient.setQueryData(usersQueryKeys.detail(user.id), user);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits }),
      ]);
    },
  });
}
