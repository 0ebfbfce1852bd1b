import type { DataSource, EntityManager } from 'typeorm';
import { supportsRowLocks } from './sql';

let sqliteQueue: Promise<unknown> = Promise.resolve();

/**
 * `db.transaction`, serialised in-process on SQLite: TypeORM's better-sqlite3 driver has one
 * connection, and two overlapping transactions on it fail ("cannot start a transaction within a
 * transaction"). MySQL/MariaDB use pooled connections and row locks instead.
 */
export function serializedTransaction<T>(db: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  if (supportsRowLocks(db)) return db.transaction(fn);
  const run = sqliteQueue.then(() => db.transaction(fn));
  sqliteQueue = run.catch(() => undefined);
  return run;
}
