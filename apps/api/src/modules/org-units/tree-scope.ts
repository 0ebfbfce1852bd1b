import type { DataSource, EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../../common/auth-user';

/**
 * Who may see what in the unit tree. Administrators see the whole province; a unit manager sees
 * the subtree under their own unit (every unit whose materialised path starts with theirs).
 */
export function isAdmin(caller: Pick<AuthUser, 'roles'>): boolean {
  return hasRole(caller, 'admin');
}

/** The path prefix that bounds what the caller sees, or null for the whole tree. */
export function scopePrefix(caller: Pick<AuthUser, 'roles' | 'orgUnitPath'>): string | null {
  return isAdmin(caller) ? null : caller.orgUnitPath;
}

/** True when a unit (given by its path) lies inside the caller's scope. */
export function inScope(caller: Pick<AuthUser, 'roles' | 'orgUnitPath'>, unitPath: string): boolean {
  const prefix = scopePrefix(caller);
  return prefix === null || unitPath.startsWith(prefix);
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

/**
 * The patterns matching one value inside a TypeORM simple-array column (comma-joined text):
 * the whole value, first, last or in the middle. Works without CONCAT on either database.
 */
export function simpleArrayPatterns(value: string): { exact: string; first: string; last: string; middle: string } {
  const v = escapeLike(value);
  return { exact: value, first: `${v},%`, last: `%,${v}`, middle: `%,${v},%` };
}

/** SQL that concatenates two expressions: `||` on SQLite, CONCAT() on MySQL/MariaDB (where `||` means OR). */
export function sqlConcat(db: DataSource | EntityManager, a: string, b: string): string {
  const type = ('connection' in db ? db.connection : db).options.type;
  return type === 'mysql' || type === 'mariadb' ? `CONCAT(${a}, ${b})` : `(${a} || ${b})`;
}

/** True on MySQL/MariaDB, where rows can be locked with SELECT … FOR UPDATE (SQLite serialises writers). */
export function supportsRowLocks(db: DataSource | EntityManager): boolean {
  const type = ('connection' in db ? db.connection : db).options.type;
  return type === 'mysql' || type === 'mariadb';
}
