/**
 * Every job the platform runs: its name and its payload. Producers and handlers are typed by this
 * map, so a payload can never drift from what its handler expects. Domain issues add their jobs here.
 */
export interface JobPayloads {
  /** Writes a queue_probes row; proves the queue → worker → database path end to end. */
  'diagnostics.probe': { probeId: string; /** fail this many first attempts (retry drills) */ failAttempts?: number; /** hold the job this long */ holdMs?: number };
  /** Runs an uploaded import of officials (an `import_jobs` row, same id as the job): resumable, safe to run twice. */
  'imports.run': { importId: string };
  /** Expands a course assignment (a `course_assignments` row, same id as the job) into enrolments: idempotent. */
  'enrolments.assign': { assignmentId: string };
  /** A learner completed a course (published once per enrolment; job id = enrolment id). Consumed by certificates/statistics. */
  'learning.course_completed': { enrolmentId: string; userId: string; courseId: string; completedAt: string };
  /** Transcodes an uploaded lesson video (a `media_assets` row, same id as the job) into HLS: a no-op once ready. */
  'media.process': { assetId: string };
  /** Deletes resumable uploads abandoned for MEDIA_UPLOAD_ABANDON_HOURS (scheduled hourly, job id = the hour): idempotent. */
  'media.sweep_uploads': { slot: string };
}

export type JobName = keyof JobPayloads;

export interface JobContext {
  jobId: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** Which process runs the handler: `api` (inline or in-API workers) or `worker`. */
  processRole: ProcessRole;
}

export type ProcessRole = 'api' | 'worker';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** A stable id makes enqueueing idempotent: a second enqueue with the same id is ignored. */
  jobId?: string;
  delayMs?: number;
}

/** Both drivers implement this; application code depends only on it. */
export interface QueueDriver {
  readonly name: 'inline' | 'bullmq';
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<string>;
  /** Begin consuming jobs with the registered handlers. */
  startWorkers(handlers: HandlerRegistry): Promise<void>;
  /** Round-trip to the backing store; throws when it is unreachable. */
  ping(): Promise<void>;
  /** Stop taking new jobs, wait for running ones (up to the timeout), release connections. */
  close(timeoutMs: number): Promise<void>;
}

export interface HandlerRegistry {
  get<N extends JobName>(name: N): JobHandler<N> | undefined;
  names(): JobName[];
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Exponential backoff: backoffMs, 2×, 4×, ... between attempts. */
export function retryDelay(policy: RetryPolicy, failedAttempt: number): number {
  return policy.backoffMs * 2 ** (failedAttempt - 1);
}
