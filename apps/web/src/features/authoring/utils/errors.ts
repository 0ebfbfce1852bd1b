import { ErrorCode } from '@bdhv/contracts';
import type { TFunction } from 'i18next';
import { ApiRequestError } from '@/lib/api-client';
import { getErrorMessage } from '@/lib/error-message';

/**
 * Codes whose message explains a domain rule the trainer can act on ("only drafts can be deleted",
 * "not a video", "too large: at most 2 MB"); the server words it, in Vietnamese.
 */
const EXPLAINED_CODES = new Set<string>([ErrorCode.CONFLICT, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.VALIDATION_FAILED, ErrorCode.NOT_FOUND]);

/** The server's own explanation for rule violations, the generic translation otherwise. */
export function authoringErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError && EXPLAINED_CODES.has(error.code) && error.message && error.requestId) {
    const fieldMessages = error.fieldErrors.map((fieldError) => fieldError.message);
    // A validation failure with one field error says it best.
    if (error.code === ErrorCode.VALIDATION_FAILED && fieldMessages.length === 1) return fieldMessages[0]!;
    return error.message;
  }
  return getErrorMessage(error, t);
}
