import IORedis, { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../queue/bullmq.driver';

/** A token bucket: holds at most `capacity` tokens and regains `perSecond` tokens every second. */
export interface TokenBucket {
  capacity: number;
  perSecond: number;
}

/**
 * Short-lived security state: counters per key within a window, token buckets, and one-time values.
 * With Redis the state is shared by every API process (and survives none of them being up); the
 * in-memory store serves the embedded default, which runs a single process.
 */
export interface RateLimitStore {
  /** Adds one event; returns the count and the seconds until the key expires. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; ttlSeconds: number }>;
  /** Keeps the key (and its count) for this long from now. */
  extend(key: string, seconds: number): Promise<void>;
  peek(key: string): Promise<{ count: number; ttlSeconds: number }>;
  reset(key: string): Promise<void>;
  /**
   * Takes one token from the bucket if it holds one (a new bucket starts full). Otherwise takes
   * nothing and says how long until the next token.
   */
  takeToken(key: string, bucket: TokenBucket): Promise<{ taken: boolean; retryAfterSeconds: number }>;
  /** Puts back a token taken for something that turned out to cost nothing (never above capacity). */
  returnToken(key: string, bucket: TokenBucket): Promise<void>;
  /** Stores a value for `ttlSeconds`, replacing any value under the key. */
  putValue(key: string, value: string, ttlSeconds: number): Promise<void>;
  getValue(key: string): Promise<string | null>;
  /** Reads and deletes the value at once: of concurrent callers, exactly one gets it. */
  takeValue(key: string): Promise<string | null>;
  deleteValue(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Refill arithmetic shared by both stores, so they cannot disagree. `cost` is 1 to take, -1 to return. */
export function applyToBucket(state: { tokens: number; at: number } | undefined, bucket: TokenBucket, nowSeconds: number, cost: 1 | -1) {
  const before = state ? Math.min(bucket.capacity, state.tokens + Math.max(0, nowSeconds - state.at) * bucket.perSecond) : bucket.capacity;
  if (cost > 0 && before < 1) return { taken: false, tokens: before, retryAfterSeconds: (1 - before) / bucket.perSecond };
  return { taken: cost > 0, tokens: Math.min(bucket.capacity, before - cost), retryAfterSeconds: 0 };
}

/** Seconds until a bucket holding `tokens` is full again: it may be forgotten then. */
function secondsToFull(tokens: number, bucket: TokenBucket): number {
  return Math.max(1, Math.ceil((bucket.capacity - tokens) / bucket.perSecond));
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();
  private readonly buckets = new Map<string, { tokens: number; at: number; expiresAt: number }>();
  private readonly values = new Map<string, { value: string; expiresAt: number }>();

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

  async takeToken(key: string, bucket: TokenBucket) {
    const r = this.applyToken(key, bucket, 1);
    return { taken: r.taken, retryAfterSeconds: r.retryAfterSeconds };
  }

  async returnToken(key: string, bucket: TokenBucket) {
    this.applyToken(key, bucket, -1);
  }

  async putValue(key: string, value: string, ttlSeconds: number) {
    this.values.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    if (this.values.size > 100_000) this.sweep();
  }

  async getValue(key: string) {
    return this.liveValue(key);
  }

  async takeValue(key: string) {
    // Read and delete without yielding in between: that is what makes it single-use.
    const value = this.liveValue(key);
    this.values.delete(key);
    return value;
  }

  private liveValue(key: string): string | null {
    const v = this.values.get(key);
    if (!v) return null;
    if (v.expiresAt <= Date.now()) {
      this.values.delete(key);
      return null;
    }
    return v.value;
  }

  async deleteValue(key: string) {
    this.values.delete(key);
  }

  async close() {
    this.entries.clear();
    this.buckets.clear();
    this.values.clear();
  }

  private applyToken(key: string, bucket: TokenBucket, cost: 1 | -1) {
    const now = Date.now() / 1000;
    const r = applyToBucket(this.buckets.get(key), bucket, now, cost);
    // A full bucket is the same as no bucket: forget it, so idle addresses cost no memory.
    if (r.tokens >= bucket.capacity) this.buckets.delete(key);
    else this.buckets.set(key, { tokens: r.tokens, at: now, expiresAt: Date.now() + secondsToFull(r.tokens, bucket) * 1000 });
    if (this.buckets.size > 100_000) this.sweep();
    return r;
  }

  private sweep() {
    const now = Date.now();
    for (const map of [this.entries, this.buckets, this.values] as Map<string, { expiresAt: number }>[]) {
      for (const [k, e] of map) if (e.expiresAt <= now) map.delete(k);
    }
  }
}

/**
 * The token bucket as one atomic script, so that API processes sharing Redis never both take the
 * last token. Redis's own clock is used: the processes' clocks may disagree. Same arithmetic as
 * `applyToBucket`. Returns { taken (0|1), retry-after seconds } as strings (Lua numbers would be
 * truncated to integers).
 */
const TOKEN_BUCKET_LUA = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local s = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = cap
if s[1] then tokens = math.min(cap, tonumber(s[1]) + math.max(0, now - tonumber(s[2])) * rate) end
if cost > 0 and tokens < 1 then return {'0', tostring((1 - tokens) / rate)} end
tokens = math.min(cap, tokens - cost)
if tokens >= cap then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('EXPIRE', KEYS[1], math.max(1, math.ceil((cap - tokens) / rate)))
end
if cost > 0 then return {'1', '0'} end
return {'0', '0'}
`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis & { tokenBucket(key: string, capacity: number, perSecond: number, cost: number): Promise<[string, string]> };

  constructor(redisUrl: string, private readonly prefix: string) {
    this.redis = new IORedis({ ...redisOptionsFromUrl(redisUrl), maxRetriesPerRequest: 2 }) as typeof this.redis;
    this.redis.on('error', () => undefined);
    // EVALSHA with a fallback to EVAL, handled by ioredis.
    this.redis.defineCommand('tokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
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

  async takeToken(key: string, bucket: TokenBucket) {
    const [taken, wait] = await this.redis.tokenBucket(`${this.prefix}:tb:${key}`, bucket.capacity, bucket.perSecond, 1);
    return { taken: taken === '1', retryAfterSeconds: Number(wait) };
  }

  async returnToken(key: string, bucket: TokenBucket) {
    await this.redis.tokenBucket(`${this.prefix}:tb:${key}`, bucket.capacity, bucket.perSecond, -1);
  }

  async putValue(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(`${this.prefix}:kv:${key}`, value, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)));
  }

  async getValue(key: string) {
    return this.redis.get(`${this.prefix}:kv:${key}`);
  }

  async takeValue(key: string) {
    // MULTI runs both at once (GETDEL would need Redis 6.2).
    const [[, value]] = (await this.redis.multi().get(`${this.prefix}:kv:${key}`).del(`${this.prefix}:kv:${key}`).exec()) as [unknown, string | null][];
    return value;
  }

  async deleteValue(key: string) {
    await this.redis.del(`${this.prefix}:kv:${key}`);
  }

  async close() {
    this.redis.disconnect();
  }
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
