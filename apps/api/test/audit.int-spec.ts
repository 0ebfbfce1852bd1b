import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { auditListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { createAuditEntry } from './factories/audit.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { createUser, seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

/** Target ids of the entries below (audit targets are object ids: UUIDs). */
const UNIT_1 = '00000000-0000-4000-8000-0000000000a1';
const UNIT_2 = '00000000-0000-4000-8000-0000000000a2';

describe('audit log', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let admin: SignedInUser;
  let orgUnitId: string;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    orgUnitId = units.get('X-BACSON')!.id;
    api = await startApi(db);
    inject = injector(api);
    admin = await signedInUser(ds, inject, ['admin'], { orgUnitId: units.get('SKHCN')!.id, fullName: 'Bế Văn Kiểm Tra' });
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const audit = async (query: string) => {
    const res = await inject({ method: 'GET', url: `/api/audit?${query}`, headers: admin.session.auth });
    expect(res.statusCode).toBe(200);
    return auditListSchema.parse(JSON.parse(res.body));
  };

  it('shows role changes and disabling with the actor, filtered by action', async () => {
    const u = await createUser(ds, { orgUnitId, fullName: 'Nông Thị Được Sửa' });
    expect((await inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: admin.session.auth, payload: { roles: ['learner', 'trainer'] } })).statusCode).toBe(200);
    expect((await inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: admin.session.auth, payload: { status: 'disabled' } })).statusCode).toBe(200);

    const roles = await audit('action=user.roles_changed');
    expect(roles.total).toBe(1);
    expect(roles.items[0]).toMatchObject({
      action: 'user.roles_changed',
      actor: { id: admin.id, fullName: 'Bế Văn Kiểm Tra' },
      targetType: 'user',
      targetId: u.id,
      details: { before: ['learner'], after: ['learner', 'trainer'] },
    });
    expect(roles.items[0].ip).toBeTruthy();
    expect(new Date(roles.items[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const disabled = await audit('action=user.disabled');
    expect(disabled.items.map((e) => [e.targetId, e.actor?.id])).toEqual([[u.id, admin.id]]);
    const forUser = await audit(`targetId=${u.id}`);
    expect(forUser.items.map((e) => e.action).sort()).toEqual(['user.disabled', 'user.roles_changed']);
  });

  describe('with entries at known times', () => {
    const t = (minutes: number) => new Date(Date.UTC(2026, 0, 10, 8, minutes, 0));
    let other: Awaited<ReturnType<typeof createUser>>;
    beforeAll(async () => {
      other = await createUser(ds, { orgUnitId, fullName: 'Người Khác' });
      await createAuditEntry(ds, { action: 'org_unit.created', at: t(1), actorId: admin.id, targetId: UNIT_1 });
      await createAuditEntry(ds, { action: 'org_unit.updated', at: t(3), actorId: other.id, targetId: UNIT_1 });
      await createAuditEntry(ds, { action: 'auth.login_failed', at: t(2), actorId: null, targetId: other.id, targetType: 'user' });
      await createAuditEntry(ds, { action: 'org_unit.moved', at: t(5), actorId: admin.id, targetId: UNIT_2, details: { fromParentId: 'a', toParentId: 'b' } });
    });
    const window = `from=${encodeURIComponent(t(0).toISOString())}&to=${encodeURIComponent(t(10).toISOString())}`;

    it('lists newest first, with pages and a total', async () => {
      const all = await audit(window);
      expect(all.items.map((e) => e.action)).toEqual(['org_unit.moved', 'org_unit.updated', 'auth.login_failed', 'org_unit.created']);
      expect(all.total).toBe(4);
      expect(all.items[0]).toMatchObject({ at: t(5).toISOString(), details: { fromParentId: 'a', toParentId: 'b' } });
      // A system entry has no actor.
      expect(all.items[2].actor).toBeNull();
      expect(all.items[1].actor).toEqual({ id: other.id, fullName: 'Người Khác' });
      const second = await audit(`${window}&pageSize=3&page=2`);
      expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4 });
      expect(second.items.map((e) => e.action)).toEqual(['org_unit.created']);
    });

    it('filters by time, actor and target', async () => {
      const between = await audit(`from=${encodeURIComponent(t(2).toISOString())}&to=${encodeURIComponent('2026-01-10T15:03:00+07:00')}`);
      expect(between.items.map((e) => e.action)).toEqual(['org_unit.updated', 'auth.login_failed']);
      const byActor = await audit(`${window}&actorId=${admin.id}`);
      expect(byActor.items.map((e) => e.action)).toEqual(['org_unit.moved', 'org_unit.created']);
      const byTarget = await audit(`targetId=${UNIT_1}`);
      expect(byTarget.items.map((e) => e.action)).toEqual(['org_unit.updated', 'org_unit.created']);
    });

    it('rejects unknown filters naming them', async () => {
      for (const [query, field] of [
        ['action=user.exploded', 'action'],
        ['actorId=nobody', 'actorId'],
        ['from=yesterday', 'from'],
        ['pageSize=0', 'pageSize'],
      ]) {
        const res = await inject({ method: 'GET', url: `/api/audit?${query}`, headers: admin.session.auth });
        expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
        expect(JSON.parse(res.body).errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  it('is for administrators only', async () => {
    const manager = await signedInUser(ds, inject, ['unit_manager'], { orgUnitId });
    const learner = await signedInUser(ds, inject, ['learner', 'trainer'], { orgUnitId });
    for (const who of [manager, learner]) {
      const res = await inject({ method: 'GET', url: '/api/audit', headers: who.session.auth });
      expect(res.statusCode).toBe(403);
    }
    expect((await inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
});
