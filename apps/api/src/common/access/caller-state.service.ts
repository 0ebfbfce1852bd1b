import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@bdhv/contracts';
import IORedis, { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { redisOptionsFromUrl } from '../../queue/bullmq.driver';
import { LOGGER } from '../tokens';
import { rolesOfRows } from './access-policy';

/** What the access policy needs to know about a caller now, whatever their token says. */
export interface CallerState {
  id: string;
  roles: Role[];
  status: 'active' | 'disabled';
  orgUnitId: string;
  /** Materialised path of the caller's current unit (`/root/…/unit/`). */
  orgUnitPath: string;
}

/**
 * How long a process trusts its own copy of a caller's state. With several API processes a change
 * reaches every process within this time (the shared copy in Redis is deleted at once), so a
 * disabled account or a removed role stops working within seconds.
 */
export const LOCAL_TTL_MS = 2_000;
/** The shared copy's lifetime: bounds staleness if an invalidation is ever lost (e.g. Redis unreachable at that moment). */
const SHARED_TTL_SECONDS = 60;
/** A Redis command slower than this counts as Redis being down: the database answers instead. */
const REDIS_TIMEOUT_MS = 250;

/**
 * The current roles, unit and status of signed-in users, for every request (architecture rule 14).
 * Access tokens identify the caller only; what they may do is read here: from this process's
 * short-lived copy, else the copy shared in Redis, else the database (one indexed read, then
 * shared). Services that change roles, units or status call `invalidate` after their commit.
 * On the embedded default (no Redis) invalidation removes this process's copy at once; the short
 * local lifetime still bounds staleness should several processes share one SQLite file.
 */
@Injectable()
export class CallerStateService implements OnApplicationShutdown {
  private readonly local = new Map<string, { state: CallerState | null; until: number }>();
  private readonly redis: Redis | null;
  private readonly prefix: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.prefix = `${config.queue.prefix}:caller:`;
    this.redis = config.queue.redisUrl
      ? new IORedis({ ...redisOptionsFromUrl(config.queue.redisUrl), maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: REDIS_TIMEOUT_MS, lazyConnect: true })
      : null;
    this.redis?.on('error', (err) => this.logger.debug({ err: err.message }, 'caller-state redis error'));
    void this.redis?.connect().catch(() => undefined);
  }

  /** The caller's current state, or null when the account no longer exists. */
  async get(userId: string): Promise<CallerState | null> {
    const now = Date.now();
    const cached = this.local.get(userId);
    if (cached && cached.until > now) return cached.state;
    const shared = await this.fromRedis(userId);
    const state = shared === undefined ? await this.fromDatabase(userId) : shared;
    if (shared === undefined && state) void this.toRedis(state);
    this.remember(userId, state, now);
    return state;
  }

  /** Forget these users' state everywhere; call after the transaction that changed them has committed. */
  async invalidate(userIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return;
    for (const id of ids) this.local.delete(id);
    if (!this.redis) return;
    try {
      for (let i = 0; i < ids.length; i += 500) await this.redis.del(...ids.slice(i, i + 500).map((id) => this.prefix + id));
    } catch (err) {
      // The shared copies expire within SHARED_TTL_SECONDS anyway; say so in the log.
      this.logger.warn({ err: (err as Error).message, users: ids.length }, 'caller-state invalidation did not reach Redis');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis?.disconnect();
  }

  private remember(userId: string, state: CallerState | null, now: number) {
    this.local.set(userId, { state, until: now + LOCAL_TTL_MS });
    // Bounded: a busy process sees many users; old entries are re-read when needed.
    if (this.local.size > 50_000) {
      for (const [id, entry] of this.local) if (entry.until <= now || this.local.size > 40_000) this.local.delete(id);
    }
  }

  /** undefined when Redis has no copy or cannot answer (the database decides then). */
  private async fromRedis(userId: string): Promise<CallerState | undefined> {
    if (!this.redis || this.redis.status !== 'ready') return undefined;
    try {
      const text = await this.redis.get(this.prefix + userId);
      return text ? (JSON.parse(text) as CallerState) : undefined;
    } catch {
      return undefined;
    }
  }

  private async toRedis(state: CallerState): Promise<void> {
    if (!this.redis || this.redis.status !== 'ready') return;
    await this.redis.set(this.prefix + state.id, JSON.stringify(state), 'EX', SHARED_TTL_SECONDS).catch(() => undefined);
  }

  private async fromDatabase(userId: string): Promise<CallerState | null> {
    // One indexed query: a row per role (one row with a null role when the account has none).
    const rows: Array<{ id: string; role: Role | null; status: 'active' | 'disabled'; orgUnitId: string; path: string }> = await this.db.query(
      'SELECT u.id AS id, ur.role AS role, u.status AS status, u.orgUnitId AS orgUnitId, ou.path AS path FROM users u INNER JOIN org_units ou ON ou.id = u.orgUnitId LEFT JOIN user_roles ur ON ur.userId = u.id WHERE u.id = ?',
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, roles: rolesOfRows(rows), status: row.status, orgUnitId: row.orgUnitId, orgUnitPath: row.path };
  }
}
