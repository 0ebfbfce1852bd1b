import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LOGGER, PROCESS_ROLE } from '../common/tokens';
import { BullmqQueueDriver } from './bullmq.driver';
import { InlineQueueDriver } from './inline.driver';
import { DriverHandler, EnqueueOptions, HandlerRegistry, JOB_QUEUES, JobHandler, JobName, JobPayloads, ProcessRole, QueueDriver } from './job-map';
import type { QueueName } from './queue-names';

/** Unfinished work a job registration can find again in the database (see `register`). */
export type Recovery<N extends JobName> = () => Promise<Array<{ payload: JobPayloads[N]; jobId: string }>>;

interface Registration {
  queue: QueueName;
  handler: DriverHandler;
  recover?: () => Promise<Array<{ payload: unknown; jobId: string }>>;
}

/**
 * The one entry point for producing jobs and registering their handlers, whatever the driver. Events
 * (OutboxService) and schedules (SchedulerService) are built on it.
 */
@Injectable()
export class QueueService implements OnApplicationBootstrap, HandlerRegistry {
  readonly driver: QueueDriver;
  private readonly registrations = new Map<string, Registration>();
  private readonly beforeClose: Array<() => Promise<void>> = [];
  private readonly afterClose: Array<() => Promise<void>> = [];
  private readonly logger: Logger;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(LOGGER) logger: Logger,
  ) {
    const q = config.queue;
    const policy = { attempts: q.attempts, backoffMs: q.backoffMs };
    this.logger = logger.child({ component: 'queue' });
    this.driver =
      q.driver === 'bullmq' && q.redisUrl
        ? new BullmqQueueDriver(q.redisUrl, q.prefix, policy, q.concurrency, role, this.logger)
        : new InlineQueueDriver(policy, q.concurrency, this.logger);
  }

  /**
   * Processors call this from onModuleInit; handlers must be idempotent (a job may run twice). The
   * job runs on its queue in JOB_QUEUES. `recover` finds the job's unfinished work (rows left
   * `queued`, `processing`…): with the in-process driver, whose jobs die with the process, it is
   * enqueued again at start. BullMQ keeps its jobs in Redis and needs none of it.
   */
  register<N extends JobName>(name: N, handler: JobHandler<N>, options: { recover?: Recovery<N> } = {}): void {
    this.registerJob(name, JOB_QUEUES[name], handler as DriverHandler, options.recover);
  }

  /** For the kernel's own job kinds (event consumers, schedule runs), named outside the job map. */
  registerJob(name: string, queue: QueueName, handler: DriverHandler, recover?: Registration['recover']): void {
    if (this.registrations.has(name)) throw new Error(`A handler for "${name}" is already registered`);
    this.registrations.set(name, { queue, handler, recover });
  }

  get(name: string): DriverHandler | undefined {
    return this.registrations.get(name)?.handler;
  }

  queueOf(name: string): QueueName | undefined {
    return this.registrations.get(name)?.queue;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const jobId = options.jobId ?? randomUUID();
    await this.driver.add([{ queue: options.queue ?? JOB_QUEUES[name], name, data: payload, jobId, delayMs: options.delayMs }]);
    return jobId;
  }

  ping(): Promise<void> {
    return this.driver.ping();
  }

  get runsWorkers(): boolean {
    return this.role === 'worker' || this.config.queue.runWorkersInApi;
  }

  /** The queues this process consumes (none when it runs no workers). */
  get servedQueues(): readonly QueueName[] {
    return this.runsWorkers ? this.config.queue.workerQueues : [];
  }

  /** Work to do around closing the driver: stop producing before, record what the last jobs did after. */
  onShutdown(hooks: { beforeClose?: () => Promise<void>; afterClose?: () => Promise<void> }): void {
    if (hooks.beforeClose) this.beforeClose.push(hooks.beforeClose);
    if (hooks.afterClose) this.afterClose.push(hooks.afterClose);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.driver.startWorkers(this, this.servedQueues);
    if (!this.driver.durable) await this.recoverUnfinished();
  }

  /** One place for restart recovery: each registration says how to find its unfinished work. */
  private async recoverUnfinished(): Promise<void> {
    for (const [name, { queue, recover }] of this.registrations) {
      if (!recover) continue;
      try {
        const jobs = await recover();
        if (jobs.length) await this.driver.add(jobs.map((j) => ({ queue, name, data: j.payload, jobId: j.jobId })));
        if (jobs.length) this.logger.info({ job: name, count: jobs.length }, 'unfinished jobs enqueued again');
      } catch (err) {
        this.logger.error({ err, job: name }, 'could not enqueue unfinished jobs again');
      }
    }
  }

  /** Called once by the graceful-shutdown sequence, after HTTP has stopped taking requests. */
  async shutdown(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const hook of this.beforeClose) await hook().catch((err) => this.logger.warn({ err }, 'queue shutdown step failed'));
    await this.driver.close(timeoutMs);
    for (const hook of this.afterClose) await hook().catch((err) => this.logger.warn({ err }, 'queue shutdown step failed'));
  }
}
