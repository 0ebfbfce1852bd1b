import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Audience, ErrorCode, Role, roleSchema } from '@bdhv/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { LIKE_ESCAPE, startsWithPattern } from '../../database/sql';
import { AppException } from '../app-exception';
import { AuthUser, hasRole } from '../auth-user';
import { inDeclaredOrder } from '../declared-order';

/** The caller as the policy sees it: current roles and unit (see CallerStateService). */
export type Caller = Pick<AuthUser, 'id' | 'roles' | 'orgUnitPath'>;

/** A SQL condition with its named parameters, for list queries (TypeORM query builders). */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** An account as the policy needs to see it. */
export interface AccountRef {
  id: string;
  roles: Role[];
  orgUnitPath: string;
}

/** Roles only administrators grant, revoke or edit the holders of. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'unit_manager'];

type Db = DataSource | EntityManager;

/** The roles of a `users LEFT JOIN user_roles` result (one row per role), in the contract's order. */
export function rolesOfRows(rows: Array<{ role: string | null }>): Role[] {
  return inDeclaredOrder(
    rows.flatMap((r) => (r.role ? [r.role] : [])),
    roleSchema.options,
  );
}

/**
 * Who may see and change what — the one place these rules are written (architecture rule 14).
 * Domains ask it; none re-derives "owns this course" or "is in my subtree".
 *
 * - Administrators see and manage everything.
 * - Unit scope: a unit manager sees the subtree under their own unit (every unit whose materialised
 *   path starts with theirs), and the people whose *current* unit lies in it.
 * - Accounts: managing an account needs it in scope; administrators' and unit managers' accounts,
 *   and those two roles, are managed only by administrators; nobody disables or demotes themselves.
 * - Courses: owners and co-owners (course_owners rows) and administrators manage a course.
 * - Learner records (enrolments, progress): the learner; the course's managers; unit managers for
 *   learners whose current unit is in their scope.
 *
 * It reads the tables it decides over by name (it is kernel code and imports no domain), always
 * with indexed lookups. The caller it is given carries current roles and unit (AuthGuard reads them
 * from CallerStateService).
 */
@Injectable()
export class AccessPolicy {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ---- Roles ----------------------------------------------------------------------------------

  isAdmin(caller: Pick<AuthUser, 'roles'>): boolean {
    return hasRole(caller, 'admin');
  }

  // ---- Unit scope -----------------------------------------------------------------------------

  /** The path prefix bounding what the caller sees in the unit tree, or null for the whole province. */
  unitScope(caller: Pick<AuthUser, 'roles' | 'orgUnitPath'>): string | null {
    return this.isAdmin(caller) ? null : caller.orgUnitPath;
  }

  /** True when a unit (by its materialised path) lies in the caller's scope. */
  inUnitScope(caller: Pick<AuthUser, 'roles' | 'orgUnitPath'>, unitPath: string): boolean {
    const prefix = this.unitScope(caller);
    return prefix === null || unitPath.startsWith(prefix);
  }

  /** `pathColumn LIKE 'prefix%'` for the caller's scope, or null when nothing needs filtering. */
  unitScopeCondition(caller: Pick<AuthUser, 'roles' | 'orgUnitPath'>, pathColumn: string, param = 'scopePrefix'): SqlCondition | null {
    const prefix = this.unitScope(caller);
    return prefix === null ? null : { sql: `${pathColumn} LIKE :${param} ${LIKE_ESCAPE}`, params: { [param]: startsWithPattern(prefix) } };
  }

  /** The unit when it exists and lies in the caller's scope; null otherwise (callers answer as if it did not exist). */
  async visibleUnit(caller: Caller, unitId: string, db: Db = this.db): Promise<{ id: string; name: string; path: string; active: boolean } | null> {
    const [row]: Array<{ id: string; name: string; path: string; active: number | boolean }> = await db.query('SELECT id, name, path, active FROM org_units WHERE id = ?', [unitId]);
    if (!row || !this.inUnitScope(caller, row.path)) return null;
    return { id: row.id, name: row.name, path: row.path, active: Boolean(Number(row.active)) };
  }

