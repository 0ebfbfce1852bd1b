import { authSessionSchema, type AuthSession, type RegisterRequest } from '@bdhv/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { setSession } from '@/lib/session';

/** POST /api/auth/register → 201 with a session: the new resident is signed in at once. */
export function register(body: RegisterRequest): Promise<AuthSession> {
  return apiClient.post('/auth/register', body, { schema: authSessionSchema });
}

/** `onSuccess` runs after the session is stored, even if the form has unmounted by then. */
export function useRegister({ onSuccess }: { onSuccess?: (session: AuthSession) => void } = {}) {
  return useMutation({
    mutationFn: register,
    onSuccess: (session) => {
      setSession(session);
      onSuccess?.(session);
    },
  });
}
