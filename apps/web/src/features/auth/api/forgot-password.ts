import type { ForgotPasswordRequest } from '@bdhv/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';

/** POST /api/auth/forgot-password → always 202, so that nobody can learn which accounts exist. */
export function forgotPassword(body: ForgotPasswordRequest): Promise<void> {
  return apiClient.post<void>('/auth/forgot-password', body);
}

export function useForgotPassword() {
  return useMutation({ mutationFn: forgotPassword });
}
