import { apiErrorSchema, ErrorCode, type FieldError } from '@bdhv/contracts';

/** Base path of every API route; the dev server proxies it, production serves it same-origin. */
export const API_BASE_PATH = '/api';

/** Default time after which a request is abandoned and reported as a timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Client-side error codes, for failures that never produced an API error body. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  INVALID_RESPONSE: 'INVALID_RESPONSE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * Anything with a zod-compatible `safeParse`. Typed structurally so the web app does not
 * need zod itself; the schemas come from `@bdhv/contracts`.
 */
export interface ResponseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface ApiRequestOptions<T> {
  method?: HttpMethod;
  /** Serialized as JSON; a FormData is sent as multipart, a Blob as is (with its type). */
  body?: unknown;
  query?: QueryParams;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Validates (and types) the success body. Without it the body is returned unchecked. */
  schema?: ResponseSchema<T>;
  /**
   * Non-2xx statuses whose body is a regular response rather than an error,
   * e.g. 503 from `GET /api/health` carries a HealthResponse. Needs `schema`; a body that
   * does not match it is treated as an ordinary error response.
   */
  acceptStatuses?: readonly number[];
  /** 0 disables the timeout. */
  timeoutMs?: number;
}

/** The API answered with a non-2xx status. Carries the parsed `ApiError` body. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  readonly status: number;
  /** An `ErrorCode` from the contracts, or an unknown code from a newer API. */
  readonly code: string;
  readonly fieldErrors: FieldError[];
  /** Correlates with the API logs; absent only when the body was not an ApiError. */
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; message: string; fieldErrors?: FieldError[]; requestId?: string }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? [];
    this.requestId = init.requestId;
  }
}

/** The request never got an HTTP response: offline, DNS, CORS, connection refused, or timeout. */
export class ApiNetworkError extends Error {
  override readonly name = 'ApiNetworkError';
  readonly code: typeof ClientErrorCode.NETWORK_ERROR | typeof ClientErrorCode.TIMEOUT;

