import { authSessionSchema, oidcPendingLinkSchema, type AuthSession, type OidcLinkConfirmRequest, type OidcPendingLink } from '@bdhv/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { setSession } from '@/lib/session';

/**
 * Single sign-on matched an administrator's, unit manager's or trainer's account: the API keeps a
 * pending link (10 minutes, bound to this browser by an httpOnly cookie) until the account's
 * password confirms it.
 */
export const oidcLinkQueryKey = ['auth', 'oidc', 'link'] as const;

/** GET /api/auth/oidc/link: which account, at which provider, until when. */
export function getOidcLink(signal?: AbortSignal): Promise<OidcPendingLink> {
  return apiClient.get('/auth/oidc/link', { schema: oidcPendingLinkSchema, signal });
}

export function getOidcLinkQueryOptions() {
  return queryOptions({
    queryKey: oidcLinkQueryKey,
    queryFn: ({ signal }) => getOidcLink(signal),
    // A missing or expired link is an answer, not a glitch to retry.
    retry: false,
    staleTime: Infinity,
  });
}

export function useOidcLink() {
  return useQuery(getOidcLinkQueryOptions());
}

/** POST /api/auth/oidc/link → the session; a wrong password names the field `password`. */
export function confirmOidcLink(body: OidcLinkConfirmRequest): Promise<AuthSession> {
  return apiClient.post('/auth/oidc/link', body, { schema: authSessionSchema });
}

/** `onSuccess` runs after the session is stored, even if the form has unmounted by then. */
export function useConfirmOidcLink({ onSuccess }: { onSuccess?: (session: AuthSession) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmOidcLink,
    onSuccess: (session) => {
      queryClient.removeQueries({ queryKey: oidcLinkQueryKey });
      setSession(session);
      onSuccess?.(session);
    },
  });
}

/** DELETE /api/auth/oidc/link: "do not link". */
export function cancelOidcLink(): Promise<void> {
  return apiClient.delete<void>('/auth/oidc/link');
}

export function useCancelOidcLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelOidcLink,
    onSettled: () => queryClient.removeQueries({ queryKey: oidcLinkQueryKey }),
  });
}
