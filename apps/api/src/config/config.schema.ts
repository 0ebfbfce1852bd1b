import { z } from 'zod';
import { QUEUE_NAMES } from '../queue/queue-names';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable the API and the worker read. Parsed once at boot;
 * an invalid value stops the process with a message naming each bad variable.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFromEnv.default(false),
  /** mysql://user:pass@host:3306/db selects MySQL/MariaDB; unset selects the embedded SQLite file. */
  DATABASE_URL: z
    .url({ protocol: /^(mysql|mariadb)$/, error: 'must be a mysql:// or mariadb:// URL' })
    .optional(),
  SQLITE_PATH: z.string().min(1).default('data/bdhv.sqlite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** redis://host:6379 selects BullMQ; unset selects the in-process inline queue driver. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('bdhv'),
  QUEUE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  QUEUE_BACKOFF_MS: z.coerce.number().int().min(1).max(600_000).default(2000),
  /** Replaced by one concurrency per queue; refused so that an old setting is not silently ignored. */
  QUEUE_CONCURRENCY: z.never({ error: 'replaced by QUEUE_CONCURRENCY_MEDIA, QUEUE_CONCURRENCY_DOMAIN and QUEUE_CONCURRENCY_BULK' }).optional(),
  /** Jobs run at once per process, per queue: transcodes use every core, so one at a time by default. */
  QUEUE_CONCURRENCY_MEDIA: z.coerce.number().int().min(1).max(64).default(1),
  QUEUE_CONCURRENCY_DOMAIN: z.coerce.number().int().min(1).max(64).default(4),
  QUEUE_CONCURRENCY_BULK: z.coerce.number().int().min(1).max(64).default(2),
  /** Run queue processors inside the API process too (always true for the inline driver). */
  QUEUE_RUN_WORKERS_IN_API: booleanFromEnv.default(false),
  /** The queues this process's workers serve, comma-separated (BullMQ only; the inline driver serves all). */
  QUEUE_WORKER_QUEUES: z
    .string()
    .transform((v) => v.split(',').map((q) => q.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.enum(QUEUE_NAMES, { error: (issue) => `unknown queue "${String(issue.input)}" (queues: ${QUEUE_NAMES.join(', ')})` }))
        .min(1, `name at least one queue (${QUEUE_NAMES.join(', ')})`)
        .refine((qs) => new Set(qs).size === qs.length, 'a queue is named twice'),
    )
    .default([...QUEUE_NAMES]),
  /** How often each process looks for outbox events left unrelayed (a crash, Redis down); commits relay at once. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Relayed outbox events are kept this many days (for inquiries and replays), then purged nightly. */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(25_000),
  /** Built web app served at `/`; empty disables static serving (development uses Vite). */
  WEB_DIST_DIR: z.string().default('apps/web/dist'),
  TRUST_PROXY: booleanFromEnv.default(false),
  /** Public address of the web app, used in links sent to users (password reset). */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** Signs access tokens; at least 32 characters. Required in production; generated and kept under ./data otherwise. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** 32 bytes, base64: encrypts citizen IDs. Required in production; generated and kept under ./data otherwise. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64 (openssl rand -base64 32)')
    .optional(),
  /** Secure cookies (HTTPS only). Defaults to true in production. */
  COOKIE_SECURE: booleanFromEnv.optional(),
  /** Failed sign-ins allowed per account within the window before 429 with a growing delay. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Per address (IPv4, or IPv6 /64): wrong passwords allowed at once, then this many per minute (docs/decisions.md). */
  LOGIN_ADDRESS_BURST: z.coerce.number().int().min(1).max(10_000).default(30),
  LOGIN_ADDRESS_PER_MINUTE: z.coerce.number().positive().max(6000).default(3),
  /** smtp(s)://user:pass@host:port — password-reset mail; unset writes the link to the log. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().default('Bình dân học vụ số <no-reply@hocvuso.local>'),
  /** OpenID Connect single sign-on (e.g. VNeID): all three enable it. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().default('VNeID'),
  OIDC_SCOPES: z.string().default('openid profile email phone'),
  /** Where uploads (imports, later media) are kept when no object storage is configured. */
  STORAGE_DIR: z.string().default('data/storage'),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  /** A file upload (multipart) that receives nothing for this long is refused and discarded. */
  UPLOAD_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3600_000).default(30_000),
  /** Largest lesson video accepted by the resumable upload. */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  /** Largest attachment (PDF/office) accepted. */
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  /** Resumable uploads with no data received for this long are deleted, with their partial files. */
  MEDIA_UPLOAD_ABANDON_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24),
  /** Lifetime of the signed playback URLs. */
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(6 * 3600),
});

export type Env = z.infer<typeof envSchema>;
