import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientErrorReportSchema } from '@bdhv/contracts';
import { ApiRequestError } from './api-client';
import { reportClientError } from './report-client-error';

describe('reportClientError', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts a report the server accepts, carrying the failed request id', () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(null, { status: 202 }));
    vi.stubGlobal('fetch', fetchMock);
    const error = new ApiRequestError({ status: 500, code: 'INTERNAL_ERROR', message: 'Lỗi', requestId: 'req-123456' });
    reportClientError(error, '\n    at HomePage');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/telemetry/client-errors');
    const body = clientErrorReportSchema.parse(JSON.parse(init.body));
    expect(body).toMatchObject({ message: 'Lỗi', requestId: 'req-123456', componentStack: '\n    at HomePage' });
  });

  it('never throws, even when the network is down', () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('offline')));
    expect(() => reportClientError('weird')).not.toThrow();
  });
});
