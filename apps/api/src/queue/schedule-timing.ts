import { defaultRepeatStrategy } from 'bullmq';
import type { ScheduleTiming } from './job-map';

/** Shortest interval a recurring schedule may have: schedules are for periodic work, not polling. */
export const MIN_SCHEDULE_EVERY_MS = 100;

/**
 * Refuses a timing that could never fire (bad cron pattern, unknown time zone, a zero interval), at
 * registration rather than at the first slot. Cron patterns are read by the parser BullMQ uses, so
 * both drivers understand the same patterns.
 */
export function assertValidTiming(id: string, timing: ScheduleTiming): void {
  if ('every' in timing) {
    if (!Number.isInteger(timing.every) || timing.every < MIN_SCHEDULE_EVERY_MS) {
      throw new Error(`Schedule "${id}": "every" must be a whole number of milliseconds ≥ ${MIN_SCHEDULE_EVERY_MS}`);
    }
    return;
  }
  try {
    if (!nextCronSlot(timing, Date.now())) throw new Error('no future slot');
  } catch (err) {
    throw new Error(`Schedule "${id}": invalid cron pattern "${timing.cron}"${timing.tz ? ` in ${timing.tz}` : ''} (${(err as Error).message})`);
  }
}

/** The first slot strictly after `afterMs` for a cron timing (the same answer BullMQ computes). */
export function nextCronSlot(timing: { cron: string; tz?: string }, afterMs: number): number | undefined {
  return defaultRepeatStrategy(afterMs, { pattern: timing.cron, tz: timing.tz });
}

export function describeTiming(timing: ScheduleTiming): string {
  return 'every' in timing ? `every ${timing.every} ms` : `cron "${timing.cron}"${timing.tz ? ` (${timing.tz})` : ''}`;
}
