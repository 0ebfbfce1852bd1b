import { forceResetResponseSchema } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { usersQueryKeys } from './keys';

export interface ForceResetResult {
  sent: boolean;
  channel: 'email' | 'log';
}

/** POST /api/users/:id/force-reset (administrators): a one-time link; the user must choose a new password. */
export function forceReset(id: string): Promise<ForceResetResult> {
  return apiClient.post(`/users/${encodeURIComponent(id)}/force-reset`, undefined, { schema: forceResetResponseSchema });
}

export function useForceReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: forceReset,
    // `mustChangePassword` is now set.
    onSuccess: (_result, id) => queryClient.invalidateQueries({ queryKey: usersQueryKeys.detail(id) }),
  });
}
