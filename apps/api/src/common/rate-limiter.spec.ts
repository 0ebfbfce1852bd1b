import { applyToBucket, MemoryRateLimitStore } from './rate-limiter';

describe('MemoryRateLimitStore', () => {
  it('counts within the window, extends and resets', async () => {
    const store = new MemoryRateLimitStore();
    expect((await store.hit('k', 60)).count).toBe(1);
    expect((await store.hit('k', 60)).count).toBe(2);
    await store.extend('k', 600);
    const peek = await store.peek('k');
    expect(peek.count).toBe(2);
    expect(peek.ttlSeconds).toBeGreaterThan(60);
    await store.reset('k');
    expect((await store.peek('k')).count).toBe(0);
  });

  it('forgets a key once its window has passed', async () => {
    const store = new MemoryRateLimitStore();
    await store.hit('k', 0.01);
    await new Promise((r) => setTimeout(r, 30));
    expect((await store.hit('k', 60)).count).toBe(1);
  });
});

describe('applyToBucket', () => {
  const bucket = { capacity: 3, perSecond: 0.5 };

  it('starts full, takes one token per call and says how long until the next', () => {
    let state: { tokens: number; at: number } | undefined;
    const taken: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = applyToBucket(state, bucket, 100, 1);
      taken.push(r.taken);
      state = { tokens: r.tokens, at: 100 };
      if (!r.taken) expect(r.retryAfterSeconds).toBeCloseTo(2);
    }
    expect(taken).toEqual([true, true, true, false]);
  });

  it('refills at its rate, never above capacity', () => {
    expect(applyToBucket({ tokens: 0, at: 100 }, bucket, 101, 1)).toMatchObject({ taken: false, retryAfterSeconds: 1 });
    expect(applyToBucket({ tokens: 0, at: 100 }, bucket, 102, 1)).toMatchObject({ taken: true, tokens: 0 });
    expect(applyToBucket({ tokens: 0, at: 100 }, bucket, 10_000, 1)).toMatchObject({ taken: true, tokens: 2 });
  });

  it('returns a token without exceeding capacity', () => {
    expect(applyToBucket({ tokens: 1, at: 100 }, bucket, 100, -1)).toMatchObject({ taken: false, tokens: 2 });
    expect(applyToBucket({ tokens: 3, at: 100 }, bucket, 100, -1).tokens).toBe(3);
    expect(applyToBucket(undefined, bucket, 100, -1).tokens).toBe(3);
  });
});

describe('MemoryRateLimitStore token buckets and one-time values', () => {
  it('empties a bucket, refuses with a wait, and takes again once a token is returned', async () => {
    const store = new MemoryRateLimitStore();
    const bucket = { capacity: 2, perSecond: 1 / 60 };
    expect((await store.takeToken('b', bucket)).taken).toBe(true);
    expect((await store.takeToken('b', bucket)).taken).toBe(true);
    const refused = await store.takeToken('b', bucket);
    expect(refused.taken).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    await store.returnToken('b', bucket);
    expect((await store.takeToken('b', bucket)).taken).toBe(true);
    // Other keys have their own buckets.
    expect((await store.takeToken('c', bucket)).taken).toBe(true);
  });

  it('hands a one-time value to exactly one taker, and forgets it after its lifetime', async () => {
    const store = new MemoryRateLimitStore();
    await store.putValue('v', 'gia-tri', 60);
    expect(await store.getValue('v')).toBe('gia-tri');
    const [a, b] = await Promise.all([store.takeValue('v'), store.takeValue('v')]);
    expect([a, b].sort()).toEqual(['gia-tri', null].sort());
    await store.putValue('w', 'x', 0.01);
    await new Promise((r) => setTimeout(r, 30));
    expect(await store.getValue('w')).toBeNull();
  });
});
