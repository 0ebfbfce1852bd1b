import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { orgUnitListSchema, orgUnitSchema, publicCommuneListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { createUser, seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

describe('organisation units', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let units: Map<string, OrgUnit>;
  let admin: SignedInUser;
  let root: OrgUnit;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    root = units.get('LS')!;
    api = await startApi(db);
    inject = injector(api);
    admin = await signedInUser(ds, inject, ['admin'], { orgUnitId: units.get('SKHCN')!.id });
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload: object) => inject({ method, url, headers: admin.session.auth, payload });
  const reload = (id: string) => ds.getRepository(OrgUnit).findOneByOrFail({ id });
  const listUnits = async () => orgUnitListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/org-units', headers: admin.session.auth })).body)).items;
  /** Every unit's path is its parent's path plus its own id. */
  const expectConsistentPaths = async () => {
    const all = await ds.getRepository(OrgUnit).find();
    const byId = new Map(all.map((u) => [u.id, u]));
    for (const u of all) {
      const expected = u.parentId ? `${byId.get(u.parentId)!.path}${u.id}/` : `/${u.id}/`;
      expect({ code: u.code, path: u.path }).toEqual({ code: u.code, path: expected });
    }
  };

  describe('public list of communes', () => {
    it('lists active communes and wards only, in Vietnamese alphabetical order, without signing in', async () => {
      const closed = await createOrgUnit(ds, { parent: root, kind: 'commune', name: 'Xã Đã Giải Thể', active: false });
      const res = await inject({ method: 'GET', url: '/api/org-units/communes' });
      expect(res.statusCode).toBe(200);
      const { items } = publicCommuneListSchema.parse(JSON.parse(res.body));
      expect(items.map((c) => c.name)).toEqual(['Phường Đông Kinh', 'Phường Tam Thanh', 'Xã Bắc Sơn', 'Xã Mẫu Sơn']);
      expect(items.map((c) => c.id)).not.toContain(closed.id);
      expect(Object.keys(items[0]).sort()).toEqual(['code', 'id', 'name']);
    });
  });

  describe('listing', () => {
    it('lists parents before children, siblings by name, with user counts', async () => {
      const dongKinh = units.get('P-DONGKINH')!;
      const hamlet = await createOrgUnit(ds, { parent: dongKinh, name: 'Khối 2' });
      await createOrgUnit(ds, { parent: dongKinh, name: 'Khối 10' });
      await createOrgUnit(ds, { parent: hamlet, name: 'Tổ 1' });
      await createUser(ds, { orgUnitId: hamlet.id });
      await createUser(ds, { orgUnitId: hamlet.id, status: 'disabled' });
      const items = await listUnits();
      const orgUnitsById = new Map(items.map((u, i) => [u.id, i]));
      for (const u of items) if (u.parentId) expect(orgUnitsById.get(u.parentId)!).toBeLessThan(orgUnitsById.get(u.id)!);
      expect(items[0]).toMatchObject({ id: root.id, parentId: null, kind: 'province', active: true, mergedIntoId: null });
      const underRoot = items.filter((u) => u.parentId === root.id).map((u) => u.name);
      expect(underRoot.slice(0, 4)).toEqual(['Báo và Phát thanh, Truyền hình Lạng Sơn', 'Phường Đông Kinh', 'Phường Tam Thanh', 'Sở Khoa học và Công nghệ']);
      const names = items.map((u) => u.name);
      expect(names.indexOf('Khối 2')).toBeLessThan(names.indexOf('Tổ 1'));
      expect(names.indexOf('Tổ 1')).toBeLessThan(names.indexOf('Khối 10'));
      expect(items.find((u) => u.id === hamlet.id)!.userCount).toBe(2);
      // The demo manager lives in Đông Kinh (itself, not the hamlet).
      expect(items.find((u) => u.id === dongKinh.id)!.userCount).toBe(1);
      expect(items.find((u) => u.id === units.get('SKHCN')!.id)!.userCount).toBe(3);
      // Units and their user counts: two queries, however many units there are.
      const queries = await countQueries(api, listUnits);
      expect(queries).toBeGreaterThan(0);
      expect(queries).toBeLessThanOrEqual(2);
    });
  });

  describe('creating and editing', () => {
    it('creates a unit under a parent with the path extended by its id', async () => {
      const res = await send('POST', '/api/org-units', { code: ' x-moi-1 ', name: 'Xã Mới Một', kind: 'commune', parentId: root.id });
      expect(res.statusCode).toBe(201);
      const body = orgUnitSchema.parse(JSON.parse(res.body));
      expect(body).toMatchObject({ code: 'X-MOI-1', name: 'Xã Mới Một', kind: 'commune', parentId: root.id, active: true, mergedIntoId: null, userCount: 0 });
      expect((await reload(body.id)).path).toBe(`${root.path}${body.id}/`);
      expect(await ds.getRepository(AuditLog).countBy({ action: 'org_unit.created', targetId: body.id, actorId: admin.id })).toBe(1);
      const communes = JSON.parse((await inject({ method: 'GET', url: '/api/org-units/communes' })).body).items;
      expect(communes.map((c: { id: string }) => c.id)).toContain(body.id);
    });

    it('refuses a code already used (409 naming code) and bad input (400 naming the field), writing nothing', async () => {
      const before = await ds.getRepository(OrgUnit).count();
      const dup = await send('POST', '/api/org-units', { code: 'x-mauson', name: 'Trùng Mã', kind: 'commune', parentId: root.id });
      expect(dup.statusCode).toBe(409);
      expect(JSON.parse(dup.body).errors).toEqual([expect.objectContaining({ field: 'code' })]);
      for (const [payload, field] of [
        [{ code: 'có dấu', name: 'Tên', kind: 'commune', parentId: root.id }, 'code'],
        [{ code: 'OK-1', name: 'T', kind: 'commune', parentId: root.id }, 'name'],
        [{ code: 'OK-2', name: 'Tỉnh Khác', kind: 'province', parentId: root.id }, 'kind'],
        [{ code: 'OK-3', name: 'Không Cha', kind: 'commune' }, 'parentId'],
        [{ code: 'OK-4', name: 'Cha Không Có', kind: 'commune', parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId'],
      ] as const) {
        const res = await send('POST', '/api/org-units', payload);
        expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
        expect(JSON.parse(res.body).errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await ds.getRepository(OrgUnit).count()).toBe(before);
    });

    it('renames, changes kind and deactivates, recording what changed', async () => {
      const unit = await createOrgUnit(ds, { parent: root, name: 'Tên Cũ', kind: 'other' });
      const res = await send('PATCH', `/api/org-units/${unit.id}`, { name: 'Trung tâm Mới', kind: 'enterprise', active: false });
      expect(res.statusCode).toBe(200);
      expect(orgUnitSchema.parse(JSON.parse(res.body))).toMatchObject({ name: 'Trung tâm Mới', kind: 'enterprise', active: false });
      const entry = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'org_unit.updated', targetId: unit.id });
      expect(entry.details).toMatchObject({ fields: ['name', 'kind', 'active'], nameBefore: 'Tên Cũ', nameAfter: 'Trung tâm Mới', activeAfter: false });
      expect((await send('PATCH', `/api/org-units/${unit.id}`, { active: true })).statusCode).toBe(200);
      expect((await reload(unit.id)).active).toBe(true);
      expect((await send('PATCH', '/api/org-units/00000000-0000-4000-8000-000000000000', { name: 'Không Có' })).statusCode).toBe(404);
      expect((await send('PATCH', `/api/org-units/${unit.id}`, { code: 'DOI-MA' })).statusCode).toBe(400);
    });

    it('never deactivates the province root', async () => {
      const res = await send('PATCH', `/api/org-units/${root.id}`, { active: false, name: 'Tỉnh Lạng Sơn (mới)' });
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).errors[0].field).toBe('active');
      expect(await reload(root.id)).toMatchObject({ active: true, name: 'Tỉnh Lạng Sơn' });
    });
  });

  describe('moving', () => {
    it('moves a unit with its whole subtree, rewriting every path; users keep their unit', async () => {
      const from = await createOrgUnit(ds, { parent: root, name: 'Huyện Cũ' });
      const to = await createOrgUnit(ds, { parent: root, name: 'Huyện Mới' });
      const unit = await createOrgUnit(ds, { parent: from, name: 'Xã Di Chuyển' });
      const child = await createOrgUnit(ds, { parent: unit, name: 'Thôn A' });
      const grandchild = await createOrgUnit(ds, { parent: child, name: 'Xóm 1' });
      const sibling = await createOrgUnit(ds, { parent: from, name: 'Xã Ở Lại' });
      const resident = await createUser(ds, { orgUnitId: grandchild.id });

      const res = await send('POST', `/api/org-units/${unit.id}/move`, { parentId: to.id });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ id: unit.id, parentId: to.id });
      expect((await reload(unit.id)).path).toBe(`${to.path}${unit.id}/`);
      expect((await reload(child.id)).path).toBe(`${to.path}${unit.id}/${child.id}/`);
      expect((await reload(grandchild.id)).path).toBe(`${to.path}${unit.id}/${child.id}/${grandchild.id}/`);
      expect((await reload(sibling.id)).path).toBe(`${from.path}${sibling.id}/`);
      expect((await ds.getRepository(User).findOneByOrFail({ id: resident.id })).orgUnitId).toBe(grandchild.id);
      await expectConsistentPaths();

      const entry = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'org_unit.moved', targetId: unit.id });
      expect(entry).toMatchObject({ actorId: admin.id, details: { fromParentId: from.id, toParentId: to.id, unitsUpdated: 3 } });
      expect(entry.summary).toContain('Huyện Cũ');
      expect(entry.summary).toContain('Huyện Mới');

      // A manager of the new parent now sees the moved subtree and its users.
      const manager = await signedInUser(ds, inject, ['unit_manager'], { orgUnitId: to.id });
      const seen = orgUnitListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/org-units', headers: manager.session.auth })).body)).items;
      expect(seen.map((u) => u.id)).toEqual([to.id, unit.id, child.id, grandchild.id]);
      expect((await inject({ method: 'GET', url: `/api/users/${resident.id}`, headers: manager.session.auth })).statusCode).toBe(200);
    });

    it('refuses moving a unit under itself or its descendant, moving the root, or under a missing unit', async () => {
      const unit = await createOrgUnit(ds, { parent: root, name: 'Không Di Được' });
      const child = await createOrgUnit(ds, { parent: unit });
      const grandchild = await createOrgUnit(ds, { parent: child });
      for (const parentId of [unit.id, child.id, grandchild.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await send('POST', `/api/org-units/${unit.id}/move`, { parentId });
        expect(res.statusCode).toBe(400);
        expect(JSON.parse(res.body).errors[0].field).toBe('parentId');
      }
      const rootMove = await send('POST', `/api/org-units/${root.id}/move`, { parentId: unit.id });
      expect(rootMove.statusCode).toBe(400);
      expect(JSON.parse(rootMove.body).code).toBe('ORG_UNIT_ROOT');
      expect((await send('POST', `/api/org-units/${unit.id}/move`, { parentId: 'abc' })).statusCode).toBe(400);
      expect((await send('POST', '/api/org-units/00000000-0000-4000-8000-000000000000/move', { parentId: root.id })).statusCode).toBe(404);
      expect(await reload(unit.id)).toMatchObject({ parentId: root.id, path: `${root.path}${unit.id}/` });
      expect((await reload(grandchild.id)).path).toBe(`${root.path}${unit.id}/${child.id}/${grandchild.id}/`);
      expect(await ds.getRepository(AuditLog).countBy({ action: 'org_unit.moved', targetId: unit.id })).toBe(0);
    });
  });

  describe('merging', () => {
    it('moves users and child units to the target and leaves the source inactive, pointing at it', async () => {
      const source = await createOrgUnit(ds, { parent: root, name: 'Xã Sáp Nhập', kind: 'commune' });
      const target = await createOrgUnit(ds, { parent: root, name: 'Xã Nhận', kind: 'commune' });
      const child = await createOrgUnit(ds, { parent: source, name: 'Thôn Của Xã Cũ' });
      const grandchild = await createOrgUnit(ds, { parent: child, name: 'Xóm Của Xã Cũ' });
      const movers = [await createUser(ds, { orgUnitId: source.id }), await createUser(ds, { orgUnitId: source.id, status: 'disabled' })];
      const stayer = await createUser(ds, { orgUnitId: child.id });
      const alreadyThere = await createUser(ds, { orgUnitId: target.id });

      const res = await send('POST', `/api/org-units/${source.id}/merge`, { targetId: target.id });
      expect(res.statusCode).toBe(200);
      expect(orgUnitSchema.parse(JSON.parse(res.body))).toMatchObject({ id: source.id, active: false, mergedIntoId: target.id, userCount: 0 });

      for (const u of movers) expect((await ds.getRepository(User).findOneByOrFail({ id: u.id })).orgUnitId).toBe(target.id);
      expect((await ds.getRepository(User).findOneByOrFail({ id: stayer.id })).orgUnitId).toBe(child.id);
      expect((await ds.getRepository(User).findOneByOrFail({ id: alreadyThere.id })).orgUnitId).toBe(target.id);
      expect(await reload(child.id)).toMatchObject({ parentId: target.id, path: `${target.path}${child.id}/` });
      expect((await reload(grandchild.id)).path).toBe(`${target.path}${child.id}/${grandchild.id}/`);
      expect(await reload(source.id)).toMatchObject({ active: false, mergedIntoId: target.id, path: `${root.path}${source.id}/` });
      await expectConsistentPaths();

      const listed = await listUnits();
      expect(listed.find((u) => u.id === target.id)!.userCount).toBe(3);
      expect(listed.find((u) => u.id === source.id)).toMatchObject({ active: false, mergedIntoId: target.id, userCount: 0 });
      const communes = JSON.parse((await inject({ method: 'GET', url: '/api/org-units/communes' })).body).items.map((c: { id: string }) => c.id);
      expect(communes).not.toContain(source.id);

      const entry = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'org_unit.merged', targetId: source.id });
      expect(entry).toMatchObject({ actorId: admin.id, details: { targetId: target.id, usersMoved: 2, childUnitsMoved: 1 } });

      // Merged once: not again, and it cannot come back to life.
      expect((await send('POST', `/api/org-units/${source.id}/merge`, { targetId: target.id })).statusCode).toBe(409);
      const revive = await send('PATCH', `/api/org-units/${source.id}`, { active: true });
      expect(revive.statusCode).toBe(400);
      expect(JSON.parse(revive.body).errors[0].field).toBe('active');
    });

    it('a chain of merges keeps every merged unit pointing at a unit that still exists', async () => {
      const first = await createOrgUnit(ds, { parent: root, name: 'Xã Gộp Lần Một', kind: 'commune' });
      const second = await createOrgUnit(ds, { parent: root, name: 'Xã Gộp Lần Hai', kind: 'commune' });
      const last = await createOrgUnit(ds, { parent: root, name: 'Xã Cuối Cùng', kind: 'commune' });
      expect((await send('POST', `/api/org-units/${first.id}/merge`, { targetId: second.id })).statusCode).toBe(200);
      expect((await send('POST', `/api/org-units/${second.id}/merge`, { targetId: last.id })).statusCode).toBe(200);
      expect(await reload(first.id)).toMatchObject({ active: false, mergedIntoId: last.id });
      expect(await reload(second.id)).toMatchObject({ active: false, mergedIntoId: last.id });
      expect(await reload(last.id)).toMatchObject({ active: true, mergedIntoId: null });
    });

    it('a failure part-way through a merge or a move leaves everything as it was', async () => {
      const source = await createOrgUnit(ds, { parent: root, name: 'Xã Lỗi Giữa Chừng' });
      const target = await createOrgUnit(ds, { parent: root, name: 'Xã Đích' });
      const child = await createOrgUnit(ds, { parent: source });
      const resident = await createUser(ds, { orgUnitId: source.id });
      // The audit entry is the last write of each transaction: failing it must undo the others.
      const spy = jest.spyOn(api.app.get(AuditService), 'record').mockRejectedValue(new Error('disk full'));
      try {
        expect((await send('POST', `/api/org-units/${source.id}/merge`, { targetId: target.id })).statusCode).toBe(500);
        expect((await send('POST', `/api/org-units/${source.id}/move`, { parentId: target.id })).statusCode).toBe(500);
      } finally {
        spy.mockRestore();
      }
      expect(await reload(source.id)).toMatchObject({ active: true, mergedIntoId: null, parentId: root.id, path: `${root.path}${source.id}/` });
      expect(await reload(child.id)).toMatchObject({ parentId: source.id, path: `${root.path}${source.id}/${child.id}/` });
      expect((await ds.getRepository(User).findOneByOrFail({ id: resident.id })).orgUnitId).toBe(source.id);
    });

    it('refuses merging into itself, its descendant, an inactive or missing unit, and merging the root', async () => {
      const source = await createOrgUnit(ds, { parent: root, name: 'Không Sáp Nhập Được' });
      const child = await createOrgUnit(ds, { parent: source });
      const inactive = await createOrgUnit(ds, { parent: root, active: false });
      const resident = await createUser(ds, { orgUnitId: source.id });
      for (const targetId of [source.id, child.id, inactive.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await send('POST', `/api/org-units/${source.id}/merge`, { targetId });
        expect(res.statusCode).toBe(400);
        expect(JSON.parse(res.body).errors[0].field).toBe('targetId');
      }
      const rootMerge = await send('POST', `/api/org-units/${root.id}/merge`, { targetId: source.id });
      expect(rootMerge.statusCode).toBe(400);
      expect(await reload(source.id)).toMatchObject({ active: true, mergedIntoId: null });
      expect(await reload(root.id)).toMatchObject({ active: true, mergedIntoId: null });
      expect((await reload(child.id)).parentId).toBe(source.id);
      expect((await ds.getRepository(User).findOneByOrFail({ id: resident.id })).orgUnitId).toBe(source.id);
      expect(await ds.getRepository(AuditLog).countBy({ action: 'org_unit.merged', targetId: source.id })).toBe(0);
    });
  });
});

/** Counts the SQL statements the API runs while `fn` runs (to prove a list is not N+1). */
async function countQueries(api: Booted<NestFastifyApplication>, fn: () => Promise<unknown>): Promise<number> {
  const runner = api.app.get(DataSource).createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  await runner.release();
  const spy = jest.spyOn(proto, 'query');
  try {
    await fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
