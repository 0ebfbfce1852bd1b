/**
 * The queues, by purpose (architecture rule 16): a ten-minute transcode, a one-second certificate
 * and a thousand-row import never wait in the same line. Each has its own concurrency, and a worker
 * process can be told which of them it serves (QUEUE_WORKER_QUEUES).
 */
export const QUEUE_NAMES = ['media', 'domain', 'bulk'] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

/** What each queue is for, for operators (docs, logs). */
export const QUEUE_PURPOSE: Record<QueueName, string> = {
  media: 'long media processing (video transcodes)',
  domain: 'short domain jobs (event consumers, schedules, diagnostics)',
  bulk: 'bulk work (imports, course assignments, exports)',
};
