import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LOGGER, PROCESS_ROLE } from '../common/tokens';
import { BullmqQueueDriver } from './bullmq.driver';
import { InlineQueueDriver } from './inline.driver';
import { EnqueueOptions, HandlerRegistry, JobHandler, JobName, JobPayloads, ProcessRole, QueueDriver } from './job-map';

/** The one entry point for producing jobs and registering their handlers, whatever the driver. */
@Injectable()
export class QueueService implements OnApplicationBootstrap, HandlerRegistry {
  readonly driver: QueueDriver;
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(LOGGER) logger: Logger,
  ) {
    const q = config.queue;
    const policy = { attempts: q.attempts, backoffMs: q.backoffMs };
    const log = logger.child({ component: 'queue' });
    this.driver =
      q.driver === 'bullmq' && q.redisUrl
        ? new BullmqQueueDriver(q.redisUrl, q.prefix, policy, q.concurrency, role, log)
        : new InlineQueueDriver(policy, log);
  }

  /** Processors call this from onModuleInit; handlers must be idempotent (a job may run twice). */
  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`A handler for "${name}" is already registered`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  get<N extends JobName>(name: N): JobHandler<N> | undefined {
    return this.handlers.get(name) as JobHandler<N> | undefined;
  }

  names(): JobName[] {
    return [...this.handlers.keys()];
  }

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<string> {
    return this.driver.enqueue(name, payload, options);
  }

  ping(): Promise<void> {
    return this.driver.ping();
  }

  get runsWorkers(): boolean {
    return this.role === 'worker' || this.config.queue.runWorkersInApi;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.runsWorkers) await this.driver.startWorkers(this);
  }

  /** Called once by the graceful-shutdown sequence, after HTTP has stopped taking requests. */
  async shutdown(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.driver.close(timeoutMs);
  }
}
