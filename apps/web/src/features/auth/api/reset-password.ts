import type { ResetPasswordRequest } from '@bdhv/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';

/** POST /api/auth/reset-password → 204; 400 INVALID_TOKEN for an unknown, used or expired link. */
export function resetPassword(body: ResetPasswordRequest): Promise<void> {
  return apiClient.post<void>('/auth/reset-password', body);
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
