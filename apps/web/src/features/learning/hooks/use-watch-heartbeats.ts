import type { HeartbeatRequest, ProgressUpdate } from '@bdhv/contracts';
import { useEffect, useRef } from 'react';
import { ApiNetworkError, ApiRequestError } from '@/lib/api-client';
import { sendHeartbeat, sendHeartbeatOnExit } from '../api/send-heartbeat';
import { safeSeconds, type PlayerLike } from '../utils/player';
import { WatchRangeTracker } from '../utils/watch-ranges';

/** How often a playing video reports what was watched. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** A position change smaller than this is not worth a report of its own. */
const POSITION_EPSILON_SECONDS = 1;

export interface WatchHeartbeatOptions {
  lessonId: string;
  /** Off for previews: nothing is written. */
  enabled: boolean;
  onUpdate: (update: ProgressUpdate) => void;
  intervalMs?: number;
  /** Injected by tests. */
  send?: (lessonId: string, body: HeartbeatRequest) => Promise<ProgressUpdate>;
  sendOnExit?: (lessonId: string, body: HeartbeatRequest) => void;
}

/** The report may be tried again later: a lost write race (409), a busy or unreachable server. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ApiNetworkError) return true;
  if (error instanceof ApiRequestError) return error.status === 409 || error.status === 408 || error.status === 429 || error.status >= 500;
  return false;
}

/** The server will not take reports for this lesson (signed out, unenrolled, locked): stop sending. */
function isFinal(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.status === 401 || error.status === 403 || error.status === 404);
}

const roundPosition = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Reports video watching to the API (protocol in docs/decisions.md, issue 4): `{ ranges: [], position }`
 * when playback starts, then every 10 s while playing and on pause, end, page hide and leaving the
 * lesson, each time with only the ranges played since the previous report. Reports go one at a time;
 * a failed one (409 included) is folded into the next. Errors are never shown: progress is best effort.
 */
export function useWatchHeartbeats(player: PlayerLike | null, options: WatchHeartbeatOptions): void {
  const { lessonId, enabled, intervalMs = HEARTBEAT_INTERVAL_MS } = options;
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    if (!player || !enabled) return;
    const send = latest.current.send ?? sendHeartbeat;
    const sendOnExit = latest.current.sendOnExit ?? sendHeartbeatOnExit;
    const tracker = new WatchRangeTracker();
    let lastKnownTime = safeSeconds(player.currentTime());
    let lastReportedPosition: number | null = null;
    let queue: Promise<void> = Promise.resolve();
    let busy = false;
    let stopped = false;
    // Nothing is reported for a video that was never played (it would mark the lesson as started).
    let started = false;

    const rate = () => player.playbackRate() || 1;
    const readTime = () => {
      if (!player.isDisposed()) lastKnownTime = safeSeconds(player.currentTime());
      return lastKnownTime;
    };
    const positionMoved = (position: number) =>
      started && (lastReportedPosition === null || Math.abs(position - lastReportedPosition) >= POSITION_EPSILON_SECONDS);

    const deliver = async (body: HeartbeatRequest) => {
      busy = true;
      try {
        const update = await send(lessonId, body);
        lastReportedPosition = body.position;
        latest.current.onUpdate(update);
      } catch (error) {
        if (isRetryable(error)) tracker.restore(body.ranges);
        else if (isFinal(error)) stopped = true;
      } finally {
        busy = false;
      }
    };

    /** Queues a report; its body is built when its turn comes, so it carries everything watched until then. */
    const enqueue = (kind: 'start' | 'tick' | 'stop') => {
      queue = queue.then(async () => {
        if (stopped) return;
        const position = roundPosition(lastKnownTime);
        if (kind === 'start') return deliver({ ranges: [], position });
        const ranges = tracker.take();
        if (ranges.length === 0 && (kind === 'tick' || !positionMoved(position))) return;
        return deliver({ ranges, position });
      });
    };

    /** The page may be going away: report now, without waiting for earlier reports. */
    const reportOnExit = () => {
      if (stopped) return;
      const ranges = tracker.take();
      const position = roundPosition(lastKnownTime);
      if (ranges.length === 0 && !positionMoved(position)) return;
      lastReportedPosition = position;
      sendOnExit(lessonId, { ranges, position });
    };

    const onPlay = () => {
      started = true;
      tracker.play(readTime());
      enqueue('start');
    };
    const onTimeUpdate = () => tracker.timeUpdate(readTime(), rate());
    const onSeeking = () => tracker.seeking();
    const onSeeked = () => tracker.seeked(readTime());
    const onPause = () => {
      tracker.pause(readTime(), rate());
      enqueue('stop');
    };
    const onEnded = () => {
      tracker.ended(readTime(), rate());
      enqueue('stop');
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') reportOnExit();
    };
    const listeners: [string, () => void][] = [
      ['play', onPlay],
      ['timeupdate', onTimeUpdate],
      ['seeking', onSeeking],
      ['seeked', onSeeked],
      ['pause', onPause],
      ['ended', onEnded],
    ];
    for (const [type, listener] of listeners) player.on(type, listener);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', reportOnExit);
    const timer = window.setInterval(() => {
      if (tracker.isPlaying() && !busy) enqueue('tick');
    }, intervalMs);

    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', reportOnExit);
      // The player may already be disposed (its own cleanup can run first); disposal drops its listeners.
      if (!player.isDisposed()) for (const [type, listener] of listeners) player.off(type, listener);
      // Leaving the lesson inside the app: report what is left; the page stays, so a normal request is fine.
      tracker.pause(lastKnownTime);
      enqueue('stop');
    };
  }, [player, enabled, lessonId, intervalMs]);
}
