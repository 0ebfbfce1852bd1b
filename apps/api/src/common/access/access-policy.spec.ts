import type { DataSource } from 'typeorm';
import { AppException } from '../app-exception';
import { AccessPolicy } from './access-policy';

// The pure rules; the ones that read the database are covered by the integration specs.
const policy = new AccessPolicy({} as DataSource);
const admin = { id: 'a', roles: ['admin' as const], orgUnitPath: '/root/' };
const manager = { id: 'm', roles: ['unit_manager' as const], orgUnitPath: '/root/a/' };
const trainer = { id: 't', roles: ['trainer' as const], orgUnitPath: '/root/a/' };

function status(e: AppException | null): number | null {
  return e ? e.getStatus() : null;
}

describe('AccessPolicy', () => {
  it('lets administrators see every unit and managers only their subtree', () => {
    expect(policy.inUnitScope(manager, '/root/a/')).toBe(true);
    expect(policy.inUnitScope(manager, '/root/a/b/')).toBe(true);
    expect(policy.inUnitScope(manager, '/root/ab/')).toBe(false);
    expect(policy.inUnitScope(manager, '/root/')).toBe(false);
    expect(policy.inUnitScope({ roles: ['admin'], orgUnitPath: '/root/a/' }, '/root/')).toBe(true);
    expect(policy.unitScopeCondition(admin, 'ou.path')).toBeNull();
    expect(policy.unitScopeCondition(manager, 'ou.path')).toEqual({ sql: "ou.path LIKE :scopePrefix ESCAPE '!'", params: { scopePrefix: '/root/a/%' } });
  });

  it('keeps administrators’ and managers’ accounts, and those roles, for administrators', () => {
    const learner = { id: 'l', roles: ['learner' as const], orgUnitPath: '/root/a/b/' };
    const otherManager = { id: 'm2', roles: ['unit_manager' as const], orgUnitPath: '/root/a/b/' };
    expect(policy.accountChangeRefusal(manager, learner, {})).toBeNull();
    expect(status(policy.accountChangeRefusal(manager, otherManager, {}))).toBe(403);
    expect(status(policy.accountChangeRefusal(manager, learner, { addedRoles: ['unit_manager'] }))).toBe(403);
    expect(policy.accountChangeRefusal(manager, learner, { addedRoles: ['trainer'] })).toBeNull();
    expect(status(policy.accountChangeRefusal(manager, learner, { unitPath: '/root/' }))).toBe(403);
    expect(policy.accountChangeRefusal(admin, otherManager, { removedRoles: ['unit_manager'], unitPath: '/root/' })).toBeNull();
  });

  it('refuses disabling oneself and dropping one’s own management role', () => {
    expect(status(policy.accountChangeRefusal(admin, admin, { disabling: true }))).toBe(400);
    expect(status(policy.accountChangeRefusal(admin, admin, { removedRoles: ['admin'] }))).toBe(400);
    expect(policy.accountChangeRefusal(manager, manager, { addedRoles: [] })).toBeNull();
  });

  it('restricts course lists to owned courses except for administrators', () => {
    expect(policy.courseManagerCondition(admin, 'c.id')).toBeNull();
    expect(policy.courseManagerCondition(trainer, 'c.id')).toEqual({
      sql: 'EXISTS (SELECT 1 FROM course_owners co WHERE co.courseId = c.id AND co.userId = :courseManagerId)',
      params: { courseManagerId: 't' },
    });
  });

  it('opens a course to self-enrolment by audience and unit', () => {
    const course = { targetAudiences: ['official' as const], targetUnitIds: ['a'] };
    expect(policy.selfEnrolmentRefusal(course, { status: 'active', audiences: ['official'] }, '/root/a/b/')).toBeNull();
    expect(policy.selfEnrolmentRefusal(course, { status: 'active', audiences: ['resident'] }, '/root/a/b/')).toMatch(/đối tượng/);
    expect(policy.selfEnrolmentRefusal(course, { status: 'active', audiences: ['official'] }, '/root/c/')).toMatch(/đơn vị/);
    expect(policy.selfEnrolmentRefusal(course, { status: 'disabled', audiences: ['official'] }, '/root/a/')).not.toBeNull();
  });

  it('lets creators and administrators own records', () => {
    expect(policy.ownsRecord(trainer, 't')).toBe(true);
    expect(policy.ownsRecord(trainer, 'x')).toBe(false);
    expect(policy.ownsRecord(admin, 'x')).toBe(true);
    expect(policy.ownRecordsFilter(admin)).toBeNull();
    expect(policy.ownRecordsFilter(trainer)).toBe('t');
  });
});
