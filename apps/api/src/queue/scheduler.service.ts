import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/tokens';
import type { JobName, JobPayloads, ScheduleHandler, ScheduleSpec, ScheduleTiming } from './job-map';
import type { QueueName } from './queue-names';
import { QueueService } from './queue.service';
import { assertValidTiming, describeTiming } from './schedule-timing';

/** How often processes with workers install the BullMQ schedulers again. */
const RESYNC_MS = 10 * 60_000;

/** Schedule and consumer ids end up in BullMQ job ids and names: plain lower-case words. */
export const KERNEL_ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/**
 * Periodic and planned work through one API on both drivers (architecture rule 16): BullMQ job
 * schedulers on Redis, timers in the embedded default. Never `setInterval` in a processor.
 *
 * - `recurring` runs a handler on every slot of an interval or a cron pattern, once per slot however
 *   many processes declare it (the slot's time is in the job id on both drivers).
 * - `at` runs a job once at a given time (a deadline). With BullMQ it is a delayed job in Redis; with
 *   the in-process driver a timer, so a job that must survive a restart there also declares a
 *   `recover` (QueueService.register) or is published through the outbox with `{ at }`.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  private readonly specs = new Map<string, ScheduleSpec>();
  private started = false;
  private syncing: Promise<void> = Promise.resolve();
  private resyncTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: QueueService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Declare from onModuleInit (or later: it is installed at once). The handler must be idempotent. */
  recurring(id: string, timing: ScheduleTiming, handler: ScheduleHandler, options: { queue?: QueueName } = {}): void {
    if (!KERNEL_ID.test(id)) throw new Error(`Schedule id "${id}" must match ${KERNEL_ID}`);
    if (this.specs.has(id)) throw new Error(`Schedule "${id}" is already declared`);
    assertValidTiming(id, timing);
    const spec: ScheduleSpec = { id, queue: options.queue ?? 'domain', jobName: `schedule:${id}`, timing };
    this.queue.registerJob(spec.jobName, spec.queue, (_data, ctx) => handler({ ...ctx, slot: ctx.scheduledFor ?? new Date() }));
    this.specs.set(id, spec);
    if (this.started) void this.sync();
  }

  /** Runs `name` once at `when` (at once when it is past). The job id makes it idempotent: plan a deadline once per id. */
  at<N extends JobName>(when: Date, name: N, payload: JobPayloads[N], options: { jobId: string }): Promise<string> {
    return this.queue.enqueue(name, payload, { jobId: options.jobId, delayMs: Math.max(0, when.getTime() - Date.now()) });
  }

  /** Runs a recurring schedule's handler now, outside its slots (operators, tests). */
  async runNow(id: string): Promise<void> {
    const spec = this.specs.get(id);
    if (!spec) throw new Error(`Unknown schedule "${id}"`);
    const now = Date.now();
    await this.queue.driver.add([{ queue: spec.queue, name: spec.jobName, data: { slot: now }, jobId: `${id}.now.${now}` }]);
  }

  /** The declared schedules, for operators and tests. */
  list(): Array<ScheduleSpec & { description: string }> {
    return [...this.specs.values()].map((s) => ({ ...s, description: describeTiming(s.timing) }));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    // Schedules no longer declared are pruned at start only: during a rolling upgrade, an old process
    // must not keep removing a schedule that a new one keeps adding.
    await this.sync(true);
    if (this.queue.driver.durable && this.queue.servedQueues.length) {
      // A Redis that restarted empty (no persistence) or was down at start loses or lacks the
      // schedulers; installing them again is idempotent.
      this.resyncTimer = setInterval(() => void this.sync(), RESYNC_MS);
      this.resyncTimer.unref();
      this.queue.onShutdown({
        beforeClose: async () => {
          if (this.resyncTimer) clearInterval(this.resyncTimer);
        },
      });
    }
  }

  /** Only processes that run workers install schedules, for the queues they serve. */
  private sync(prune = false): Promise<void> {
    const queues = this.queue.servedQueues;
    if (!queues.length) return Promise.resolve();
    this.syncing = this.syncing
      .then(() => this.queue.driver.syncSchedules([...this.specs.values()], queues, { prune }))
      .then(() => this.logger.debug({ schedules: [...this.specs.keys()], queues }, 'schedules installed'))
      .catch((err) => this.logger.error({ err }, 'could not install the schedules'));
    return this.syncing;
  }
}
