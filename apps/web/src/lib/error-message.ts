import { ErrorCode } from '@bdhv/contracts';
import type { TFunction } from 'i18next';
import { ApiNetworkError, ApiRequestError, ApiResponseError, ClientErrorCode } from './api-client';

const knownErrorCodes = new Set<string>(Object.values(ErrorCode));

export function isKnownErrorCode(code: string): code is ErrorCode {
  return knownErrorCodes.has(code);
}

/**
 * Turns any thrown value into a message fit for the user, in the current language.
 * Known API error codes map to translations; an unknown code falls back to the server's message.
 * Programming errors never leak their technical message.
 */
export function getErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError) {
    if (isKnownErrorCode(error.code)) return t(`errors.codes.${error.code}`);
    return error.message || t('errors.unknown');
  }
  if (error instanceof ApiNetworkError) {
    return error.code === ClientErrorCode.TIMEOUT ? t('errors.timeout') : t('errors.network');
  }
  if (error instanceof ApiResponseError) return t('errors.invalidResponse');
  return t('errors.unknown');
}

/** The request id to show for support, when the error carries one. */
export function getErrorRequestId(error: unknown): string | undefined {
  if (error instanceof ApiRequestError || error instanceof ApiResponseError) return error.requestId;
  return undefined;
}
