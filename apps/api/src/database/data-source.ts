import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions, EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';

export type Dialect = 'mysql' | 'sqlite';

/** Migrations are generated per dialect from the same entities; a test proves both match them. */
export function migrationsDir(dialect: Dialect): string {
  return path.join(__dirname, 'migrations', dialect);
}

/** Entity classes: the composition root (src/entities.ts) passes every domain's. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = Array<Function | EntitySchema>;

export function buildDataSourceOptions(config: Pick<AppConfig, 'database'>, entities: EntityList): DataSourceOptions {
  const db = config.database;
  const common = {
    entities,
    migrations: [path.join(migrationsDir(db.driver), '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
  };
  if (db.driver === 'mysql') {
    return {
      ...common,
      // mariadb:// selects TypeORM's MariaDB variant (same mysql2 driver): MariaDB reports column
      // defaults differently, and reading them as MySQL would invent schema differences.
      type: db.url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: db.poolSize,
      supportBigNumbers: true,
      extra: { connectionLimit: db.poolSize },
    };
  }
  if (db.path !== ':memory:') fs.mkdirSync(path.dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL lets readers run beside the single writer; NORMAL is durable enough with WAL.
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
    },
  };
}

export function createDataSource(config: Pick<AppConfig, 'database'>, entities: EntityList): DataSource {
  return new DataSource(buildDataSourceOptions(config, entities));
}
