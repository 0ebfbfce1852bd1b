import type { TFunction } from 'i18next';
import { ApiRequestError } from '@/lib/api-client';
import { getErrorMessage } from '@/lib/error-message';

/**
 * For refusals with a domain reason (403 not enrolled or locked, 409 still processing) the API's
 * own message says more than the generic one for the code; it is written in Vietnamese, so it is
 * used when the interface is Vietnamese.
 */
export function learningErrorMessage(error: unknown, t: TFunction, language: string): string {
  if (error instanceof ApiRequestError && (error.status === 403 || error.status === 409) && error.message && language === 'vi') return error.message;
  return getErrorMessage(error, t);
}
