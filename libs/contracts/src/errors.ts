import { z } from 'zod';

/**
 * Stable machine-readable error codes, declared by domain. Every code the API sends is declared here
 * (apps/api/src/common/error-codes.spec.ts fails otherwise), and the web app turns each into a
 * Vietnamese and an English message in one place (apps/web/src/lib/error-message.ts).
 */

/** Protocol-level errors any route can answer. */
export const CommonErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  BAD_REQUEST: 'BAD_REQUEST',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  URI_TOO_LONG: 'URI_TOO_LONG',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
} as const;

/** Sign-in, sessions, password resets and single sign-on. */
export const AuthErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  INVALID_TOKEN: 'INVALID_TOKEN',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  OIDC_DISABLED: 'OIDC_DISABLED',
  /** The pending single sign-on link is missing, expired, already used or given up after wrong passwords. */
  OIDC_LINK_INVALID: 'OIDC_LINK_INVALID',
} as const;

/** The organisation tree. */
export const OrgUnitErrorCode = {
  ORG_UNIT_ROOT: 'ORG_UNIT_ROOT',
  ORG_UNIT_MERGED: 'ORG_UNIT_MERGED',
} as const;

/** Every declared code. A domain adds its own object above and spreads it in here. */
export const ErrorCode = { ...CommonErrorCode, ...AuthErrorCode, ...OrgUnitErrorCode } as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** True when `code` is a declared error code. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ErrorCode, code);
}

export const fieldErrorSchema = z.object({
  /** Dotted path of the offending field, e.g. `items.0.name`; empty for the body itself. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The one error shape every failing API response has. */
export const apiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
    requestId: z.string(),
  })
  ;
export type ApiError = z.infer<typeof apiErrorSchema>;
