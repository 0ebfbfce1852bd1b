import { healthResponseSchema } from '@bdhv/contracts';
import { describe, expect, it } from 'vitest';
import { degradedResponse, healthyResponse, jsonResponse, stubFetch } from '@/test/render';
import { apiClient, apiRequest, ApiNetworkError, ApiRequestError, ApiResponseError, buildApiUrl } from './api-client';

const validationError = {
  statusCode: 400,
  code: 'VALIDATION_FAILED',
  message: 'Validation failed',
  errors: [
    { field: 'email', message: 'Invalid email' },
    { field: 'items.0.name', message: 'Required' },
  ],
  requestId: 'req-123',
};

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject');
}

describe('buildApiUrl', () => {
  it('prefixes /api and encodes query parameters, skipping empty ones', () => {
    expect(buildApiUrl('health')).toBe('/api/health');
    expect(buildApiUrl('/courses', { q: 'kỹ năng số', page: 2, draft: false, skip: undefined, none: null })).toBe(
      '/api/courses?q=k%E1%BB%B9+n%C4%83ng+s%E1%BB%91&page=2&draft=false',
    );
  });
});

describe('apiRequest', () => {
  it('returns the JSON body and sends cookies with JSON headers', async () => {
    const fetchMock = stubFetch(() => jsonResponse({ id: 1 }, { status: 201 }));

    await expect(apiClient.post('/items', { name: 'Bài 1' })).resolves.toEqual({ id: 1 });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/items');
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', body: JSON.stringify({ name: 'Bài 1' }) });
    expect(init?.headers).toMatchObject({ Accept: 'application/json', 'Content-Type': 'application/json' });
  });

  it('validates the body with the given schema', async () => {
    stubFetch(() => jsonResponse(healthyResponse));
    await expect(apiClient.get('/health', { schema: healthResponseSchema })).resolves.toEqual(healthyResponse);
  });

  it('returns undefined for an empty success body (204)', async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await expect(apiClient.delete('/items/1')).resolves.toBeUndefined();
  });

  it('throws ApiRequestError carrying status, code, message, field errors and requestId', async () => {
    stubFetch(() => jsonResponse(validationError, { status: 400 }));

    const error = await captureError(apiClient.post('/items', {}));

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      name: 'ApiRequestError',
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      requestId: 'req-123',
      fieldErrors: validationError.errors,
    });
  });

  it('still throws ApiRequestError when an error body is not an ApiError (e.g. a proxy page)', async () => {
    stubFetch(
      () =>
        new Response('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'edge-42' },
        }),
    );

    const error = await captureError(apiClient.get('/health'));

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE', requestId: 'edge-42', fieldErrors: [] });
    expect((error as Error).message).toContain('502');
  });

  it('accepts a listed non-2xx status whose body matches the schema', async () => {
    stubFetch(() => jsonResponse(degradedResponse, { status: 503 }));
    await expect(
      apiRequest('/health', { schema: healthResponseSchema, acceptStatuses: [503] }),
    ).resolves.toEqual(degradedResponse);
  });

  it('treats a listed status with an ApiError body as an error', async () => {
    stubFetch(() =>
      jsonResponse({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Maintenance', requestId: 'r-9' }, { status: 503 }),
    );
    await expect(
      apiRequest('/health', { schema: healthResponseSchema, acceptStatuses: [503] }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: 'r-9' });
  });

  it('throws a clear ApiResponseError for invalid JSON', async () => {
    stubFetch(() => new Response('{"status": "ok"', { status: 200, headers: { 'Content-Type': 'application/json' } }));

    const error = await captureError(apiClient.get('/health'));

    expect(error).toBeInstanceOf(ApiResponseError);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
    expect((error as Error).message).toBe('GET /api/health returned invalid JSON (status 200)');
  });

  it('throws ApiResponseError when the body does not match the schema', async () => {
    stubFetch(() => jsonResponse({ status: 'maybe' }));
    const error = await captureError(apiClient.get('/health', { schema: healthResponseSchema }));
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as Error).message).toContain('does not match the expected schema');
  });

  it('throws a clear ApiNetworkError when the server cannot be reached', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });

    const error = await captureError(apiClient.get('/health'));

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect((error as Error).message).toBe('GET /api/health failed: could not reach the server (Failed to fetch)');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('reports a timeout as ApiNetworkError with code TIMEOUT', async () => {
    stubFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
    );

    const error = await captureError(apiClient.get('/slow', { timeoutMs: 10 }));

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
  });

  it("rethrows the caller's abort untouched", async () => {
    stubFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const reason = new DOMException('Cancelled by the caller', 'AbortError');

    const pending = captureError(apiClient.get('/slow', { signal: controller.signal }));
    controller.abort(reason);

    expect(await pending).toBe(reason);
  });
});
