import { describe, expect, it } from 'vitest';
import { ApiNetworkError, ApiRequestError } from './api-client';
import { shouldRetryQuery } from './query-client';

const httpError = (status: number) => new ApiRequestError({ status, code: 'X', message: 'x', requestId: 'r' });

describe('shouldRetryQuery', () => {
  it('does not retry client errors: the same request would fail again', () => {
    expect(shouldRetryQuery(0, httpError(400))).toBe(false);
    expect(shouldRetryQuery(0, httpError(403))).toBe(false);
    expect(shouldRetryQuery(0, httpError(404))).toBe(false);
  });

  it('retries transient failures twice', () => {
    for (const error of [httpError(503), httpError(429), new ApiNetworkError('offline', 'NETWORK_ERROR')]) {
      expect(shouldRetryQuery(0, error)).toBe(true);
      expect(shouldRetryQuery(1, error)).toBe(true);
      expect(shouldRetryQuery(2, error)).toBe(false);
    }
  });
});
