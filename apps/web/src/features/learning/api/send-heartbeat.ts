import { progressUpdateSchema, type HeartbeatRequest, type ProgressUpdate } from '@bdhv/contracts';
import { apiClient, buildApiUrl } from '@/lib/api-client';
import { getAccessToken } from '@/lib/session';

/** POST /api/progress/lessons/:lessonId/heartbeat: what was watched since the last report, and the position. */
export function sendHeartbeat(lessonId: string, body: HeartbeatRequest): Promise<ProgressUpdate> {
  return apiClient.post(`/progress/lessons/${encodeURIComponent(lessonId)}/heartbeat`, body, { schema: progressUpdateSchema });
}

/**
 * The last report when the page is hidden or closed. `navigator.sendBeacon` cannot carry the bearer
 * token, so this is a `keepalive` fetch, which the browser finishes after the page is gone. Nobody
 * waits for the answer and failures are ignored: the next visit reports again.
 */
export function sendHeartbeatOnExit(lessonId: string, body: HeartbeatRequest): void {
  const token = getAccessToken();
  if (!token) return;
  try {
    void fetch(buildApiUrl(`/progress/lessons/${encodeURIComponent(lessonId)}/heartbeat`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      credentials: 'include',
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // Some browsers refuse keepalive requests while unloading; nothing more can be done then.
  }
}
