import type { DataSource, EntityManager } from 'typeorm';

/** Portable SQL helpers: the same query text must mean the same on SQLite and MySQL/MariaDB. */

function dialectOf(db: DataSource | EntityManager): string {
  return ('connection' in db ? db.connection : db).options.type;
}

/** True on MySQL/MariaDB, where rows can be locked with SELECT … FOR UPDATE (SQLite serialises writers). */
export function supportsRowLocks(db: DataSource | EntityManager): boolean {
  const type = dialectOf(db);
  return type === 'mysql' || type === 'mariadb';
}

/** SQL that concatenates two expressions: `||` on SQLite, CONCAT() on MySQL/MariaDB (where `||` means OR). */
export function sqlConcat(db: DataSource | EntityManager, a: string, b: string): string {
  return supportsRowLocks(db) ? `CONCAT(${a}, ${b})` : `(${a} || ${b})`;
}

/**
 * LIKE patterns use '!' as their escape character: unlike backslash it means the same in SQLite
 * and MySQL string literals. Every query using these patterns adds `ESCAPE '!'`.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (c) => `!${c}`);
}

/** Pattern for "starts with". */
export function startsWithPattern(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}

/** Pattern for "contains". */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}

function driverErrorOf(error: unknown): { code?: string; message?: string } {
  const e = error as { driverError?: { code?: string; message?: string }; code?: string; message?: string } | null;
  return e?.driverError ?? e ?? {};
}

/** A unique-index violation, on either database. */
export function isDuplicateKey(error: unknown): boolean {
  const code = driverErrorOf(error).code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Maps a unique-index violation raised by the database to the request field it concerns, so that a
 * race between the "already taken?" check and the insert still answers 409 naming the field.
 * SQLite reports `UNIQUE constraint failed: users.phone`; MySQL/MariaDB report the index name
 * (`Duplicate entry '…' for key 'UQ_users_phone'`).
 */
export function uniqueViolationField(error: unknown, fields: Record<string, { index: string; column: string }>): string | null {
  if (!isDuplicateKey(error)) return null;
  const message = driverErrorOf(error).message ?? '';
  for (const [field, { index, column }] of Object.entries(fields)) {
    if (message.includes(index) || message.includes(column)) return field;
  }
  return null;
}
