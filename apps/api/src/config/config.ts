import * as path from 'node:path';
import { envSchema } from './config.schema';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  log: { level: string; pretty: boolean };
  database:
    | { driver: 'mysql'; url: string; poolSize: number }
    | { driver: 'sqlite'; path: string };
  queue: {
    driver: 'bullmq' | 'inline';
    redisUrl?: string;
    prefix: string;
    attempts: number;
    backoffMs: number;
    concurrency: number;
    runWorkersInApi: boolean;
  };
  http: { bodyLimit: number; trustProxy: boolean; webDistDir: string | null };
  shutdownTimeoutMs: number;
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The repository root: paths in the environment are relative to it, wherever the process starts. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset": a blank line in an .env file must not select a driver.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = source[name];
      return `${name}: ${issue.message}${value !== undefined ? ` (got "${value}")` : ''}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(repoRoot, p));
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    database: e.DATABASE_URL
      ? { driver: 'mysql', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { driver: 'sqlite', path: e.SQLITE_PATH === ':memory:' ? ':memory:' : resolve(e.SQLITE_PATH) },
    queue: {
      driver: e.REDIS_URL ? 'bullmq' : 'inline',
      redisUrl: e.REDIS_URL,
      prefix: e.QUEUE_PREFIX,
      attempts: e.QUEUE_ATTEMPTS,
      backoffMs: e.QUEUE_BACKOFF_MS,
      concurrency: e.QUEUE_CONCURRENCY,
      runWorkersInApi: e.REDIS_URL ? e.QUEUE_RUN_WORKERS_IN_API : true,
    },
    http: {
      bodyLimit: e.BODY_LIMIT_BYTES,
      trustProxy: e.TRUST_PROXY,
      webDistDir: e.WEB_DIST_DIR ? resolve(e.WEB_DIST_DIR) : null,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    version: process.env.npm_package_version ?? '0.1.0',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
