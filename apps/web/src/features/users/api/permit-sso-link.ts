import { oidcLinkPermitSchema, type OidcLinkPermit } from '@bdhv/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';

/**
 * POST /api/users/:id/oidc-link-permit (administrators): for 24 hours, the account's next single
 * sign-on with a verified matching email or phone links it without the account's password. For
 * administrators, unit managers and trainers, who are otherwise asked for that password.
 */
export function permitSsoLink(id: string): Promise<OidcLinkPermit> {
  return apiClient.post(`/users/${encodeURIComponent(id)}/oidc-link-permit`, undefined, { schema: oidcLinkPermitSchema });
}

export function usePermitSsoLink() {
  return useMutation({ mutationFn: permitSsoLink });
}
