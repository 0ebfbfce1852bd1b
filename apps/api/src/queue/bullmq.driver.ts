import { Job, Queue, Worker } from 'bullmq';
import IORedis, { Redis, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { HandlerRegistry, JobRequest, ProcessRole, QueueDriver, RetryPolicy, ScheduleSpec } from './job-map';
import { QUEUE_NAMES, QueueName } from './queue-names';

/**
 * BullMQ on Redis: one BullMQ queue per purpose, durable jobs, retries with exponential backoff,
 * job schedulers for recurring work, and workers that can run in their own processes
 * (`npm run start:worker`, serving some or all queues) or inside the API.
 */
export class BullmqQueueDriver implements QueueDriver {
  readonly name = 'bullmq' as const;
  readonly durable = true;
  /** Only for health checks: fails fast instead of queueing commands while Redis is down. */
  private readonly pingConnection: Redis;
  private readonly connectionOptions: RedisOptions;
  private readonly queues: Map<QueueName, Queue>;
  private readonly workers: Worker[] = [];

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly policy: RetryPolicy,
    private readonly concurrency: Record<QueueName, number>,
    private readonly processRole: ProcessRole,
    private readonly logger: Logger,
  ) {
    // BullMQ gets options, not clients, so that it opens and closes its connections itself.
    this.connectionOptions = redisOptionsFromUrl(redisUrl);
    this.pingConnection = new IORedis({ ...this.connectionOptions, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.pingConnection.on('error', (err) => this.logger.debug({ err: err.message }, 'redis health connection error'));
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, {
          connection: this.connectionOptions,
          prefix: this.prefix,
          defaultJobOptions: {
            attempts: policy.attempts,
            backoff: { type: 'exponential', delay: policy.backoffMs },
            removeOnComplete: { age: 24 * 3600, count: 10_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        });
        queue.on('error', (err) => this.logger.warn({ queue: name, err: err.message }, 'queue error'));
        return [name, queue];
      }),
    );
  }

  async add(jobs: JobRequest[]): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    // One MULTI per queue: a job id already in Redis (waiting, running or kept after completion) is ignored.
    await Promise.all(
      [...byQueue].map(([queue, list]) =>
        this.queue(queue).addBulk(list.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId, delay: j.delayMs } }))),
      ),
    );
  }

  async startWorkers(handlers: HandlerRegistry, queues: readonly QueueName[]): Promise<void> {
    if (this.workers.length) return;
    for (const queue of queues) {
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name);
          if (!handler) throw new Error(`No handler registered for job "${job.name}"`);
          await handler(job.data, { jobId: String(job.id), attempt: job.attemptsMade + 1, processRole: this.processRole, scheduledFor: slotOf(job) });
        },
        { connection: this.connectionOptions, prefix: this.prefix, concurrency: this.concurrency[queue] },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job attempt failed'),
      );
      worker.on('error', (err) => this.logger.error({ queue, err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async syncSchedules(specs: ScheduleSpec[], queues: readonly QueueName[], options: { prune?: boolean } = {}): Promise<void> {
    for (const queueName of queues) {
      const queue = this.queue(queueName);
      const declared = specs.filter((s) => s.queue === queueName);
      for (const spec of declared) {
        // Upserting is idempotent: every process may do it; BullMQ keeps one scheduler per id and
        // one job per slot (the slot's time is in the job id).
        const repeat = 'every' in spec.timing ? { every: spec.timing.every } : { pattern: spec.timing.cron, tz: spec.timing.tz };
        await queue.upsertJobScheduler(spec.id, repeat, { name: spec.jobName, data: {} });
      }
      // A schedule removed from the code would otherwise keep producing jobs nobody handles.
      if (!options.prune) continue;
      const keep = new Set(declared.map((s) => s.id));
      for (const existing of await queue.getJobSchedulers()) {
        const id = existing.id ?? existing.key;
        if (!keep.has(id)) {
          await queue.removeJobScheduler(id);
          this.logger.info({ queue: queueName, schedule: id }, 'removed a schedule no longer declared');
        }
      }
    }
  }

  async whenSettled(): Promise<boolean> {
    return true;
  }

  async ping(): Promise<void> {
    if (this.pingConnection.status === 'wait' || this.pingConnection.status === 'end') await this.pingConnection.connect();
    const answer = await Promise.race([
      this.pingConnection.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer within 1s')), 1000).unref()),
    ]);
    if (answer !== 'PONG') throw new Error(`Unexpected Redis answer: ${answer}`);
  }

  async close(timeoutMs: number): Promise<void> {
    const closing = (async () => {
      // Closing a queue whose connection is still being set up makes BullMQ emit "Connection is
      // closed" after our listeners are gone; let the setup settle first (briefly, Redis may be down).
      const queues = [...this.queues.values()];
      await Promise.race([Promise.all(queues.map((q) => q.waitUntilReady().catch(() => undefined))), new Promise((r) => setTimeout(r, 1000).unref())]);
      // Worker.close() waits for the jobs it is running to finish before resolving.
      await Promise.all(this.workers.map((w) => w.close()));
      await Promise.all(queues.map((q) => q.close()));
    })();
    await Promise.race([closing, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    this.pingConnection.disconnect();
  }

  /** For tests and operations: counts per state of one queue. */
  counts(queue: QueueName) {
    return this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
  }

  /** For tests and operations: the schedules installed on one queue. */
  schedules(queue: QueueName) {
    return this.queue(queue).getJobSchedulers();
  }

  private queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }
}

/**
 * The slot a job-scheduler run stands for: BullMQ names those jobs `repeat:<scheduler>:<slot ms>`.
 * Runs started by hand carry their slot in the data.
 */
function slotOf(job: Job): Date | undefined {
  const fromData = (job.data as { slot?: unknown } | null)?.slot;
  if (typeof fromData === 'number') return new Date(fromData);
  if (!job.repeatJobKey) return undefined;
  const m = /:(\d+)$/.exec(String(job.id));
  return new Date(m ? Number(m[1]) : job.timestamp + (job.delay ?? 0));
}

/** redis://[user:password@]host[:port][/db] and rediss:// (TLS) into ioredis options. */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Required by BullMQ workers, which use blocking commands.
    maxRetriesPerRequest: null,
  };
}
