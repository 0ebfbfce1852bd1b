import { describe, expect, it } from 'vitest';
import { mergeRanges, WatchRangeTracker } from './watch-ranges';

/** A tracker on a fake wall clock, and a helper that plays `seconds` in 250 ms time updates. */
function setup() {
  let clock = 0;
  const tracker = new WatchRangeTracker({ now: () => clock });
  let position = 0;
  const playFor = (seconds: number, rate = 1) => {
    const steps = Math.round(seconds / 0.25);
    for (let i = 0; i < steps; i++) {
      clock += 250 / rate;
      position += 0.25;
      tracker.timeUpdate(position, rate);
    }
  };
  return {
    tracker,
    playFor,
    at: (seconds: number) => {
      position = seconds;
    },
    get position() {
      return position;
    },
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('WatchRangeTracker', () => {
  it('reports what played between play and pause', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(5);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([[0, 5]]);
    expect(s.tracker.take()).toEqual([]);
  });

  it('cuts the open range at each report and continues from there', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(10);
    expect(s.tracker.take()).toEqual([[0, 10]]);
    s.playFor(4);
    expect(s.tracker.take()).toEqual([[10, 14]]);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([]);
  });

  it('never spans a seek: the skipped part is not reported', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(3);
    // The user drags the slider to 40 s while playing.
    s.tracker.seeking();
    s.at(40);
    s.tracker.timeUpdate(40); // ignored while seeking
    s.tick(300);
    s.tracker.seeked(40);
    s.playFor(2);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([
      [0, 3],
      [40, 42],
    ]);
  });

  it('treats a jump that arrives before the seeking event as a seek', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(2);
    s.at(30);
    s.tick(250);
    s.tracker.timeUpdate(30);
    s.tracker.seeking();
    s.tracker.seeked(30);
    s.playFor(1);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([
      [0, 2],
      [30, 31],
    ]);
  });

  it('does not count a backward seek twice in one report and merges replays', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(6);
    s.tracker.seeking();
    s.at(2);
    s.tracker.seeked(2);
    s.playFor(6);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([[0, 8]]);
  });

  it('counts nothing while paused, even when the user seeks', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(2);
    s.tracker.pause(s.position);
    s.tracker.seeking();
    s.tracker.seeked(50);
    s.tick(60_000);
    s.tracker.timeUpdate(50);
    expect(s.tracker.take()).toEqual([[0, 2]]);
    s.at(50);
    s.tracker.play(50);
    s.playFor(1);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([[50, 51]]);
  });

  it('accepts faster playback but not more than the wall clock allows', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(4, 2);
    s.tracker.pause(s.position, 2);
    expect(s.tracker.take()).toEqual([[0, 4]]);
  });

  it('restarts from the beginning after the end without counting the jump back', () => {
    const s = setup();
    s.tracker.play(0);
    s.playFor(3);
    s.tracker.ended(s.position);
    s.tracker.play(3);
    s.tracker.seeking();
    s.at(0);
    s.tracker.seeked(0);
    s.playFor(1);
    s.tracker.pause(s.position);
    expect(s.tracker.take()).toEqual([[0, 3]]);
  });

  it('puts back a failed report, and never sends more than 20 ranges at once', () => {
    const s = setup();
    s.tracker.play(0);
    for (let i = 0; i < 25; i++) {
      s.playFor(1);
      s.tracker.seeking();
      s.at(s.position + 2);
      s.tracker.seeked(s.position);
    }
    s.tracker.pause(s.position);
    const first = s.tracker.take();
    expect(first).toHaveLength(20);
    expect(first[0]).toEqual([0, 1]);
    expect(first[1]).toEqual([3, 4]);
    s.tracker.restore(first);
    expect(s.tracker.take()).toEqual(first);
    expect(s.tracker.take()).toHaveLength(5);
    expect(s.tracker.hasPending()).toBe(false);
  });

  it('drops a click on play then pause', () => {
    const s = setup();
    s.tracker.play(12);
    s.tracker.pause(12);
    expect(s.tracker.take()).toEqual([]);
  });
});

describe('mergeRanges', () => {
  it('sorts, merges touching ranges and drops empty ones', () => {
    expect(
      mergeRanges([
        [10, 12],
        [0, 2],
        [2, 4],
        [5, 5],
        [11, 15],
      ]),
    ).toEqual([
      [0, 4],
      [10, 15],
    ]);
  });
});
