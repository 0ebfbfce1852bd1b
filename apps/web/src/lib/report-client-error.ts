import type { ClientErrorReport } from '@bdhv/contracts';
import { isApiRequestError } from './api-client';

/**
 * Sends a crash to the server log (POST /api/telemetry/client-errors) so that it can be found
 * beside the request id. Best effort: reporting must never throw or loop.
 */
export function reportClientError(error: unknown, componentStack?: string | null): void {
  try {
    const err = error instanceof Error ? error : new Error(String(error));
    const report: ClientErrorReport = {
      message: (err.message || err.name || 'Unknown error').slice(0, 2000),
      stack: err.stack?.slice(0, 10_000),
      componentStack: componentStack?.slice(0, 10_000) || undefined,
      url: window.location.href.slice(0, 2000),
      requestId: isApiRequestError(error) ? error.requestId?.slice(0, 128) : undefined,
    };
    void fetch('/api/telemetry/client-errors', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // Nothing sensible left to do.
  }
}
