import type { HeartbeatRequest, ProgressUpdate } from '@bdhv/contracts';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '@/lib/api-client';
import { lessonProgress, makeUpdate } from '../testing/fixtures';
import type { PlayerLike } from '../utils/player';
import { useWatchHeartbeats } from './use-watch-heartbeats';

/** A player double: `emit` fires its events, `time` is what `currentTime()` answers. */
class FakePlayer implements PlayerLike {
  time = 0;
  private listeners = new Map<string, Set<() => void>>();
  on(type: string, listener: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  off(type: string, listener: () => void) {
    this.listeners.get(type)?.delete(listener);
  }
  one(type: string, listener: () => void) {
    const once = () => {
      this.off(type, once);
      listener();
    };
    this.on(type, once);
  }
  emit(type: string) {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener();
  }
  currentTime() {
    return this.time;
  }
  duration() {
    return 300;
  }
  paused() {
    return false;
  }
  playbackRate() {
    return 1;
  }
  readyState() {
    return 4;
  }
  isDisposed() {
    return false;
  }
  /** Plays `seconds` in 250 ms steps of fake time. */
  play(seconds: number) {
    for (let i = 0; i < seconds * 4; i++) {
      vi.advanceTimersByTime(250);
      this.time += 0.25;
      this.emit('timeupdate');
    }
  }
}

const update = makeUpdate(lessonProgress('l1', 'in_progress'), 10);

function setup(send: (lessonId: string, body: HeartbeatRequest) => Promise<ProgressUpdate>, enabled = true) {
  const player = new FakePlayer();
  const sent: HeartbeatRequest[] = [];
  const onExit: HeartbeatRequest[] = [];
  const onUpdate = vi.fn();
  const hook = renderHook(() =>
    useWatchHeartbeats(player, {
      lessonId: 'l1',
      enabled,
      onUpdate,
      send: (lessonId, body) => {
        sent.push(structuredClone(body));
        return send(lessonId, body);
      },
      sendOnExit: (_lessonId, body) => onExit.push(structuredClone(body)),
    }),
  );
  return { player, sent, onExit, onUpdate, hook };
}

/** Lets queued reports run. */
const flush = () => act(async () => {
  await vi.advanceTimersByTimeAsync(0);
});

describe('useWatchHeartbeats', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the start, every 10 s while playing, and the pause, with only what was played', async () => {
    const { player, sent, onUpdate } = setup(async () => update);
    player.time = 30;
    player.emit('play');
    await flush();
    expect(sent).toEqual([{ ranges: [], position: 30 }]);

    player.play(10);
    await flush();
    expect(sent[1]).toEqual({ ranges: [[30, 40]], position: 40 });

    player.play(3);
    player.emit('pause');
    await flush();
    expect(sent[2]).toEqual({ ranges: [[40, 43]], position: 43 });
    expect(sent).toHaveLength(3);
    expect(onUpdate).toHaveBeenCalledTimes(3);
  });

  it('never reports the part skipped by a seek', async () => {
    const { player, sent } = setup(async () => update);
    player.emit('play');
    player.play(2);
    player.emit('seeking');
    player.time = 120;
    player.emit('seeked');
    player.play(2);
    player.emit('pause');
    await flush();
    expect(sent.at(-1)).toEqual({
      ranges: [
        [0, 2],
        [120, 122],
      ],
      position: 122,
    });
  });

  it('keeps the ranges of a report answered 409 and sends them with the next one', async () => {
    let conflict = true;
    const { player, sent } = setup(async () => {
      if (conflict && sent.length === 2) throw new ApiRequestError({ status: 409, code: 'CONFLICT', message: 'busy' });
      return update;
    });
    player.emit('play');
    player.play(10);
    await flush();
    expect(sent[1]!.ranges).toEqual([[0, 10]]);
    conflict = false;

    player.play(4);
    player.emit('pause');
    await flush();
    expect(sent[2]).toEqual({ ranges: [[0, 14]], position: 14 });
  });

  it('reports with a keepalive request when the page is hidden', async () => {
    const { player, onExit } = setup(async () => update);
    player.emit('play');
    player.play(4);
    await flush();

    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(onExit).toEqual([{ ranges: [[0, 4]], position: 4 }]);
  });

  it('reports what is left when the lesson is closed, and nothing for a video never played', async () => {
    const played = setup(async () => update);
    played.player.emit('play');
    played.player.play(3);
    played.hook.unmount();
    await flush();
    expect(played.sent.at(-1)).toEqual({ ranges: [[0, 3]], position: 3 });

    const untouched = setup(async () => update);
    untouched.hook.unmount();
    await flush();
    expect(untouched.sent).toEqual([]);
  });

  it('writes nothing in a preview', async () => {
    const { player, sent, onExit } = setup(async () => update, false);
    player.emit('play');
    player.play(12);
    player.emit('pause');
    await flush();
    expect(sent).toEqual([]);
    expect(onExit).toEqual([]);
  });
});