  constructor(message: string, code: ApiNetworkError['code'], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The API answered 2xx, but the body was not valid JSON or did not match the expected schema. */
export class ApiResponseError extends Error {
  override readonly name = 'ApiResponseError';
  readonly code = ClientErrorCode.INVALID_RESPONSE;
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(message: string, init: { status: number; requestId?: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

/** Builds `/api/<path>?<query>`; `path` may start with or without `/`. */
export function buildApiUrl(path: string, query?: QueryParams): string {
  const normalized = path.startsWith('/') ? path : `/${path}`;
  let url = `${API_BASE_PATH}${normalized}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.append(key, String(value));
    }
    const search = params.toString();
    if (search) url += `${url.includes('?') ? '&' : '?'}${search}`;
  }
  return url;
}

/** Error code to use when an error response has no ApiError body (e.g. an HTML page from a proxy). */
function fallbackCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return ErrorCode.BAD_REQUEST;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 405:
      return ErrorCode.METHOD_NOT_ALLOWED;
    case 409:
      return ErrorCode.CONFLICT;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return ErrorCode.TOO_MANY_REQUESTS;
    case 502:
    case 503:
    case 504:
      return ErrorCode.SERVICE_UNAVAILABLE;
    default:
      return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
  }
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; error: unknown };

async function readJson(response: Response): Promise<ParsedBody> {
  const text = await response.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Links the caller's signal and a timeout into one signal. `timedOut()` tells the two apart,
 * so a caller's cancellation (e.g. TanStack Query) is rethrown untouched.
 */
function createRequestSignal(signal: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * How the client authenticates. `lib/session.ts` installs it: the access token lives in memory
 * only, and a 401 is answered by one shared refresh (the refresh token is an httpOnly cookie).
 */
export interface ApiAuth {
  /** The current bearer token, or null when signed out. */
  getAccessToken(): string | null;
  /**
   * Obtains a new access token after a 401; resolves null when the session is gone.
   * Concurrent callers must share one refresh.
   */
  refreshAccessToken(): Promise<string | null>;
}

let apiAuth: ApiAuth | null = null;

export function configureApiAuth(auth: ApiAuth | null): void {
  apiAuth = auth;
}

/**
 * Auth endpoints that check credentials, a reset token or the refresh cookie answer 401 for their
 * own reasons (wrong password, expired cookie), so a 401 from them is final and never triggers a
 * refresh (which could loop). `/auth/me` and `/auth/change-password` authenticate with the bearer
 * token like any other call, so their 401 may mean an expired token and they are retried.
 */
const CREDENTIAL_ENDPOINTS = ['/auth/login', '/auth/register', '/auth/refresh', '/auth/logout', '/auth/forgot-password', '/auth/reset-password', '/auth/oidc'];

export function isCredentialEndpoint(path: string): boolean {
  const normalized = (path.startsWith('/') ? path : `/${path}`).split('?')[0]!;
  return CREDENTIAL_ENDPOINTS.some((endpoint) => normalized === endpoint || normalized.startsWith(`${endpoint}/`));
}

interface SendResult<B> {
  response: Response;
  body: B;
}

/**
 * One HTTP round trip: fetch plus reading the body, under the caller's signal and a timeout.
 * Failures without a response become ApiNetworkError; the caller's abort is rethrown untouched.
 */
async function send<B>(
  url: string,
  init: RequestInit & { method: HttpMethod },
  { signal, timeoutMs, read }: { signal: AbortSignal | undefined; timeoutMs: number; read: (response: Response) => Promise<B> },
): Promise<SendResult<B>> {
  const requestSignal = createRequestSignal(signal, timeoutMs);
  try {
    const response = await fetch(url, { ...init, credentials: 'include', signal: requestSignal.signal });
    return { response, body: await read(response) };
  } catch (error) {
    if (requestSignal.timedOut()) {
      throw new ApiNetworkError(`${init.method} ${url} timed out after ${timeoutMs} ms`, ClientErrorCode.TIMEOUT, { cause: error });
    }
    if (signal?.aborted) throw signal.reason ?? error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiNetworkError(`${init.method} ${url} failed: could not reach the server (${detail})`, ClientErrorCode.NETWORK_ERROR, {
      cause: error,
    });
  } finally {
    requestSignal.dispose();
  }
}

function isFormData(body: unknown): body is FormData {
  return typeof FormData !== 'undefined' && body instanceof FormData;
}

/** A Blob (e.g. a WebVTT file) is sent as is, with its own type as Content-Type. */
function isBlob(body: unknown): body is Blob {
  return typeof Blob !== 'undefined' && body instanceof Blob;
}

/**
 * Sends with the bearer token; on a 401 (except from the credential endpoints) refreshes the
 * session once, sharing the refresh with concurrent callers, and retries with the new token.
 * A token that changed while the request was in flight is used without another refresh.
 */
async function sendAuthorized<B>(
  path: string,
  url: string,
  method: HttpMethod,
  options: Pick<ApiRequestOptions<unknown>, 'body' | 'headers' | 'signal' | 'timeoutMs'>,
  read: (response: Response) => Promise<B>,
): Promise<SendResult<B>> {
  const { body, headers, signal, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const attempt = (token: string | null) => {
    const requestHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
    // The browser sets the multipart boundary itself.
    if (isBlob(body)) {
      if (body.type) requestHeaders['Content-Type'] = body.type;
    } else if (body !== undefined && !isFormData(body)) requestHeaders['Content-Type'] = 'application/json';
    if (token) requestHeaders['Authorization'] = `Bearer ${token}`;
    const payload = body === undefined ? undefined : isFormData(body) || isBlob(body) ? body : JSON.stringify(body);
    return send(url, { method, headers: requestHeaders, body: payload }, { signal, timeoutMs, read });
  };

  const sentToken = apiAuth?.getAccessToken() ?? null;
  const first = await attempt(sentToken);
  if (first.response.status !== 401 || !apiAuth || isCredentialEndpoint(path)) return first;
  const current = apiAuth.getAccessToken();
  const token = current && current !== sentToken ? current : await apiAuth.refreshAccessToken();
  if (!token) return first;
  return attempt(token);
}

function toRequestError(response: Response, parsed: ParsedBody, method: HttpMethod, url: string): ApiRequestError {
  const apiError = parsed.ok ? apiErrorSchema.safeParse(parsed.value) : undefined;
  if (apiError?.success) {
    return new ApiRequestError({
      status: response.status,
      code: apiError.data.code,
      message: apiError.data.message,
      fieldErrors: apiError.data.errors,
      requestId: apiError.data.requestId,
    });
  }
  return new ApiRequestError({
    status: response.status,
    code: fallbackCodeForStatus(response.status),
    message: `${method} ${url} failed with status ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
}

/**
 * Calls the API and returns the (optionally schema-validated) JSON body. Sends the bearer token
 * when signed in, and refreshes the session once on a 401 (see `sendAuthorized`).
 *
 * @throws ApiRequestError   non-2xx status (body parsed with `apiErrorSchema`)
 * @throws ApiNetworkError   no response at all, or timeout
 * @throws ApiResponseError  2xx with invalid JSON or a body that fails `schema`
 * @throws the caller's abort reason when `signal` aborts
 */
export async function apiRequest<T = unknown>(path: string, options: ApiRequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', query, schema, acceptStatuses = [] } = options;
  const url = buildApiUrl(path, query);
  const { response, body: parsed } = await sendAuthorized(path, url, method, options, readJson);
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;

  if (!response.ok) {
    if (schema && acceptStatuses.includes(response.status) && parsed.ok) {
      const accepted = schema.safeParse(parsed.value);
      if (accepted.success) return accepted.data;
    }
    throw toRequestError(response, parsed, method, url);
  }

  if (!parsed.ok) {
    throw new ApiResponseError(`${method} ${url} returned invalid JSON (status ${response.status})`, {
      status: response.status,
      requestId: headerRequestId,
      cause: parsed.error,
    });
  }
  if (!schema) return parsed.value as T;
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    throw new ApiResponseError(`${method} ${url} returned a body that does not match the expected schema`, {
      status: response.status,
      requestId: headerRequestId,
      cause: result.error,
    });
  }
  return result.data;
}

/**
 * Downloads a file from the API with the same authentication as `apiRequest` (a plain link
 * cannot carry the in-memory bearer token). Error responses throw ApiRequestError.
 */
export async function apiDownload(
  path: string,
  options: Pick<ApiRequestOptions<unknown>, 'query' | 'signal' | 'timeoutMs'> = {},
): Promise<Blob> {
  const url = buildApiUrl(path, options.query);
  const { response, body } = await sendAuthorized(path, url, 'GET', { ...options, headers: { Accept: '*/*' } }, async (res) =>
    res.ok ? { ok: true as const, blob: await res.blob() } : { ok: false as const, parsed: await readJson(res) },
  );
  if (!body.ok) throw toRequestError(response, body.parsed, 'GET', url);
  return body.blob;
}

type MethodOptions<T> = Omit<ApiRequestOptions<T>, 'method' | 'body'>;

/** Convenience verbs over `apiRequest`. Paths are relative to `/api`. */
export const apiClient = {
  get: <T = unknown>(path: string, options?: MethodOptions<T>) => apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T = unknown>(path: string, body?: unknown, options?: MethodOptions<T>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T = unknown>(path: string, body?: unknown, options?: MethodOptions<T>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T = unknown>(path: string, body?: unknown, options?: MethodOptions<T>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = unknown>(path: string, options?: MethodOptions<T>) => apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
