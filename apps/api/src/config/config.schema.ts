import { z } from 'zod';

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
  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Run queue processors inside the API process too (always true for the inline driver). */
  QUEUE_RUN_WORKERS_IN_API: booleanFromEnv.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(25_000),
  /** Built web app served at `/`; empty disables static serving (development uses Vite). */
  WEB_DIST_DIR: z.string().default('apps/web/dist'),
  TRUST_PROXY: booleanFromEnv.default(false),
});

export type Env = z.infer<typeof envSchema>;
