import { randomBytes } from 'node:crypto';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from '../src/common/rate-limiter';
import { usingRedis } from './helpers/test-app';

/**
 * The same behaviour from both stores. With Redis, two clients stand for two API processes: the
 * bucket and the one-time values must be shared and atomic across them.
 */
const stores: [string, () => RateLimitStore[]][] = [['memory', () => { const s = new MemoryRateLimitStore(); return [s, s]; }]];
if (usingRedis) {
  stores.push([
    'redis (two processes)',
    () => {
      const prefix = `bdhvtest_rl_${process.pid}_${randomBytes(3).toString('hex')}`;
      return [new RedisRateLimitStore(process.env.REDIS_URL!, prefix), new RedisRateLimitStore(process.env.REDIS_URL!, prefix)];
    },
  ]);
}

describe.each(stores)('rate-limit store: %s', (_name, make) => {
  let a: RateLimitStore;
  let b: RateLimitStore;
  beforeEach(() => {
    [a, b] = make();
  });
  afterEach(async () => {
    await a.close();
    if (b !== a) await b.close();
  });

  it('shares one token bucket: concurrent takers get exactly its capacity', async () => {
    const bucket = { capacity: 10, perSecond: 1 / 600 };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).takeToken('addr', bucket)));
    expect(results.filter((r) => r.taken)).toHaveLength(10);
    const waits = results.filter((r) => !r.taken).map((r) => r.retryAfterSeconds);
    expect(Math.min(...waits)).toBeGreaterThan(590);
    expect(Math.max(...waits)).toBeLessThanOrEqual(600);
  });

  it('refills over time and takes back returned tokens', async () => {
    const bucket = { capacity: 2, perSecond: 5 };
    expect((await a.takeToken('r', bucket)).taken).toBe(true);
    expect((await b.takeToken('r', bucket)).taken).toBe(true);
    const refused = await a.takeToken('r', bucket);
    expect(refused.taken).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(0.2);
    await new Promise((r) => setTimeout(r, 250));
    expect((await b.takeToken('r', bucket)).taken).toBe(true);
    expect((await a.takeToken('r', bucket)).taken).toBe(false);
    await a.returnToken('r', bucket);
    expect((await b.takeToken('r', bucket)).taken).toBe(true);
  });

  it('hands a one-time value to exactly one of many concurrent takers', async () => {
    await a.putValue('link', 'gia-tri', 60);
    expect(await b.getValue('link')).toBe('gia-tri');
    const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).takeValue('link')));
    expect(taken.filter((v) => v === 'gia-tri')).toHaveLength(1);
    expect(await a.getValue('link')).toBeNull();
  });

  it('forgets values after their lifetime and on delete', async () => {
    await a.putValue('short', 'x', 0.05);
    await a.putValue('gone', 'y', 60);
    await b.deleteValue('gone');
    await new Promise((r) => setTimeout(r, 120));
    expect(await b.getValue('short')).toBeNull();
    expect(await a.getValue('gone')).toBeNull();
  });
});
