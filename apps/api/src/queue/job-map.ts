import type { QueueName } from './queue-names';

export type { QueueName } from './queue-names';

/**
 * Every job the platform runs: its name and its payload. Producers and handlers are typed by this
 * map, so a payload can never drift from what its handler expects. Domain issues add their jobs here,
 * and choose the job's queue in JOB_QUEUES.
 */
export interface JobPayloads {
  /** Writes a queue_probes row; proves the queue → worker → database path end to end. */
  'diagnostics.probe': { probeId: string; /** fail this many first attempts (retry drills) */ failAttempts?: number; /** hold the job this long */ holdMs?: number };
  /** Runs an uploaded import of officials (an `import_jobs` row, same id as the job): resumable, safe to run twice. */
  'imports.run': { importId: string };
  /** Expands a course assignment (a `course_assignments` row, same id as the job) into enrolments: idempotent. */
  'enrolments.assign': { assignmentId: string };
  /** Transcodes an uploaded lesson video (a `media_assets` row, same id as the job) into HLS: a no-op once ready. */
  'media.process': { assetId: string };
}

export type JobName = keyof JobPayloads;

/** The queue each job runs on. Typed over every job name: a new job cannot forget to choose its line. */
export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'diagnostics.probe': 'domain',
  'imports.run': 'bulk',
  'enrolments.assign': 'bulk',
  'media.process': 'media',
};

/**
 * Every domain event: its name and its payload. Events are written to the outbox in the transaction
 * that causes them (`OutboxService.publish`) and delivered to every registered consumer, each as its
 * own job (`OutboxService.consume`). Payloads are JSON: dates travel as ISO strings.
 */
export interface EventPayloads {
  /**
   * A learner completed a course: every required lesson is done. Published once per enrolment, in
   * the transaction that completes it. Consumed by certificates and statistics.
   */
  'learning.course_completed': { enrolmentId: string; userId: string; courseId: string; completedAt: string };
}

export type EventName = keyof EventPayloads;

export type ProcessRole = 'api' | 'worker';

export interface JobContext {
  jobId: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** Which process runs the handler: `api` (inline or in-API workers) or `worker`. */
  processRole: ProcessRole;
}

/** What a consumer learns about the event besides its payload. */
export interface EventContext extends JobContext {
  /** The outbox row's id: the same on every redelivery, so consumers can deduplicate on it. */
  eventId: string;
  event: EventName;
  /** When the change that caused the event was committed (the outbox row's creation). */
  occurredAt: Date;
}

/** What a scheduled run learns: the slot it stands for (the same slot never runs twice). */
export interface ScheduleContext extends JobContext {
  slot: Date;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;
export type EventHandler<E extends EventName> = (payload: EventPayloads[E], ctx: EventContext) => Promise<void>;
export type ScheduleHandler = (ctx: ScheduleContext) => Promise<void>;

export interface EnqueueOptions {
  /** A stable id makes enqueueing idempotent: a second enqueue with the same id is ignored. No ':' (BullMQ refuses it). */
  jobId?: string;
  delayMs?: number;
  /** Send the job to another queue than JOB_QUEUES says: only for probes that check a queue's workers. */
  queue?: QueueName;
}

/** When a recurring schedule fires: every N milliseconds, or on a cron pattern (5 or 6 fields, optional time zone). */
export type ScheduleTiming = { every: number } | { cron: string; tz?: string };

// ---- The driver level: what the kernel hands to BullMQ or the inline driver ----------------------

/** One job as a driver sees it: the typed names above, consumer jobs and schedule runs alike. */
export interface JobRequest {
  queue: QueueName;
  name: string;
  data: unknown;
  jobId: string;
  delayMs?: number;
}

export interface DriverJobContext extends JobContext {
  /** For runs of a recurring schedule: the slot's time, as the driver knows it. */
  scheduledFor?: Date;
}

export type DriverHandler = (data: unknown, ctx: DriverJobContext) => Promise<void>;

export interface HandlerRegistry {
  get(name: string): DriverHandler | undefined;
}

/** A recurring schedule as a driver installs it: runs of `jobName` on `queue`, one per slot. */
export interface ScheduleSpec {
  id: string;
  queue: QueueName;
  jobName: string;
  timing: ScheduleTiming;
}

/** Both drivers implement this; application code depends only on the services in this folder. */
export interface QueueDriver {
  readonly name: 'inline' | 'bullmq';
  /**
   * True when an added job outlives this process (BullMQ: it is in Redis). The outbox relay marks an
   * event relayed as soon as a durable driver took its jobs; with a non-durable driver, only once
   * they have run (`whenSettled`), so a restart delivers again whatever was still in memory.
   */
  readonly durable: boolean;
  /** Adds jobs; a job whose id is already known is ignored. */
  add(jobs: JobRequest[]): Promise<void>;
  /** Begin consuming the given queues with the registered handlers. */
  startWorkers(handlers: HandlerRegistry, queues: readonly QueueName[]): Promise<void>;
  /**
   * Installs the recurring schedules of the given queues (idempotently: many processes may do it,
   * each slot still runs once); with `prune`, removes schedules of those queues no longer declared.
   */
  syncSchedules(specs: ScheduleSpec[], queues: readonly QueueName[], options?: { prune?: boolean }): Promise<void>;
  /**
   * Non-durable drivers: true once every listed job has completed or failed for good; false when the
   * driver dropped one (shutdown). Durable drivers answer true at once.
   */
  whenSettled(jobIds: string[]): Promise<boolean>;
  /** Round-trip to the backing store; throws when it is unreachable. */
  ping(): Promise<void>;
  /** Stop taking new jobs, wait for running ones (up to the timeout), release connections. */
  close(timeoutMs: number): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Exponential backoff: backoffMs, 2×, 4×, ... between attempts. */
export function retryDelay(policy: RetryPolicy, failedAttempt: number): number {
  return policy.backoffMs * 2 ** (failedAttempt - 1);
}
