import type { Audience, EnrolmentDto } from '@bdhv/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { supportsRowLocks } from '../org-units/tree-scope';
import type { Enrolment } from './enrolment.entity';

/** A date as read back from either database (Date from MySQL/MariaDB, UTC text from SQLite). */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return toDate(value)?.toISOString() ?? null;
}

export function isDuplicateKey(error: unknown): boolean {
  const e = (error as { driverError?: { code?: string }; code?: string } | null) ?? {};
  const code = e.driverError?.code ?? e.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

export function toEnrolmentDto(e: Enrolment): EnrolmentDto {
  return {
    id: e.id,
    courseId: e.courseId,
    userId: e.userId,
    orgUnitId: e.orgUnitId,
    source: e.source,
    status: e.status,
    dueAt: isoOrNull(e.dueAt),
    progressPercent: e.progressPercent,
    completedLessons: e.completedLessons,
    completedAt: isoOrNull(e.completedAt),
    lastActivityAt: isoOrNull(e.lastActivityAt),
    createdAt: isoOrNull(e.createdAt)!,
  };
}

/** True when one of `unitIds` is the unit at the end of `path` or one of its ancestors (`/a/b/c/`). */
export function pathHasAncestorOrSelf(path: string, unitIds: string[]): boolean {
  return unitIds.some((id) => path.includes(`/${id}/`));
}

/**
 * Why the user may not enrol themselves in the course, or null when they may: an active account,
 * one of the course's target audiences (when it names any) and a unit inside one of its target
 * units (when it names any). The one rule behind `POST /courses/:id/enrol` and the catalog's `openToMe`.
 */
export function selfEnrolmentRefusal(
  course: { targetAudiences: Audience[]; targetUnitIds: string[] },
  user: { status: string; audiences: Audience[] } | null,
  orgUnitPath: string,
): string | null {
  if (!user || user.status !== 'active') return 'Bạn không có quyền thực hiện thao tác này.';
  if (course.targetAudiences.length && !course.targetAudiences.some((a) => user.audiences.includes(a))) return 'Khóa học này không dành cho đối tượng của bạn.';
  if (course.targetUnitIds.length && !pathHasAncestorOrSelf(orgUnitPath, course.targetUnitIds)) return 'Khóa học này không dành cho đơn vị của bạn.';
  return null;
}

let sqliteQueue: Promise<unknown> = Promise.resolve();

/**
 * `db.transaction`, serialised in-process on SQLite: TypeORM's better-sqlite3 driver has one
 * connection, and two overlapping transactions on it fail ("cannot start a transaction within a
 * transaction"). MySQL/MariaDB use pooled connections and row locks instead.
 */
export function learningTransaction<T>(db: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  if (supportsRowLocks(db)) return db.transaction(fn);
  const run = sqliteQueue.then(() => db.transaction(fn));
  sqliteQueue = run.catch(() => undefined);
  return run;
}
