import { authSessionSchema, type AuthSession, type Me, type Role } from '@bdhv/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { apiClient, ApiRequestError, configureApiAuth } from './api-client';

/**
 * The signed-in session. The access token lives in memory only (never in storage, out of reach
 * of injected scripts that outlive the page); the refresh token is an httpOnly cookie scoped to
 * /api/auth, so a reload restores the session with one POST /api/auth/refresh.
 *
 * Statuses:
 * - `loading`: asking the server (POST /api/auth/refresh) whether the refresh cookie is valid;
 * - `authenticated` / `anonymous`: known;
 * - `unknown`: not signed in on this page and the server was not asked yet. The app asks at start
 *   only when this browser signed in before (a non-secret hint in localStorage), so an anonymous
 *   visitor's first page makes no request that is bound to fail with 401; a page that needs
 *   sign-in asks before redirecting (see `ensureSession`).
 */
export type SessionStatus = 'loading' | 'unknown' | 'authenticated' | 'anonymous';

export interface SessionState {
  status: SessionStatus;
  user: Me | null;
}

interface InternalState extends SessionState {
  accessToken: string | null;
}

/** "This browser had a session": no token, just whether asking the server is worthwhile. */
const SESSION_HINT_KEY = 'bdhv.session';

function readHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return false;
  }
}

function writeHint(present: boolean): void {
  try {
    if (present) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Without storage the session is still restored on pages that need sign-in.
  }
}

function initialState(): InternalState {
  return { status: readHint() ? 'loading' : 'unknown', user: null, accessToken: null };
}

let state: InternalState = initialState();
let restoreStarted = false;
let refreshInFlight: Promise<AuthSession | null> | null = null;
const listeners = new Set<() => void>();

function setState(next: InternalState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): SessionState {
  return state;
}

export function getAccessToken(): string | null {
  return state.accessToken;
}

/** Stores the session returned by sign-in, registration or refresh. */
export function setSession(session: AuthSession): void {
  writeHint(true);
  setState({ status: 'authenticated', user: session.user, accessToken: session.accessToken });
}

/** Replaces the signed-in user's profile (after GET /api/auth/me), keeping the token. */
export function updateSessionUser(user: Me): void {
  if (state.status !== 'authenticated') return;
  setState({ ...state, user });
}

export function clearSession(): void {
  writeHint(false);
  setState({ status: 'anonymous', user: null, accessToken: null });
}

/**
 * POST /api/auth/refresh with the cookie. Concurrent callers share one request, so a burst of
 * 401s costs a single refresh. A refusal (4xx) ends the session; a network failure keeps the
 * current state, except while restoring, when it settles on signed out.
 */
export function refreshSession(): Promise<AuthSession | null> {
  // Pages waiting on an unknown session show "checking" rather than "signed out".
  if (!refreshInFlight && state.status === 'unknown') setState({ ...state, status: 'loading' });
  refreshInFlight ??= (async () => {
    try {
      const session = await apiClient.post('/auth/refresh', undefined, { schema: authSessionSchema });
      setSession(session);
      return session;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status < 500) clearSession();
      // Unreachable server: signed out for now, but keep the hint to try again on the next load.
      else if (state.status === 'loading') setState({ status: 'anonymous', user: null, accessToken: null });
      return null;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

/**
 * At app start: restores the session once per page load when this browser had one.
 * Later calls are no-ops.
 */
export function restoreSession(): void {
  if (restoreStarted) return;
  restoreStarted = true;
  // `loading` only when hinted; already signed in (a sign-in finished first) or no hint: nothing to do.
  if (state.status !== 'loading') return;
  void refreshSession();
}

/**
 * Asks the server once when the session is still unknown: for pages that need sign-in, and
 * after single sign-on (the provider set the cookie; this page has no hint yet).
 */
export function ensureSession(): void {
  if (state.status === 'unknown') void refreshSession();
}

/** Tests only: back to the state of a fresh page load. */
export function resetSession(): void {
  state = initialState();
  restoreStarted = false;
  refreshInFlight = null;
}

configureApiAuth({
  getAccessToken,
  refreshAccessToken: async () => (await refreshSession())?.accessToken ?? null,
});

export function hasAnyRole(user: Pick<Me, 'roles'> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** Roles that may open the administration area. */
export const ADMIN_AREA_ROLES: readonly Role[] = ['admin', 'unit_manager'];
export const TEACH_AREA_ROLES: readonly Role[] = ['trainer', 'admin'];

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

/**
 * Signs out: POST /api/auth/logout (best effort: the local session ends even if the server
 * cannot be reached), then forgets the token and every cached query.
 */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await apiClient.post('/auth/logout');
    } catch {
      // The cookie may already be gone; signing out locally is what the user asked for.
    }
    clearSession();
    queryClient.clear();
  }, [queryClient]);
}
