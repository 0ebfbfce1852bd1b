import { userDetailSchema, type CreateUserRequest, type UserDetail } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';
import { usersQueryKeys } from './keys';

/** POST /api/users. */
export function createUser(body: CreateUserRequest): Promise<UserDetail> {
  return apiClient.post('/users', body, { schema: userDetailSchema });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      queryClient.setQueryData(usersQueryKeys.detail(user.id), user);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() }),
        // Units show how many users they have.
        queryClient.invalidateQueries({ queryKey: queryKeyRoots.orgUnits }),
      ]);
    },
  });
}
