import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager, EntitySubscriberInterface, In, LessThan, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LOGGER } from '../common/tokens';
import type { EventHandler, EventName, EventPayloads } from './job-map';
import { OutboxEvent } from './outbox-event.entity';
import { ConsumerRoute, DEFAULT_RELAY_OPTIONS, EventJobData, OutboxRelay } from './outbox.relay';
import type { QueueName } from './queue-names';
import { QueueService } from './queue.service';
import { KERNEL_ID, SchedulerService } from './scheduler.service';

/** Relayed rows are purged in chunks of this many, so a purge never holds long locks. */
const PURGE_CHUNK = 500;

/**
 * Domain events that are never lost (architecture rule 15). A producer writes the event with
 * `publish(em, …)` inside the transaction that makes the change, so both commit or neither does;
 * after the commit the relay hands it to the queue, one job per consumer. Consumers register with
 * `consume` from their own module — a domain above the producer, which the producer never imports —
 * and each gets its own job, retries and failures. Delivery is at least once: a consumer must make a
 * second delivery of the same event (same `ctx.eventId`) harmless.
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnApplicationBootstrap {
  private readonly routes = new Map<string, ConsumerRoute[]>();
  /** Transactions that wrote events, with the earliest time one of them falls due (0 = now). */
  private readonly pending = new WeakMap<QueryRunner, number>();
  readonly relay: OutboxRelay;
  private readonly logger: Logger;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly scheduler: SchedulerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'outbox' });
    this.relay = new OutboxRelay(db, queue.driver, (event) => this.routes.get(event) ?? [], { ...DEFAULT_RELAY_OPTIONS, pollMs: config.outbox.pollMs }, this.logger);
  }

  /**
   * Writes an event with `em`, the transaction's entity manager: it is relayed once that transaction
   * commits (at once after the commit, in this process), and never if it rolls back. `at` delays the
   * delivery (a deadline), to within the poll interval when another process relays it.
   */
  async publish<E extends EventName>(em: EntityManager, event: E, payload: EventPayloads[E], options: { at?: Date } = {}): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    const at = options.at && options.at > now ? options.at : now;
    await em.getRepository(OutboxEvent).insert({ id, name: event, payload: JSON.stringify(payload), createdAt: now, availableAt: at, attempts: 0 });
    const runner = em.queryRunner;
    const due = at === now ? 0 : at.getTime();
    if (runner?.isTransactionActive) {
      const earlier = this.pending.get(runner);
      this.pending.set(runner, earlier === undefined ? due : Math.min(earlier, due));
    } else {
      // Not in a transaction: the row is already committed.
      this.afterCommit(due);
    }
    return id;
  }

  /**
   * Registers a consumer of an event (from onModuleInit): every event published from now on is
   * delivered to it as its own job `event:<event>:<consumer>` on `queue` (default: short domain jobs).
   */
  consume<E extends EventName>(event: E, consumer: string, handler: EventHandler<E>, options: { queue?: QueueName } = {}): void {
    if (!KERNEL_ID.test(consumer)) throw new Error(`Consumer id "${consumer}" must match ${KERNEL_ID}`);
    const queue = options.queue ?? 'domain';
    const jobName = `event:${event}:${consumer}`;
    this.queue.registerJob(jobName, queue, async (data, ctx) => {
      const d = data as EventJobData;
      await handler(d.payload as EventPayloads[E], { ...ctx, eventId: d.eventId, event, occurredAt: new Date(d.occurredAt) });
    });
    this.routes.set(event, [...(this.routes.get(event) ?? []), { consumer, queue, jobName }]);
  }

  /** The consumers of an event, for operators and tests. */
  consumersOf(event: EventName): string[] {
    return (this.routes.get(event) ?? []).map((r) => r.consumer);
  }

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        // A savepoint released inside an outer transaction is not the commit.
        if (queryRunner.isTransactionActive) return;
        const due = this.pending.get(queryRunner);
        if (due === undefined) return;
        this.pending.delete(queryRunner);
        this.afterCommit(due);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) this.pending.delete(queryRunner);
      },
    };
    this.db.subscribers.push(subscriber);
    // Relayed rows are kept a while for inquiries ("was this completion published, when?") and
    // replays, then deleted at night (03:00 in Viet Nam). Unrelayed rows are never purged.
    this.scheduler.recurring('outbox.purge', { cron: '0 3 * * *', tz: 'Asia/Ho_Chi_Minh' }, async () => {
      const purged = await this.purge();
      if (purged) this.logger.info({ purged, retentionDays: this.config.outbox.retentionDays }, 'relayed outbox events purged');
    });
  }

  onApplicationBootstrap(): void {
    // Every process relays: what a crashed process left behind is picked up by the others, and by
    // itself when it starts again. Claims keep them from relaying a row together.
    this.relay.start();
    this.queue.onShutdown({ beforeClose: () => this.relay.stop(), afterClose: () => this.relay.drain() });
  }

  /** Deletes relayed rows older than OUTBOX_RETENTION_DAYS. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.outbox.retentionDays * 86_400_000);
    const repo = this.db.getRepository(OutboxEvent);
    let purged = 0;
    for (;;) {
      const rows = await repo.find({ select: { id: true }, where: { relayedAt: LessThan(cutoff) }, take: PURGE_CHUNK });
      if (!rows.length) return purged;
      const r = await repo.delete({ id: In(rows.map((x) => x.id)) });
      purged += r.affected ?? rows.length;
      if (rows.length < PURGE_CHUNK) return purged;
    }
  }

  private afterCommit(due: number): void {
    if (due === 0) this.relay.kick();
    else this.relay.kickAt(new Date(due));
  }
}