  // ---- Accounts -------------------------------------------------------------------------------

  /** The account when it exists and its current unit lies in the caller's scope; null otherwise. */
  async visibleAccount(caller: Caller, userId: string, db: Db = this.db): Promise<AccountRef | null> {
    // One indexed query: a row per role (one row with a null role when the account has none).
    const rows: Array<{ id: string; role: Role | null; path: string }> = await db.query(
      'SELECT u.id AS id, ur.role AS role, ou.path AS path FROM users u INNER JOIN org_units ou ON ou.id = u.orgUnitId LEFT JOIN user_roles ur ON ur.userId = u.id WHERE u.id = ?',
      [userId],
    );
    const row = rows[0];
    if (!row || !this.inUnitScope(caller, row.path)) return null;
    return { id: row.id, roles: rolesOfRows(rows), orgUnitPath: row.path };
  }

  /**
   * Why the caller may not make this change to an account in their scope, or null when they may.
   * The one rule for direct edits and imports alike: administrators' and unit managers' accounts,
   * and those roles, are changed only by administrators; nobody disables themselves or drops their
   * own management role. `unitPath` is the unit the account would move to (it must be in scope).
   */
  accountChangeRefusal(
    caller: Caller,
    target: AccountRef,
    change: { addedRoles?: Role[]; removedRoles?: Role[]; disabling?: boolean; unitPath?: string },
  ): AppException | null {
    const admin = this.isAdmin(caller);
    const self = target.id === caller.id;
    const added = change.addedRoles ?? [];
    const removed = change.removedRoles ?? [];
    if (self && change.disabling) return AppException.validation([{ field: 'status', message: 'Bạn không thể tự khoá tài khoản của mình.' }]);
    if (self && removed.some((r) => PRIVILEGED_ROLES.includes(r))) return AppException.validation([{ field: 'roles', message: 'Bạn không thể tự bỏ quyền quản lý của mình.' }]);
    if (!admin && !self && target.roles.some((r) => PRIVILEGED_ROLES.includes(r))) {
      return AppException.forbidden('Chỉ quản trị viên mới được sửa tài khoản của quản trị viên hoặc cán bộ quản lý.');
    }
    if (!admin && [...added, ...removed].some((r) => PRIVILEGED_ROLES.includes(r))) return this.cannotGrant();
    return change.unitPath === undefined ? null : this.unitAssignmentRefusal(caller, change.unitPath);
  }

  /** Why the caller may not place an account in the unit at `unitPath` (outside their scope), or null. */
  unitAssignmentRefusal(caller: Pick<AuthUser, 'roles' | 'orgUnitPath'>, unitPath: string): AppException | null {
    if (this.inUnitScope(caller, unitPath)) return null;
    return new AppException(403, ErrorCode.FORBIDDEN, 'Bạn chỉ được quản lý người dùng trong đơn vị của mình.', [
      { field: 'orgUnitId', message: 'Đơn vị này nằm ngoài phạm vi quản lý của bạn.' },
    ]);
  }

  /** Why the caller may not create an account with these roles, or null when they may. */
  accountCreationRefusal(caller: Caller, roles: Role[]): AppException | null {
    return !this.isAdmin(caller) && roles.some((r) => PRIVILEGED_ROLES.includes(r)) ? this.cannotGrant() : null;
  }

  private cannotGrant(): AppException {
    return new AppException(403, ErrorCode.FORBIDDEN, 'Chỉ quản trị viên mới được cấp hoặc thu hồi quyền quản trị, quản lý đơn vị.', [
      { field: 'roles', message: 'Bạn không được cấp hoặc thu hồi vai trò này.' },
    ]);
  }

  // ---- Records a person created (uploads, imports) ---------------------------------------------

  /** True for the record's creator and for administrators. */
  ownsRecord(caller: Caller, creatorId: string | null): boolean {
    return this.isAdmin(caller) || (creatorId !== null && creatorId === caller.id);
  }

