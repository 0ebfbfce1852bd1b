/**
 * Turns the events of a playing video into the ranges that were really watched, for progress
 * heartbeats. The rules (see docs/decisions.md, issue 4): only time that played counts; a seek
 * ends the current range and the next one starts where playback resumes, so a skipped part is
 * never reported; a jump in `currentTime` that the elapsed wall-clock time cannot explain is
 * treated like a seek (the `seeking` event may arrive after the first `timeupdate` at the target).
 *
 * Pure: no DOM, no player. The caller feeds it the player's events and asks for the ranges to
 * report with `take()`; a report that failed can be put back with `restore()`.
 */

/** [startSeconds, endSeconds] of the media, end > start. */
export type WatchRange = [number, number];

/** The API accepts at most this many ranges per heartbeat. */
export const MAX_RANGES_PER_REPORT = 20;
/** Shorter pieces are noise (a click on play then pause) and are not reported. */
export const MIN_RANGE_SECONDS = 0.05;
/** Media time allowed beyond what the wall clock explains between two time updates. */
export const TIME_JUMP_TOLERANCE_SECONDS = 1;

export interface WatchRangeTrackerOptions {
  /** Wall clock in milliseconds; injected by tests. */
  now?: () => number;
  maxRangesPerReport?: number;
  toleranceSeconds?: number;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Sorts, merges overlapping or touching ranges and drops the too-short ones. */
export function mergeRanges(ranges: readonly WatchRange[]): WatchRange[] {
  const sorted = ranges
    .map(([start, end]): WatchRange => [Math.max(0, start), Math.max(0, end)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: WatchRange[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1] + 0.001) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.filter(([start, end]) => end - start >= MIN_RANGE_SECONDS).map(([start, end]) => [round(start), round(end)]);
}

export class WatchRangeTracker {
  private readonly now: () => number;
  private readonly maxRanges: number;
  private readonly tolerance: number;
  /** Finished ranges not yet reported. */
  private pending: WatchRange[] = [];
  /** Start of the range being watched, or null when nothing is being watched. */
  private openStart: number | null = null;
  /** Last position accepted into the open range, and when (wall clock, ms). */
  private lastTime = 0;
  private lastAt = 0;
  private playing = false;
  private inSeek = false;

  constructor(options: WatchRangeTrackerOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.maxRanges = options.maxRangesPerReport ?? MAX_RANGES_PER_REPORT;
    this.tolerance = options.toleranceSeconds ?? TIME_JUMP_TOLERANCE_SECONDS;
  }

  /** Playback started or resumed at `time`. */
  play(time: number): void {
    this.playing = true;
    if (!this.inSeek && this.openStart === null) this.open(time);
  }

  /** A `timeupdate` while the media plays at `rate`. */
  timeUpdate(time: number, rate = 1): void {
    if (!this.playing || this.inSeek) return;
    if (this.openStart === null) {
      this.open(time);
      return;
    }
    if (!this.advance(time, rate)) {
      this.close();
      this.open(time);
    }
  }

  /** The user (or the app) started a seek: what was watched so far ends at the last accepted time. */
  seeking(): void {
    this.close();
    this.inSeek = true;
  }

  /** The seek finished at `time`; watching continues from there if the media is playing. */
  seeked(time: number): void {
    this.inSeek = false;
    if (this.playing) this.open(time);
  }

  /** Paused (or ended, or the page is going away) at `time`. */
  pause(time: number, rate = 1): void {
    if (this.openStart !== null && !this.inSeek) this.advance(time, rate);
    this.close();
    this.playing = false;
  }

  ended(time: number, rate = 1): void {
    this.pause(time, rate);
  }

  /**
   * The ranges to report now (merged, at most the API's limit); the rest stay queued. The range
   * being watched is cut at its last accepted time and continues from there.
   */
  take(): WatchRange[] {
    if (this.openStart !== null && this.lastTime > this.openStart) {
      this.pending.push([this.openStart, this.lastTime]);
      this.openStart = this.lastTime;
    }
    const merged = mergeRanges(this.pending);
    this.pending = merged.slice(this.maxRanges);
    return merged.slice(0, this.maxRanges);
  }

  /** Puts back ranges whose report failed, so the next report carries them. */
  restore(ranges: readonly WatchRange[]): void {
    this.pending = [...ranges.map(([start, end]): WatchRange => [start, end]), ...this.pending];
  }

  /** Whether anything watched is waiting to be reported. */
  hasPending(): boolean {
    return this.pending.length > 0 || (this.openStart !== null && this.lastTime - this.openStart >= MIN_RANGE_SECONDS);
  }

  isPlaying(): boolean {
    return this.playing;
  }

  private open(time: number): void {
    this.openStart = time;
    this.lastTime = time;
    this.lastAt = this.now();
  }

  /** Moves the open range to `time` when normal playback explains the step; false for a jump. */
  private advance(time: number, rate: number): boolean {
    const step = time - this.lastTime;
    const elapsed = Math.max(0, (this.now() - this.lastAt) / 1000);
    if (step < 0 || step > elapsed * Math.max(rate, 1) + this.tolerance) return false;
    this.lastTime = time;
    this.lastAt = this.now();
    return true;
  }

  private close(): void {
    if (this.openStart !== null && this.lastTime > this.openStart) this.pending.push([this.openStart, this.lastTime]);
    this.openStart = null;
  }
}
