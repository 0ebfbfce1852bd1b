import { useEffect } from 'react';
import { safeSeconds, type PlayerLike } from '../utils/player';

/** Closer than this to the end (or a tenth of a short video), a video starts again instead of resuming. */
export const RESUME_END_MARGIN_SECONDS = 5;

/** Whether `position` is worth resuming from in a video of `duration` seconds (unknown duration: yes). */
export function shouldResume(position: number, duration: number | null | undefined): boolean {
  if (position < 1) return false;
  return !duration || position < duration - Math.min(RESUME_END_MARGIN_SECONDS, duration / 10);
}

/** Seeks once to `position` when the video's metadata is known. `position` must not change afterwards. */
export function useResumePosition(player: PlayerLike | null, position: number): void {
  useEffect(() => {
    if (!player || position < 1) return;
    let done = false;
    const seek = () => {
      if (done || player.isDisposed()) return;
      done = true;
      if (shouldResume(position, safeSeconds(player.duration()))) player.currentTime(position);
    };
    if (player.readyState() >= 1) seek();
    else player.one('loadedmetadata', seek);
    return () => {
      done = true;
      if (!player.isDisposed()) player.off('loadedmetadata', seek);
    };
  }, [player, position]);
}