  /** The creator id a list of such records is restricted to, or null for administrators (who see all). */
  ownRecordsFilter(caller: Caller): string | null {
    return this.isAdmin(caller) ? null : caller.id;
  }

  // ---- Courses --------------------------------------------------------------------------------

  /** Condition restricting `courseIdColumn` to courses the caller manages, or null for administrators. */
  courseManagerCondition(caller: Caller, courseIdColumn: string, param = 'courseManagerId'): SqlCondition | null {
    if (this.isAdmin(caller)) return null;
    return { sql: `EXISTS (SELECT 1 FROM course_owners co WHERE co.courseId = ${courseIdColumn} AND co.userId = :${param})`, params: { [param]: caller.id } };
  }

  /** True when the caller manages the course: an administrator, or one of its owners and co-owners. */
  async managesCourse(caller: Caller, courseId: string, db: Db = this.db): Promise<boolean> {
    if (this.isAdmin(caller)) return true;
    const rows: unknown[] = await db.query('SELECT 1 AS x FROM course_owners WHERE courseId = ? AND userId = ?', [courseId, caller.id]);
    return rows.length > 0;
  }

  /** True when the caller studies the published course: an active or completed enrolment (withdrawn learners lose access). */
  async studiesCourse(caller: Caller, courseId: string, db: Db = this.db): Promise<boolean> {
    const rows: unknown[] = await db.query(
      "SELECT 1 AS x FROM enrolments e INNER JOIN courses c ON c.id = e.courseId WHERE e.courseId = ? AND e.userId = ? AND e.status IN ('active', 'completed') AND c.status = 'published'",
      [courseId, caller.id],
    );
    return rows.length > 0;
  }

  /**
   * Why the user may not enrol themselves in the course, or null when they may: an active account,
   * one of the course's target audiences (when it names any) and a unit inside one of its target
   * units (when it names any). Behind `POST /courses/:id/enrol` and the catalog's `openToMe`.
   */
  selfEnrolmentRefusal(
    course: { targetAudiences: Audience[]; targetUnitIds: string[] },
    user: { status: string; audiences: Audience[] } | null,
    orgUnitPath: string,
  ): string | null {
    if (!user || user.status !== 'active') return 'Bạn không có quyền thực hiện thao tác này.';
    if (course.targetAudiences.length && !course.targetAudiences.some((a) => user.audiences.includes(a))) return 'Khóa học này không dành cho đối tượng của bạn.';
    if (course.targetUnitIds.length && !course.targetUnitIds.some((id) => orgUnitPath.includes(`/${id}/`))) return 'Khóa học này không dành cho đơn vị của bạn.';
    return null;
  }

  // ---- Learner records ------------------------------------------------------------------------

  /**
   * Which learners' records of one course the caller may list: all when they manage the course;
   * for a unit manager, those whose current unit (`learnerUnitPathColumn`) is in their scope.
   * Throws 403 for anyone else.
   */
  async courseLearnersCondition(caller: Caller, courseId: string, learnerUnitPathColumn: string): Promise<SqlCondition | null> {
    if (await this.managesCourse(caller, courseId)) return null;
    if (!hasRole(caller, 'unit_manager')) throw new AppException(403, ErrorCode.FORBIDDEN, 'Chỉ giảng viên của khóa học, cán bộ quản lý đơn vị hoặc quản trị viên được xem tiến độ học viên.');
    return this.unitScopeCondition(caller, learnerUnitPathColumn, 'learnerScope');
  }

  /**
   * Which assignments of one course the caller may list: all when they manage the course; for a
   * unit manager, those to units in their scope. Throws 403 for anyone else.
   */
  async courseAssignmentsCondition(caller: Caller, courseId: string, unitPathColumn: string): Promise<SqlCondition | null> {
    if (await this.managesCourse(caller, courseId)) return null;
    if (!hasRole(caller, 'unit_manager')) throw AppException.forbidden();
    return this.unitScopeCondition(caller, unitPathColumn, 'assignmentScope');
  }
}
