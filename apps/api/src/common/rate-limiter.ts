import IORedis, { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../queue/bullmq.driver';

/**
 * Counts events per key within a window. With Redis the counts are shared by every API process;
 * the in-memory store serves the embedded default, which runs a single process.
 */
export interface RateLimitStore {
  /** Adds one event; returns the count and the seconds until the key expires. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; ttlSeconds: number }>;
  /** Keeps the key (and its count) for this long from now. */
  extend(key: string, seconds: number): Promise<void>;
  peek(key: string): Promise<{ count: number; ttlSeconds: number }>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  private live(key: string) {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  async hit(key: string, windowSeconds: number) {
    let e = this.live(key);
    if (!e) {
      e = { count: 0, expiresAt: Date.now() + windowSeconds * 1000 };
      this.entries.set(key, e);
      if (this.entries.size > 100_000) this.sweep();
    }
    e.count++;
    return { count: e.count, ttlSeconds: Math.ceil((e.expiresAt - Date.now()) / 1000) };
  }

  async extend(key: string, seconds: number) {
    const e = this.live(key);
    if (e) e.expiresAt = Date.now() + seconds * 1000;
  }

  async peek(key: string) {
    const e = this.live(key);
    return e ? { count: e.count, ttlSeconds: Math.ceil((e.expiresAt - Date.now()) / 1000) } : { count: 0, ttlSeconds: 0 };
  }

  async reset(key: string) {
    this.entries.delete(key);
  }

  async close() {
    this.entries.clear();
  }

  private sweep() {
    const now = Date.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(redisUrl: string, private readonly prefix: string) {
    this.redis = new IORedis({ ...redisOptionsFromUrl(redisUrl), maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined);
  }

  async hit(key: string, windowSeconds: number) {
    const k = `${this.prefix}:rl:${key}`;
    const [[, count], , [, ttl]] = (await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').ttl(k).exec()) as [unknown, number][];
    return { count: Number(count), ttlSeconds: Number(ttl) };
  }

  async extend(key: string, seconds: number) {
    await this.redis.expire(`${this.prefix}:rl:${key}`, seconds);
  }

  async peek(key: string) {
    const k = `${this.prefix}:rl:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().get(k).ttl(k).exec()) as [unknown, string | number | null][];
    return { count: Number(count ?? 0), ttlSeconds: Math.max(0, Number(ttl)) };
  }

  async reset(key: string) {
    await this.redis.del(`${this.prefix}:rl:${key}`);
  }

  async close() {
    this.redis.disconnect();
  }
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
