import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { EnqueueOptions, HandlerRegistry, JobName, JobPayloads, QueueDriver, retryDelay, RetryPolicy } from './job-map';

/**
 * Runs jobs in this process, after the current request, with the same retry policy as BullMQ.
 * The embedded default: nothing to install. Jobs do not survive a restart; production uses BullMQ.
 */
export class InlineQueueDriver implements QueueDriver {
  readonly name = 'inline' as const;
  private handlers: HandlerRegistry | null = null;
  private readonly pending: { name: JobName; payload: unknown; id: string }[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly knownIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing = false;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    if (this.closing) throw new Error('Queue is shutting down');
    const id = options.jobId ?? randomUUID();
    if (this.knownIds.has(id)) return id;
    this.knownIds.add(id);
    const job = { name, payload, id };
    if (options.delayMs) {
      this.later(options.delayMs, () => this.dispatch(job));
    } else if (this.handlers) {
      this.dispatch(job);
    } else {
      this.pending.push(job);
    }
    return id;
  }

  async startWorkers(handlers: HandlerRegistry): Promise<void> {
    this.handlers = handlers;
    for (const job of this.pending.splice(0)) this.dispatch(job);
  }

  async ping(): Promise<void> {
    if (this.closing) throw new Error('Queue is shutting down');
  }

  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    // Retries scheduled for later are dropped: the process is going away and inline jobs are not durable.
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const all = Promise.allSettled([...this.running]);
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private dispatch(job: { name: JobName; payload: unknown; id: string }, attempt = 1): void {
    // setImmediate: the caller's request finishes first, as it would with a separate worker.
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(job, attempt));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async run(job: { name: JobName; payload: unknown; id: string }, attempt: number): Promise<void> {
    const handler = this.handlers?.get(job.name);
    if (!handler) {
      this.logger.error({ job: job.name, jobId: job.id }, 'no handler registered for job');
      return;
    }
    try {
      await handler(job.payload as never, { jobId: job.id, attempt, processRole: 'api' });
      this.logger.debug({ job: job.name, jobId: job.id, attempt }, 'job completed');
    } catch (err) {
      if (attempt < this.policy.attempts && !this.closing) {
        const delay = retryDelay(this.policy, attempt);
        this.logger.warn({ job: job.name, jobId: job.id, attempt, err, retryInMs: delay }, 'job failed, will retry');
        this.later(delay, () => this.dispatch(job, attempt + 1));
      } else {
        this.logger.error({ job: job.name, jobId: job.id, attempt, err }, 'job failed permanently');
      }
    }
  }
}
