import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { toDate } from '../database/dates';
import { supportsRowLocks } from '../database/sql';
import { serializedTransaction } from '../database/transactions';
import type { JobRequest, QueueDriver } from './job-map';
import type { QueueName } from './queue-names';
import { OutboxEvent } from './outbox-event.entity';

/** Where an event goes: one job per consumer, on the consumer's queue. */
export interface ConsumerRoute {
  consumer: string;
  queue: QueueName;
  jobName: string;
}

/** What a consumer job carries. */
export interface EventJobData {
  eventId: string;
  event: string;
  occurredAt: string;
  payload: unknown;
}

export interface OutboxRelayOptions {
  /** Rows claimed per round trip. */
  batchSize: number;
  /** How long a claim holds a row: a relay that died lets go of its rows after this. */
  leaseMs: number;
  /** Longest wait for the queue to take a batch (BullMQ would otherwise wait for Redis forever). */
  enqueueTimeoutMs: number;
  /** Leftovers (crashes, queue outages, rows relayed by no one) are looked for this often. */
  pollMs: number;
  /** Longest pause after failed passes; each failure doubles the pause from 500 ms. */
  maxBackoffMs: number;
  /**
   * Batches relayed side by side by one process on MariaDB/MySQL (SKIP LOCKED gives each its own
   * rows), so that the database and Redis round trips of one overlap the others'. SQLite: always 1.
   */
  lanes: number;
}

export const DEFAULT_RELAY_OPTIONS: Omit<OutboxRelayOptions, 'pollMs'> = { batchSize: 100, leaseMs: 15_000, enqueueTimeoutMs: 5_000, maxBackoffMs: 10_000, lanes: 3 };

type RelayTarget = Pick<QueueDriver, 'durable' | 'add' | 'whenSettled' | 'ping'>;

/**
 * Moves committed outbox rows to the queue. Safe in any number of processes at once: a pass claims
 * rows with a conditional UPDATE (only rows nobody holds, or whose holder's lease ran out), so two
 * relays never hold the same row; a relay that dies lets go when its lease ends. Delivery is at
 * least once: a relay that dies after the queue took the jobs but before marking the row relays it
 * again, and the job ids (event id + consumer) make BullMQ ignore the copy while it keeps the first;
 * consumers are idempotent for the rest.
 *
 * A row is marked relayed when a durable queue (BullMQ) has taken its jobs; with the in-process
 * driver only once the jobs have run, so that a restart delivers again what was still in memory.
 */
export class OutboxRelay {
  private pass: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private failures = 0;
  private pausedUntil = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly wakeTimers = new Set<NodeJS.Timeout>();
  /** Rows whose jobs run in this process (non-durable driver): row id → claim token. */
  private readonly inFlight = new Map<string, string>();
  private readonly settling = new Set<Promise<void>>();

  constructor(
    private readonly db: DataSource,
    private readonly target: RelayTarget,
    private readonly routes: (event: string) => ConsumerRoute[],
    private readonly options: OutboxRelayOptions,
    private readonly logger: Logger,
  ) {}

