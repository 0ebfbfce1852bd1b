import type { Logger } from 'pino';
import { HandlerRegistry, JobRequest, QueueDriver, retryDelay, RetryPolicy, ScheduleSpec } from './job-map';
import { QUEUE_NAMES, QueueName } from './queue-names';
import { nextCronSlot } from './schedule-timing';

interface InlineJob {
  req: JobRequest;
  attempt: number;
}

interface JobState {
  state: 'pending' | 'settled' | 'dropped';
  waiters: Array<(settled: boolean) => void>;
}

/** Ids of finished jobs remembered to ignore a second add (BullMQ keeps completed jobs for the same purpose). */
const REMEMBERED_JOBS = 10_000;
/** setTimeout cannot wait longer than this (about 24.8 days): later slots are reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs jobs in this process, after the current request, with the same retry policy as BullMQ and
 * the same queues, each with its own concurrency. The embedded default: nothing to install. Jobs
 * do not survive a restart: the outbox keeps events until their consumers have run here, and job
 * registrations may declare how to find unfinished work again (`recover`); production uses BullMQ.
 */
export class InlineQueueDriver implements QueueDriver {
  readonly name = 'inline' as const;
  readonly durable = false;
  private handlers: HandlerRegistry | null = null;
  private served = new Set<QueueName>();
  private readonly lanes = new Map<QueueName, { running: number; waiting: InlineJob[] }>(QUEUE_NAMES.map((q) => [q, { running: 0, waiting: [] }]));
  private readonly jobs = new Map<string, JobState>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly scheduleTimers = new Map<string, NodeJS.Timeout>();
  private closing = false;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly concurrency: Record<QueueName, number>,
    private readonly logger: Logger,
  ) {}

  async add(jobs: JobRequest[]): Promise<void> {
    if (this.closing) throw new Error('Queue is shutting down');
    for (const req of jobs) {
      if (this.jobs.has(req.jobId)) continue;
      this.remember(req.jobId);
      if (req.delayMs && req.delayMs > 0) this.later(req.delayMs, () => this.ready({ req, attempt: 1 }));
      else this.ready({ req, attempt: 1 });
    }
  }

  async startWorkers(handlers: HandlerRegistry, queues: readonly QueueName[]): Promise<void> {
    this.handlers = handlers;
    this.served = new Set(queues);
    for (const queue of QUEUE_NAMES) this.pump(queue);
  }

  async syncSchedules(specs: ScheduleSpec[], queues: readonly QueueName[]): Promise<void> {
    const wanted = new Map(specs.filter((s) => queues.includes(s.queue)).map((s) => [s.id, s]));
    for (const [id, t] of this.scheduleTimers) {
      if (wanted.has(id)) continue;
      clearTimeout(t);
      this.scheduleTimers.delete(id);
    }
    const now = Date.now();
    for (const spec of wanted.values()) {
      // Schedules already armed keep their slots.
      if (this.scheduleTimers.has(spec.id)) continue;
      // Like a new BullMQ job scheduler: an interval runs at once, then every interval; a cron
      // pattern at its next match.
      this.armSchedule(spec, 'every' in spec.timing ? now : nextCronSlot(spec.timing, now));
    }
  }

  whenSettled(jobIds: string[]): Promise<boolean> {
    return Promise.all(
      jobIds.map((id) => {
        const job = this.jobs.get(id);
        // Forgotten ids finished long ago.
        if (!job || job.state === 'settled') return true;
        if (job.state === 'dropped') return false;
        return new Promise<boolean>((resolve) => job.waiters.push(resolve));
      }),
    ).then((all) => all.every(Boolean));
  }

  async ping(): Promise<void> {
    if (this.closing) throw new Error('Queue is shutting down');
  }

  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    // Delayed jobs, retries and schedules are dropped: the process is going away and inline jobs are
    // not durable (the outbox delivers its events again after the restart).
    for (const t of [...this.timers, ...this.scheduleTimers.values()]) clearTimeout(t);
    this.timers.clear();
    this.scheduleTimers.clear();
    for (const lane of this.lanes.values()) lane.waiting.length = 0;
    const all = Promise.allSettled([...this.running]);
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    for (const job of this.jobs.values()) if (job.state === 'pending') this.finish(job, 'dropped');
  }

  private remember(id: string) {
    this.jobs.set(id, { state: 'pending', waiters: [] });
    if (this.jobs.size <= REMEMBERED_JOBS) return;
    for (const [oldId, old] of this.jobs) {
      if (this.jobs.size <= REMEMBERED_JOBS) break;
      if (old.state !== 'pending') this.jobs.delete(oldId);
    }
  }

  private finish(job: JobState, state: 'settled' | 'dropped') {
    job.state = state;
    for (const resolve of job.waiters.splice(0)) resolve(state === 'settled');
  }

  private settle(id: string) {
    const job = this.jobs.get(id);
    if (job) this.finish(job, 'settled');
  }

  private later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private armSchedule(spec: ScheduleSpec, slot: number | undefined) {
    if (slot === undefined || this.closing) return;
    const wait = Math.max(0, slot - Date.now());
    const t = setTimeout(() => {
      if (Date.now() < slot) return this.armSchedule(spec, slot);
      // The slot is in the job id: a slot is added once, however often it is armed.
      void this.add([{ queue: spec.queue, name: spec.jobName, data: { slot }, jobId: `${spec.id}@${slot}` }]).catch(() => undefined);
      this.armSchedule(spec, this.nextSlot(spec, slot));
    }, Math.min(wait, MAX_TIMER_MS));
    // Schedules alone do not keep a process alive.
    t.unref();
    this.scheduleTimers.set(spec.id, t);
  }

  private nextSlot(spec: ScheduleSpec, slot: number): number | undefined {
    const now = Date.now();
    if ('every' in spec.timing) {
      const every = spec.timing.every;
      // Slots missed while the event loop was busy are skipped, not run in a burst (as BullMQ does).
      return slot + every > now ? slot + every : slot + Math.ceil((now - slot) / every) * every;
    }
    return nextCronSlot(spec.timing, Math.max(slot, now));
  }

  private ready(job: InlineJob) {
    if (this.closing) return;
    this.lanes.get(job.req.queue)!.waiting.push(job);
    this.pump(job.req.queue);
  }

  private pump(queue: QueueName) {
    if (!this.handlers || !this.served.has(queue)) return;
    const lane = this.lanes.get(queue)!;
    while (lane.running < this.concurrency[queue] && lane.waiting.length) {
      const job = lane.waiting.shift()!;
      lane.running++;
      // setImmediate: the caller's request finishes first, as it would with a separate worker.
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.run(job))
        .finally(() => {
          lane.running--;
          this.running.delete(run);
          this.pump(queue);
        });
      this.running.add(run);
    }
  }

  private async run({ req, attempt }: InlineJob): Promise<void> {
    const handler = this.handlers?.get(req.name);
    if (!handler) {
      this.logger.error({ job: req.name, jobId: req.jobId }, 'no handler registered for job');
      return this.settle(req.jobId);
    }
    const slot = (req.data as { slot?: unknown } | null)?.slot;
    try {
      await handler(req.data, { jobId: req.jobId, attempt, processRole: 'api', scheduledFor: typeof slot === 'number' ? new Date(slot) : undefined });
      this.logger.debug({ job: req.name, jobId: req.jobId, attempt }, 'job completed');
      this.settle(req.jobId);
    } catch (err) {
      if (attempt < this.policy.attempts && !this.closing) {
        const delay = retryDelay(this.policy, attempt);
        this.logger.warn({ job: req.name, jobId: req.jobId, attempt, err, retryInMs: delay }, 'job failed, will retry');
        this.later(delay, () => this.ready({ req, attempt: attempt + 1 }));
      } else if (this.closing) {
        // Not retried because the process is stopping: the job did not finish, say so to the outbox.
        this.logger.warn({ job: req.name, jobId: req.jobId, attempt, err }, 'job failed while shutting down');
      } else {
        this.logger.error({ job: req.name, jobId: req.jobId, attempt, err }, 'job failed permanently');
        this.settle(req.jobId);
      }
    }
  }
}
