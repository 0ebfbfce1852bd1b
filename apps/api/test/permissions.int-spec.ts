import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { orgUnitListSchema, userListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { createUser, membershipsOf, seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

/**
 * Object-level authorization: a unit manager reaches only their own unit subtree, and nobody but
 * administrators (and, for reads and user edits, unit managers) reaches the administration routes.
 */
describe('administration permissions', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let units: Map<string, OrgUnit>;
  let admin: SignedInUser;
  let manager: SignedInUser;
  let learner: SignedInUser;
  let trainer: SignedInUser;
  let own: OrgUnit;
  let ownChild: OrgUnit;
  let other: OrgUnit;
  let ownUser: User;
  let otherUser: User;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    api = await startApi(db);
    inject = injector(api);
    own = units.get('P-DONGKINH')!;
    other = units.get('P-TAMTHANH')!;
    ownChild = await createOrgUnit(ds, { parent: own, name: 'Tổ dân phố 1', kind: 'other' });
    admin = await signedInUser(ds, inject, ['admin'], { orgUnitId: units.get('SKHCN')!.id });
    manager = await signedInUser(ds, inject, ['unit_manager', 'learner'], { orgUnitId: own.id, fullName: 'Quản Lý Đông Kinh' });
    learner = await signedInUser(ds, inject, ['learner'], { orgUnitId: own.id });
    trainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: own.id });
    ownUser = await createUser(ds, { orgUnitId: ownChild.id, fullName: 'Người Của Đông Kinh' });
    otherUser = await createUser(ds, { orgUnitId: other.id, fullName: 'Người Của Tam Thanh' });
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const newUserBody = (orgUnitId: string, n: number) => ({ fullName: `Cán Bộ Mới ${n}`, email: `canbo.moi.${n}@example.vn`, orgUnitId, audiences: ['official'], roles: ['learner'] });

  const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;

  /** Every administration route, with a body that would be valid for an administrator. */
  const adminRoutes = () => [
    { method: 'GET', url: '/api/org-units' },
    { method: 'POST', url: '/api/org-units', payload: { code: 'X-MOI', name: 'Xã Mới', kind: 'commune', parentId: units.get('LS')!.id } },
    { method: 'PATCH', url: `/api/org-units/${other.id}`, payload: { name: 'Phường Tam Thanh mới' } },
    { method: 'POST', url: `/api/org-units/${ownChild.id}/move`, payload: { parentId: other.id } },
    { method: 'POST', url: `/api/org-units/${ownChild.id}/merge`, payload: { targetId: other.id } },
    { method: 'GET', url: '/api/users' },
    { method: 'POST', url: '/api/users', payload: newUserBody(own.id, 900) },
    { method: 'GET', url: `/api/users/${ownUser.id}` },
    { method: 'PATCH', url: `/api/users/${ownUser.id}`, payload: { position: 'Cán bộ' } },
    { method: 'POST', url: `/api/users/${ownUser.id}/force-reset` },
    { method: 'POST', url: `/api/users/${ownUser.id}/oidc-link-permit` },
    { method: 'GET', url: '/api/audit' },
  ] as const;

  it('the enumeration below covers every administration route the API serves', () => {
    const served = api.routes
      .filter((r) => !r.startsWith('HEAD '))
      .filter((r) => /^\w+ \/api\/(users|org-units|audit)(\/|$)/.test(r))
      .filter((r) => r !== 'GET /api/org-units/communes')
      .sort();
    const listed = adminRoutes().map(routeKey).sort();
    expect(listed).toEqual(served);
  });

  it('a learner gets 403 on every administration route, and nothing changes', async () => {
    for (const who of [learner, trainer]) {
      for (const route of adminRoutes()) {
        const res = await inject({ ...route, headers: who.session.auth } as Parameters<typeof inject>[0]);
        expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 403 });
        expect(JSON.parse(res.body).code).toBe('FORBIDDEN');
      }
    }
    expect(await ds.getRepository(OrgUnit).existsBy({ code: 'X-MOI' })).toBe(false);
    expect(await ds.getRepository(User).existsBy({ email: 'canbo.moi.900@example.vn' })).toBe(false);
    expect(await ds.getRepository(AuditLog).countBy({ actorId: learner.id })).toBe(0);
  });

  it('a unit manager gets 403 on the administrator-only routes', async () => {
    const managerMay = new Set(['GET /api/org-units', 'GET /api/users', 'POST /api/users', 'GET /api/users/:id', 'PATCH /api/users/:id']);
    const adminOnly = adminRoutes().filter((r) => !managerMay.has(routeKey(r)));
    expect(adminOnly.map(routeKey)).toHaveLength(7);
    for (const route of adminOnly) {
      const res = await inject({ ...route, headers: manager.session.auth } as Parameters<typeof inject>[0]);
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 403 });
    }
  });

  describe("a unit manager and another commune's users and units", () => {
    it('cannot list them: the unit filter answers 404 and the unfiltered list leaves them out', async () => {
      const filtered = await inject({ method: 'GET', url: `/api/users?orgUnitId=${other.id}`, headers: manager.session.auth });
      expect(filtered.statusCode).toBe(404);
      const all = userListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/users?pageSize=100', headers: manager.session.auth })).body));
      const ids = all.items.map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([manager.id, learner.id, ownUser.id]));
      expect(ids).not.toContain(otherUser.id);
      expect(ids).not.toContain(admin.id);
      expect(all.items.every((u) => [own.id, ownChild.id].includes(u.orgUnit.id))).toBe(true);
      const searched = userListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/users?q=tam%20thanh', headers: manager.session.auth })).body));
      expect(searched.total).toBe(0);
    });

    it('cannot read, edit or reset them (404: their existence is not revealed)', async () => {
      const detail = await inject({ method: 'GET', url: `/api/users/${otherUser.id}`, headers: manager.session.auth });
      expect(detail.statusCode).toBe(404);
      const patch = await inject({ method: 'PATCH', url: `/api/users/${otherUser.id}`, headers: manager.session.auth, payload: { fullName: 'Đã Bị Sửa' } });
      expect(patch.statusCode).toBe(404);
      const disable = await inject({ method: 'PATCH', url: `/api/users/${otherUser.id}`, headers: manager.session.auth, payload: { status: 'disabled' } });
      expect(disable.statusCode).toBe(404);
      const reset = await inject({ method: 'POST', url: `/api/users/${otherUser.id}/force-reset`, headers: manager.session.auth });
      expect([403, 404]).toContain(reset.statusCode);
      const unchanged = await ds.getRepository(User).findOneByOrFail({ id: otherUser.id });
      expect(unchanged).toMatchObject({ fullName: 'Người Của Tam Thanh', status: 'active', mustChangePassword: false });
    });

    it('cannot create a user there, nor move one of theirs there (403 naming orgUnitId)', async () => {
      const create = await inject({ method: 'POST', url: '/api/users', headers: manager.session.auth, payload: newUserBody(other.id, 901) });
      expect(create.statusCode).toBe(403);
      expect(JSON.parse(create.body).errors).toEqual([expect.objectContaining({ field: 'orgUnitId' })]);
      expect(await ds.getRepository(User).existsBy({ email: 'canbo.moi.901@example.vn' })).toBe(false);
      const move = await inject({ method: 'PATCH', url: `/api/users/${ownUser.id}`, headers: manager.session.auth, payload: { orgUnitId: other.id } });
      expect(move.statusCode).toBe(403);
      expect((await ds.getRepository(User).findOneByOrFail({ id: ownUser.id })).orgUnitId).toBe(ownChild.id);
    });

    it('sees only their own subtree of units, and cannot change any unit', async () => {
      const list = orgUnitListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/org-units', headers: manager.session.auth })).body));
      expect(list.items.map((u) => u.id)).toEqual([own.id, ownChild.id]);
      for (const route of [
        { method: 'PATCH', url: `/api/org-units/${other.id}`, payload: { name: 'Đổi tên' } },
        { method: 'PATCH', url: `/api/org-units/${own.id}`, payload: { name: 'Đổi tên' } },
        { method: 'POST', url: '/api/org-units', payload: { code: 'TO-2', name: 'Tổ 2', kind: 'other', parentId: own.id } },
        { method: 'POST', url: `/api/org-units/${other.id}/merge`, payload: { targetId: own.id } },
        { method: 'POST', url: `/api/org-units/${other.id}/move`, payload: { parentId: own.id } },
      ] as const) {
        expect((await inject({ ...route, headers: manager.session.auth })).statusCode).toBe(403);
      }
    });
  });

  describe('a unit manager in their own subtree', () => {
    it('lists, reads, creates and edits users of their unit and its sub-units', async () => {
      const list = await inject({ method: 'GET', url: `/api/users?orgUnitId=${own.id}`, headers: manager.session.auth });
      expect(list.statusCode).toBe(200);
      expect(userListSchema.parse(JSON.parse(list.body)).items.map((u) => u.id)).toContain(ownUser.id);
      const onlyUnit = userListSchema.parse(JSON.parse((await inject({ method: 'GET', url: `/api/users?orgUnitId=${own.id}&includeSubunits=false`, headers: manager.session.auth })).body));
      expect(onlyUnit.items.map((u) => u.id)).not.toContain(ownUser.id);
      expect((await inject({ method: 'GET', url: `/api/users/${ownUser.id}`, headers: manager.session.auth })).statusCode).toBe(200);
      const patch = await inject({ method: 'PATCH', url: `/api/users/${ownUser.id}`, headers: manager.session.auth, payload: { position: 'Tổ trưởng', orgUnitId: own.id } });
      expect(patch.statusCode).toBe(200);
      expect(JSON.parse(patch.body)).toMatchObject({ position: 'Tổ trưởng', orgUnit: { id: own.id } });
      const create = await inject({ method: 'POST', url: '/api/users', headers: manager.session.auth, payload: newUserBody(ownChild.id, 902) });
      expect(create.statusCode).toBe(201);
      expect(JSON.parse(create.body).orgUnit.id).toBe(ownChild.id);
    });

    it('cannot grant administrator or manager roles, nor edit an administrator placed in their unit', async () => {
      const grant = await inject({ method: 'PATCH', url: `/api/users/${learner.id}`, headers: manager.session.auth, payload: { roles: ['learner', 'admin'] } });
      expect(grant.statusCode).toBe(403);
      expect(JSON.parse(grant.body).errors).toEqual([expect.objectContaining({ field: 'roles' })]);
      const grantManager = await inject({ method: 'PATCH', url: `/api/users/${learner.id}`, headers: manager.session.auth, payload: { roles: ['unit_manager'] } });
      expect(grantManager.statusCode).toBe(403);
      const createAdmin = await inject({ method: 'POST', url: '/api/users', headers: manager.session.auth, payload: { ...newUserBody(own.id, 903), roles: ['admin'] } });
      expect(createAdmin.statusCode).toBe(403);
      expect(await ds.getRepository(User).existsBy({ email: 'canbo.moi.903@example.vn' })).toBe(false);
      expect((await membershipsOf(ds, learner.id)).roles).toEqual(['learner']);

      const localAdmin = await createUser(ds, { orgUnitId: own.id, roles: ['admin'] });
      expect((await inject({ method: 'GET', url: `/api/users/${localAdmin.id}`, headers: manager.session.auth })).statusCode).toBe(200);
      const takeover = await inject({ method: 'PATCH', url: `/api/users/${localAdmin.id}`, headers: manager.session.auth, payload: { email: 'ke-gian@example.vn' } });
      expect(takeover.statusCode).toBe(403);
      expect((await ds.getRepository(User).findOneByOrFail({ id: localAdmin.id })).email).toBe(localAdmin.email);
    });

    it('an administrator reaches every unit', async () => {
      expect((await inject({ method: 'GET', url: `/api/users?orgUnitId=${other.id}`, headers: admin.session.auth })).statusCode).toBe(200);
      expect((await inject({ method: 'GET', url: `/api/users/${otherUser.id}`, headers: admin.session.auth })).statusCode).toBe(200);
      const list = orgUnitListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/org-units', headers: admin.session.auth })).body));
      expect(list.items.length).toBe(units.size + 1);
    });
  });
});
