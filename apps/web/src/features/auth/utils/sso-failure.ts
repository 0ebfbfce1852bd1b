import type { TFunction } from 'i18next';

/** Failure reasons (`?sso=error&reason=…`) that deserve their own explanation; others get the general one. */
const EXPLAINED = ['link_needs_admin', 'account_disabled', 'conflict', 'denied'] as const;

/** What to tell the person when single sign-on came back with an error. */
export function getSsoFailureMessage(reason: string | null, t: TFunction): string {
  const known = EXPLAINED.find((r) => r === reason);
  return known ? t(`auth.sso.reasons.${known}`) : t('auth.sso.failedBody');
}
