import { oidcConfigSchema } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';

export const oidcConfigQueryKey = ['auth', 'oidc'] as const;

/** Where the browser goes to start single sign-on (a full page navigation, not a fetch). */
export const OIDC_START_URL = '/api/auth/oidc/start';

export interface OidcConfig {
  enabled: boolean;
  displayName: string | null;
}

/** GET /api/auth/oidc: whether single sign-on is offered, and the provider's name. */
export function getOidcConfig(signal?: AbortSignal): Promise<OidcConfig> {
  return apiClient.get('/auth/oidc', { schema: oidcConfigSchema, signal });
}

export function getOidcConfigQueryOptions() {
  return queryOptions({
    queryKey: oidcConfigQueryKey,
    queryFn: ({ signal }) => getOidcConfig(signal),
    staleTime: 10 * 60_000,
    // Optional feature: a failure just hides the button.
    retry: false,
  });
}

export function useOidcConfig() {
  return useQuery(getOidcConfigQueryOptions());
}
