/**
 * The parts of a video.js player this feature uses. Typed here because video.js ships no types
 * for the bundled quality-levels plugin, and so hooks can be tested with a fake player without
 * loading video.js.
 */
export type PlayerListener = () => void;

export interface QualityLevelLike {
  id: string;
  height?: number;
  width?: number;
  bitrate?: number;
  enabled: boolean;
}

export interface QualityLevelListLike {
  readonly length: number;
  readonly [index: number]: QualityLevelLike;
  readonly selectedIndex: number;
  on(type: string, listener: PlayerListener): void;
  off(type: string, listener: PlayerListener): void;
}

export interface PlayerLike {
  on(type: string, listener: PlayerListener): void;
  off(type: string, listener: PlayerListener): void;
  one(type: string, listener: PlayerListener): void;
  currentTime(seconds?: number): number | undefined;
  duration(): number | undefined;
  paused(): boolean;
  playbackRate(): number | undefined;
  readyState(): number;
  isDisposed(): boolean;
  /** Present when the quality-levels plugin is registered (video.js 8 bundles it). */
  qualityLevels?: () => QualityLevelListLike;
}

/** A finite, non-negative number from a player getter that may answer undefined or NaN. */
export function safeSeconds(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
