import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { DataSource } from 'typeorm';
import { BootOptions, Booted, createHttpApp, createWorkerApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/config';
import { createAppDataSource } from '../../src/entities';

/** True when the suite runs against MariaDB/MySQL (CI sets DATABASE_URL); SQLite otherwise. */
export const usingMysql = Boolean(process.env.DATABASE_URL);
export const usingRedis = Boolean(process.env.REDIS_URL);

/**
 * A private database for one spec file: a temp SQLite file, or a scratch database on the MySQL
 * server named by DATABASE_URL. Migrated by the real migrations, dropped afterwards.
 */
export class TestDatabase {
  private constructor(
    readonly env: Record<string, string>,
    private readonly drop: () => Promise<void>,
  ) {}

  static async create(): Promise<TestDatabase> {
    const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
    if (usingMysql) {
      const server = new URL(process.env.DATABASE_URL!);
      const name = `${server.pathname.slice(1) || 'test'}_${tag}`;
      const admin = new DataSource({ type: server.protocol === 'mariadb:' ? 'mariadb' : 'mysql', url: `${server.protocol}//${server.username}${server.password ? `:${server.password}` : ''}@${server.host}` });
      await admin.initialize();
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return new TestDatabase({ DATABASE_URL: url.toString() }, async () => {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.destroy();
      });
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-test-'));
    return new TestDatabase({ SQLITE_PATH: path.join(dir, 'test.sqlite') }, async () => fs.rmSync(dir, { recursive: true, force: true }));
  }

  async migrate(): Promise<void> {
    const ds = this.dataSource();
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
  }

  dataSource(): DataSource {
    return createAppDataSource(loadConfig({ ...this.env }));
  }

  dispose(): Promise<void> {
    return this.drop();
  }
}

export function testConfig(db: TestDatabase, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: '',
    QUEUE_BACKOFF_MS: '20',
    QUEUE_PREFIX: `bdhvtest_${process.pid}_${randomBytes(3).toString('hex')}`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...db.env,
    ...overrides,
  });
}

export async function startApi(db: TestDatabase, overrides: Record<string, string> = {}, options: BootOptions = {}): Promise<Booted<NestFastifyApplication>> {
  const config = testConfig(db, overrides);
  const booted = await createHttpApp(config, undefined, options);
  await booted.app.getHttpAdapter().getInstance().ready();
  return booted;
}

export async function startWorker(db: TestDatabase, overrides: Record<string, string> = {}, options: BootOptions = {}) {
  return createWorkerApp(testConfig(db, overrides), undefined, options);
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** In-process HTTP requests against the app (no port), returning the raw response. */
export function injector(booted: Booted<NestFastifyApplication>) {
  const fastify = booted.app.getHttpAdapter().getInstance();
  return (opts: InjectOptions) => fastify.inject(opts);
}

/** A private, migrated database and an open data source on it, for specs that also read and write directly. */
export async function openMigratedDatabase(): Promise<{ db: TestDatabase; ds: DataSource }> {
  const db = await TestDatabase.create();
  await db.migrate();
  const ds = db.dataSource();
  await ds.initialize();
  return { db, ds };
}

/** Closes what openMigratedDatabase opened; safe to call after a failed set-up. */
export async function closeMigratedDatabase(db: TestDatabase | undefined, ds: DataSource | undefined): Promise<void> {
  if (ds?.isInitialized) await ds.destroy();
  await db?.dispose();
}
