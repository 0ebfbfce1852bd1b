import type { ChangePasswordRequest } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { meQueryKey } from './get-me';

/** POST /api/auth/change-password → 204. A wrong current password names the field `currentPassword`. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return apiClient.post<void>('/auth/change-password', body);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // `mustChangePassword` clears on the server.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
