import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import IORedis, { Redis, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { EnqueueOptions, HandlerRegistry, JobName, JobPayloads, ProcessRole, QueueDriver, RetryPolicy } from './job-map';

const QUEUE_NAME = 'jobs';

/**
 * BullMQ on Redis: durable jobs, retries with exponential backoff, and workers that can run in
 * their own process (`npm run start:worker`) or inside the API.
 */
export class BullmqQueueDriver implements QueueDriver {
  readonly name = 'bullmq' as const;
  /** Only for health checks: fails fast instead of queueing commands while Redis is down. */
  private readonly pingConnection: Redis;
  private readonly connectionOptions: RedisOptions;
  private readonly queue: Queue;
  private worker: Worker | null = null;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly policy: RetryPolicy,
    private readonly concurrency: number,
    private readonly processRole: ProcessRole,
    private readonly logger: Logger,
  ) {
    // BullMQ gets options, not clients, so that it opens and closes its connections itself.
    this.connectionOptions = redisOptionsFromUrl(redisUrl);
    this.pingConnection = new IORedis({ ...this.connectionOptions, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.pingConnection.on('error', (err) => this.logger.debug({ err: err.message }, 'redis health connection error'));
    this.queue = new Queue(QUEUE_NAME, {
      connection: this.connectionOptions,
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: policy.attempts,
        backoff: { type: 'exponential', delay: policy.backoffMs },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    this.queue.on('error', (err) => this.onQueueError(err));
  }

  private onQueueError = (err: Error) => this.logger.warn({ err: err.message }, 'queue error');

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const jobId = options.jobId ?? randomUUID();
    await this.queue.add(name, payload, { jobId, delay: options.delayMs });
    return jobId;
  }

  async startWorkers(handlers: HandlerRegistry): Promise<void> {
    if (this.worker) return;
    this.worker = new Worker(
      QUEUE_NAME,
      async (job: Job) => {
        const handler = handlers.get(job.name as JobName);
        if (!handler) throw new Error(`No handler registered for job "${job.name}"`);
        await handler(job.data as never, { jobId: String(job.id), attempt: job.attemptsMade + 1, processRole: this.processRole });
      },
      { connection: this.connectionOptions, prefix: this.prefix, concurrency: this.concurrency },
    );
    this.worker.on('failed', (job, err) =>
      this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job attempt failed'),
    );
    this.worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
    await this.worker.waitUntilReady();
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
      await Promise.race([this.queue.waitUntilReady().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
      // Worker.close() waits for the jobs it is running to finish before resolving.
      if (this.worker) await this.worker.close();
      await this.queue.close();
    })();
    await Promise.race([closing, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    this.pingConnection.disconnect();
  }

  /** For tests and operations: counts per state. */
  counts() {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
  }

  get retryPolicy(): RetryPolicy {
    return this.policy;
  }
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
