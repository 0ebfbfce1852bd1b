import * as path from 'node:path';
import { QUEUE_NAMES, QueueName } from '../queue/queue-names';
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
    /** Jobs run at once per process, per queue. */
    concurrency: Record<QueueName, number>;
    runWorkersInApi: boolean;
    /** The queues this process's workers serve (all of them with the inline driver). */
    workerQueues: QueueName[];
  };
  outbox: { pollMs: number; retentionDays: number };
  http: { bodyLimit: number; trustProxy: boolean; webDistDir: string | null };
  shutdownTimeoutMs: number;
  version: string;
  publicUrl: string;
  auth: {
    /** Undefined means "generate and keep under the data directory" (never in production). */
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    cookieSecure: boolean;
    loginMaxFailures: number;
    loginWindowSeconds: number;
    /** The token bucket that paces wrong passwords from one address. */
    loginAddressBurst: number;
    loginAddressPerMinute: number;
  };
  dataEncryptionKey?: string;
  mail: { smtpUrl?: string; from: string };
  oidc: { issuer: string; clientId: string; clientSecret: string; displayName: string; scopes: string } | null;
  storageDir: string;
  /** Directory for generated secrets in the embedded default. */
  dataDir: string;
  importMaxBytes: number;
  /** Multipart uploads idle this long (no byte received) are refused. */
  uploadIdleTimeoutMs: number;
  media: { maxBytes: number; attachmentMaxBytes: number; urlTtlSeconds: number; uploadAbandonHours: number };
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
      // The variable, not the element: QUEUE_WORKER_QUEUES reports its second queue as path [name, 1].
      const name = issue.path.length ? String(issue.path[0]) : '(environment)';
      const value = source[name];
      return `${name}: ${issue.message}${value !== undefined ? ` (got "${value}")` : ''}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(repoRoot, p));
  if (e.NODE_ENV === 'production') {
    const missing = (['JWT_SECRET', 'DATA_ENCRYPTION_KEY'] as const).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when NODE_ENV=production`));
  }
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigError(['OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three to enable single sign-on, or none']);
  }
  const sqlitePath = e.SQLITE_PATH === ':memory:' ? ':memory:' : resolve(e.SQLITE_PATH);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    database: e.DATABASE_URL
      ? { driver: 'mysql', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { driver: 'sqlite', path: sqlitePath },
    queue: {
      driver: e.REDIS_URL ? 'bullmq' : 'inline',
      redisUrl: e.REDIS_URL,
      prefix: e.QUEUE_PREFIX,
      attempts: e.QUEUE_ATTEMPTS,
      backoffMs: e.QUEUE_BACKOFF_MS,
      concurrency: { media: e.QUEUE_CONCURRENCY_MEDIA, domain: e.QUEUE_CONCURRENCY_DOMAIN, bulk: e.QUEUE_CONCURRENCY_BULK },
      runWorkersInApi: e.REDIS_URL ? e.QUEUE_RUN_WORKERS_IN_API : true,
      // In-process jobs have nowhere else to run: the inline driver always serves every queue.
      workerQueues: e.REDIS_URL ? e.QUEUE_WORKER_QUEUES : [...QUEUE_NAMES],
    },
    outbox: { pollMs: e.OUTBOX_POLL_MS, retentionDays: e.OUTBOX_RETENTION_DAYS },
    http: {
      bodyLimit: e.BODY_LIMIT_BYTES,
      trustProxy: e.TRUST_PROXY,
      webDistDir: e.WEB_DIST_DIR ? resolve(e.WEB_DIST_DIR) : null,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    version: process.env.npm_package_version ?? '0.1.0',
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
      loginAddressBurst: e.LOGIN_ADDRESS_BURST,
      loginAddressPerMinute: e.LOGIN_ADDRESS_PER_MINUTE,
    },
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, displayName: e.OIDC_DISPLAY_NAME, scopes: e.OIDC_SCOPES }
        : null,
    storageDir: resolve(e.STORAGE_DIR),
    dataDir: sqlitePath === ':memory:' || e.DATABASE_URL ? resolve('data') : path.dirname(sqlitePath),
    importMaxBytes: e.IMPORT_MAX_BYTES,
    uploadIdleTimeoutMs: e.UPLOAD_IDLE_TIMEOUT_MS,
    media: { maxBytes: e.MEDIA_MAX_BYTES, attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES, urlTtlSeconds: e.MEDIA_URL_TTL_SECONDS, uploadAbandonHours: e.MEDIA_UPLOAD_ABANDON_HOURS },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
