import type { TFunction } from 'i18next';
import { ApiRequestError } from '@/lib/api-client';
import { getErrorMessage } from '@/lib/error-message';

/** Codes the auth endpoints add to the shared ErrorCode list. */
export const AuthErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_TOKEN: 'INVALID_TOKEN',
} as const;

/** True when the message came from an ApiError body rather than the client's own fallback text. */
function hasServerMessage(error: ApiRequestError): boolean {
  return error.message !== '' && !/^(GET|POST|PUT|PATCH|DELETE) \/api\//.test(error.message);
}

/**
 * Messages for sign-in, registration and password forms. A 429 shows the server's own
 * (Vietnamese) message, which says how long to wait.
 */
export function getAuthErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError) {
    if (error.code === AuthErrorCode.INVALID_CREDENTIALS) return t('auth.errors.invalidCredentials');
    if (error.code === AuthErrorCode.INVALID_TOKEN) return t('auth.errors.invalidToken');
    if (error.status === 429 && hasServerMessage(error)) return error.message;
  }
  return getErrorMessage(error, t);
}