  /** Relays what is waiting now, then keeps looking every pollMs. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
    this.schedulePoll();
  }

  /** A commit wrote rows: relay them now (passes are coalesced; a paused relay waits for its pause). */
  kick(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    if (Date.now() < this.pausedUntil) return;
    this.pass = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.passes());
  }

  /** Relay at a given time (an event published for later). */
  kickAt(at: Date): void {
    const wait = at.getTime() - Date.now();
    if (wait <= 0) return this.kick();
    if (wait > this.options.pollMs) return; // the periodic pass will see it in time
    const t = setTimeout(() => {
      this.wakeTimers.delete(t);
      this.kick();
    }, wait);
    t.unref();
    this.wakeTimers.add(t);
  }

  /** Stops claiming; waits for the pass under way. Rows whose jobs are still running stay held until `drain`. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    for (const t of this.wakeTimers) clearTimeout(t);
    this.wakeTimers.clear();
    await this.pass;
  }

  /** After the queue closed: records what the in-process jobs did (relayed, or released for the next start). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.settling]);
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  /**
   * One pass: claims due rows batch by batch and hands them to the queue. Throws when the queue is
   * unreachable (nothing is claimed then) or refuses a batch (the batch is released).
   */
  async relayDue(): Promise<number> {
    await this.target.ping();
    const lanes = supportsRowLocks(this.db) ? Math.max(1, this.options.lanes) : 1;
    const results = await Promise.allSettled(Array.from({ length: lanes }, () => this.relayLane()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.reduce((sum, r) => sum + (r as PromiseFulfilledResult<number>).value, 0);
  }

  private async relayLane(): Promise<number> {
    let relayed = 0;
    for (;;) {
      const { token, rows } = await this.claim();
      if (!rows.length) return relayed;
      await this.relay(token, rows);
      relayed += rows.length;
      if (rows.length < this.options.batchSize) return relayed;
    }
  }

  /**
   * Takes up to batchSize due rows nobody holds. Concurrent callers get disjoint sets. In a
   * transaction of its own, queued with the others on SQLite: its single connection would otherwise
   * let this read run inside another request's open transaction and see an event not yet committed.
   */
  claim(): Promise<{ token: string; rows: OutboxEvent[] }> {
    return serializedTransaction(this.db, async (em) => this.take(await this.candidates(em), em));
  }

  /**
   * Due rows nobody holds, oldest first: what a claim will try to take. Within the claim's
   * transaction on MariaDB/MySQL the rows are read `FOR UPDATE SKIP LOCKED`, so relays running side
   * by side each take a different batch instead of queueing on the same oldest rows.
   */
  async candidates(em: EntityManager = this.db.manager): Promise<string[]> {
    const now = new Date();
    const qb = em
      .getRepository(OutboxEvent)
      .createQueryBuilder('o')
      .select('o.id', 'id')
      .where('o.relayedAt IS NULL')
      .andWhere('o.availableAt <= :now', { now })
      .andWhere('(o.claimedUntil IS NULL OR o.claimedUntil < :now)', { now })
      .orderBy('o.availableAt', 'ASC')
      .limit(this.options.batchSize);
    if (supportsRowLocks(em) && em.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const rows = await qb.getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Claims those of `ids` that are still free, and returns what this pass now holds. */
  async take(ids: string[], em: EntityManager = this.db.manager): Promise<{ token: string; rows: OutboxEvent[] }> {
    const token = randomUUID();
    if (!ids.length) return { token, rows: [] };
    const now = new Date();
    const repo = em.getRepository(OutboxEvent);
    // The condition is checked again on each row as it is updated (under its row lock on
    // MariaDB/MySQL): a row another relay claimed since the candidates were read is left to it.
    await repo
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ claimToken: token, claimedUntil: new Date(now.getTime() + this.options.leaseMs) })
      .where('id IN (:...ids)', { ids })
      .andWhere('relayedAt IS NULL')
      .andWhere('(claimedUntil IS NULL OR claimedUntil < :now)', { now })
      .execute();
    const rows = await repo.find({ where: { id: In(ids), claimToken: token }, order: { availableAt: 'ASC' } });
    return { token, rows };
  }

  private async relay(token: string, rows: OutboxEvent[]): Promise<void> {
    const jobsByRow = new Map<string, JobRequest[]>();
    const unreadable: OutboxEvent[] = [];
    for (const row of rows) {
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        unreadable.push(row);
        continue;
      }
      const data: EventJobData = { eventId: row.id, event: row.name, occurredAt: row.createdAt.toISOString(), payload };
      jobsByRow.set(
        row.id,
        this.routes(row.name).map((r) => ({ queue: r.queue, name: r.jobName, data, jobId: `${row.id}.${r.consumer}` })),
      );
    }
    if (unreadable.length) {
      // Never written by publish(); kept for an operator, out of the relay's way.
      this.logger.error({ ids: unreadable.map((r) => r.id) }, 'outbox rows with unreadable payloads set aside');
      await this.release(token, unreadable.map((r) => r.id), new Error('unreadable payload (not JSON)'), 24 * 3600_000);
    }
    const ids = [...jobsByRow.keys()];
    if (!ids.length) return;
    const jobs = [...jobsByRow.values()].flat();
    try {
      if (jobs.length) await withTimeout(this.target.add(jobs), this.options.enqueueTimeoutMs, 'the queue did not take the jobs');
    } catch (err) {
      await this.release(token, ids, err as Error);
      throw err;
    }
    if (this.target.durable) return this.markRelayed(token, ids);
    // In-process jobs: keep holding each row (renewing its lease) until its consumers have run.
    for (const [id, rowJobs] of jobsByRow) {
      this.inFlight.set(id, token);
      const done: Promise<void> = this.target
        .whenSettled(rowJobs.map((j) => j.jobId))
        .then((settled) => (settled ? this.markRelayed(token, [id]) : this.release(token, [id], new Error('the process stopped before the consumers ran'), 0, false)))
        .catch((err) => this.logger.warn({ err, eventId: id }, 'could not record an outbox event as relayed'))
        .finally(() => {
          this.inFlight.delete(id);
          this.settling.delete(done);
        });
      this.settling.add(done);
    }
    this.renewLeases();
  }

  /** The relay's writes, each in its own (on SQLite: queued) transaction, for the reason given at `claim`. */
  private write(fn: (em: EntityManager) => Promise<unknown>): Promise<void> {
    return serializedTransaction(this.db, async (em) => void (await fn(em)));
  }

  private async markRelayed(token: string, ids: string[]): Promise<void> {
    await this.write((em) =>
      em
        .getRepository(OutboxEvent)
        .createQueryBuilder()
        .update(OutboxEvent)
        .set({ relayedAt: new Date(), claimToken: null, claimedUntil: null })
        .where('id IN (:...ids)', { ids })
        .andWhere('claimToken = :token', { token })
        .execute(),
    );
  }

  /** Lets go of rows, so that the next pass (here or elsewhere) takes them; `delayMs` keeps them aside that long. */
  private async release(token: string, ids: string[], err: Error, delayMs = 0, count = true): Promise<void> {
    const values: QueryDeepPartialEntity<OutboxEvent> = { claimToken: null, claimedUntil: delayMs ? new Date(Date.now() + delayMs) : null };
    if (count) Object.assign(values, { attempts: () => 'attempts + 1', lastError: err.message.slice(0, 500) });
    await this.write((em) =>
      em
        .getRepository(OutboxEvent)
        .createQueryBuilder()
        .update(OutboxEvent)
        .set(values)
        .where('id IN (:...ids)', { ids })
        .andWhere('claimToken = :token', { token })
        .execute(),
    );
  }

  /** Keeps the leases of rows whose in-process consumers are still running. */
  private renewLeases() {
    if (this.renewTimer || !this.inFlight.size) return;
    this.renewTimer = setInterval(() => {
      if (!this.inFlight.size) {
        clearInterval(this.renewTimer!);
        this.renewTimer = null;
        return;
      }
      const tokens = [...new Set(this.inFlight.values())];
      void this.write((em) =>
        em
          .getRepository(OutboxEvent)
          .createQueryBuilder()
          .update(OutboxEvent)
          .set({ claimedUntil: new Date(Date.now() + this.options.leaseMs) })
          .where('claimToken IN (:...tokens)', { tokens })
          .andWhere('relayedAt IS NULL')
          .execute(),
      ).catch((err) => this.logger.warn({ err }, 'could not renew outbox leases'));
    }, Math.max(10, Math.floor(this.options.leaseMs / 3)));
    this.renewTimer.unref();
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        try {
          await this.relayDue();
          this.failures = 0;
        } catch (err) {
          this.failures++;
          const pause = Math.min(this.options.maxBackoffMs, 500 * 2 ** (this.failures - 1));
          this.pausedUntil = Date.now() + pause;
          // The first failure is worth a warning; a queue that stays down is already reported by health.
          this.logger[this.failures === 1 ? 'warn' : 'debug']({ err: (err as Error).message, pauseMs: pause }, 'outbox relay could not relay; will retry');
          this.wakeAfter(pause);
          return;
        }
      } while (this.again && !this.stopped);
    } finally {
      this.pass = null;
    }
  }

  private wakeAfter(ms: number) {
    const t = setTimeout(() => {
      this.wakeTimers.delete(t);
      this.kick();
    }, ms);
    t.unref();
    this.wakeTimers.add(t);
  }

  private schedulePoll() {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.kick();
      void this.armNextDue().finally(() => this.schedulePoll());
    }, this.options.pollMs);
    this.pollTimer.unref();
  }

  /** Rows published for later by any process: wake up when the earliest falls due before the next poll. */
  private async armNextDue(): Promise<void> {
    try {
      const row = await serializedTransaction(this.db, (em) =>
        em
          .getRepository(OutboxEvent)
          .createQueryBuilder('o')
          .select('MIN(o.availableAt)', 'next')
          .where('o.relayedAt IS NULL')
          .andWhere('o.availableAt > :now', { now: new Date() })
          .getRawOne<{ next: Date | string | null }>(),
      );
      const next = toDate(row?.next);
      if (next) this.kickAt(next);
    } catch (err) {
      this.logger.debug({ err }, 'could not look for outbox events due later');
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  // A late rejection must not surface as unhandled once the race is lost.
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
