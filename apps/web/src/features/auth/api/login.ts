import { authSessionSchema, type AuthSession, type LoginRequest } from '@bdhv/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { setSession } from '@/lib/session';

/** POST /api/auth/login → the session (access token + user); the refresh cookie is set by the server. */
export function login(body: LoginRequest): Promise<AuthSession> {
  return apiClient.post('/auth/login', body, { schema: authSessionSchema });
}

/** `onSuccess` runs after the session is stored, even if the form has unmounted by then. */
export function useLogin({ onSuccess }: { onSuccess?: (session: AuthSession) => void } = {}) {
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      setSession(session);
      onSuccess?.(session);
    },
  });
}
