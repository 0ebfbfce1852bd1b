import { MemoryRateLimitStore } from './rate-limiter';

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
