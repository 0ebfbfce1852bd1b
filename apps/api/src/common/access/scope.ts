import type { Audience } from '@bdhv/contracts';
import { AuthUser, hasRole } from '../auth-user';

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
