import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { userDetailSchema, userListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { SecretsService } from '../src/common/secrets.service';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { createUser, membershipsOf, seedTree } from './factories/users.factory';
import { signIn } from './helpers/auth';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

describe('users administration', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let units: Map<string, OrgUnit>;
  let admin: SignedInUser;
  /** A unit of its own, so that list assertions see only the users made here. */
  let lab: OrgUnit;
  let labChild: OrgUnit;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    api = await startApi(db);
    inject = injector(api);
    admin = await signedInUser(ds, inject, ['admin', 'learner'], { orgUnitId: units.get('SKHCN')!.id, fullName: 'Quản Trị Viên Thử' });
    lab = await createOrgUnit(ds, { parent: units.get('LS')!, name: 'Xã Thử Nghiệm', kind: 'commune' });
    labChild = await createOrgUnit(ds, { parent: lab, name: 'Thôn Thử Nghiệm' });
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const get = (url: string, who: SignedInUser = admin) => inject({ method: 'GET', url, headers: who.session.auth });
  const list = async (query: string, who: SignedInUser = admin) => {
    const res = await get(`/api/users?${query}`, who);
    expect(res.statusCode).toBe(200);
    return userListSchema.parse(JSON.parse(res.body));
  };
  const patch = (id: string, payload: object, who: SignedInUser = admin) => inject({ method: 'PATCH', url: `/api/users/${id}`, headers: who.session.auth, payload });

  describe('listing', () => {
    let people: Record<string, User>;
    beforeAll(async () => {
      people = {
        a: await createUser(ds, { orgUnitId: lab.id, fullName: 'Nguyễn Văn A', phone: '+84912345678', audiences: ['official'] }),
        anh: await createUser(ds, { orgUnitId: labChild.id, fullName: 'Nguyễn Văn Anh', audiences: ['resident'] }),
        binh: await createUser(ds, { orgUnitId: lab.id, fullName: 'Nguyễn Văn Bình', roles: ['trainer', 'learner'], audiences: ['official', 'press'] }),
        dung: await createUser(ds, { orgUnitId: labChild.id, fullName: 'Đặng Thị Dung', status: 'disabled', audiences: ['resident'] }),
        an: await createUser(ds, { orgUnitId: lab.id, fullName: 'Ân Văn Lợi', email: 'loi_an%x@example.vn', audiences: ['enterprise'] }),
      };
    });
    const names = (page: { items: { fullName: string }[] }) => page.items.map((u) => u.fullName);

    it('finds names without diacritics and in any case', async () => {
      expect(names(await list(`orgUnitId=${lab.id}&q=nguyen%20van%20a`))).toEqual(['Nguyễn Văn A', 'Nguyễn Văn Anh']);
      expect(names(await list(`orgUnitId=${lab.id}&q=NGUYỄN VĂN BÌNH`))).toEqual(['Nguyễn Văn Bình']);
      expect(names(await list(`orgUnitId=${lab.id}&q=dang%20thi`))).toEqual(['Đặng Thị Dung']);
      expect(names(await list('q=nguyen%20van%20a'))).toEqual(expect.arrayContaining(['Nguyễn Văn A', 'Nguyễn Văn Anh']));
    });

    it('finds a phone number however it is written, and an email', async () => {
      for (const q of ['0912 345', '0912.345.678', '+84 912 345', '912345678']) {
        expect({ q, found: names(await list(`orgUnitId=${lab.id}&q=${encodeURIComponent(q)}`)) }).toEqual({ q, found: ['Nguyễn Văn A'] });
      }
      expect(names(await list(`q=${encodeURIComponent(people.binh.email!.toUpperCase())}`))).toEqual(['Nguyễn Văn Bình']);
    });

    it('treats % and _ in the query as plain characters', async () => {
      expect(names(await list(`orgUnitId=${lab.id}&q=${encodeURIComponent('loi_an%x')}`))).toEqual(['Ân Văn Lợi']);
      expect((await list(`orgUnitId=${lab.id}&q=${encodeURIComponent('%')}`)).total).toBe(1);
      expect((await list(`orgUnitId=${lab.id}&q=_`)).total).toBe(1);
    });

    it('sorts by name ignoring accents and joins the unit', async () => {
      const page = await list(`orgUnitId=${lab.id}`);
      expect(names(page)).toEqual(['Ân Văn Lợi', 'Đặng Thị Dung', 'Nguyễn Văn A', 'Nguyễn Văn Anh', 'Nguyễn Văn Bình']);
      expect(page.items.find((u) => u.fullName === 'Nguyễn Văn Anh')!.orgUnit).toEqual({ id: labChild.id, code: labChild.code, name: 'Thôn Thử Nghiệm', kind: 'other' });
      expect(page.total).toBe(5);
    });

    it('filters by unit (with or without sub-units), audience, role and status', async () => {
      expect(names(await list(`orgUnitId=${lab.id}&includeSubunits=false`))).toEqual(['Ân Văn Lợi', 'Nguyễn Văn A', 'Nguyễn Văn Bình']);
      expect(names(await list(`orgUnitId=${labChild.id}`))).toEqual(['Đặng Thị Dung', 'Nguyễn Văn Anh']);
      expect(names(await list(`orgUnitId=${lab.id}&audience=official`))).toEqual(['Nguyễn Văn A', 'Nguyễn Văn Bình']);
      expect(names(await list(`orgUnitId=${lab.id}&audience=press`))).toEqual(['Nguyễn Văn Bình']);
      expect(names(await list(`orgUnitId=${lab.id}&role=trainer`))).toEqual(['Nguyễn Văn Bình']);
      expect(names(await list(`orgUnitId=${lab.id}&status=disabled`))).toEqual(['Đặng Thị Dung']);
      expect(names(await list(`orgUnitId=${lab.id}&status=active&audience=resident`))).toEqual(['Nguyễn Văn Anh']);
      expect(names(await list(`role=admin&q=${encodeURIComponent('quản trị viên thử')}`))).toEqual(['Quản Trị Viên Thử']);
    });

    it('pages through the results with the total', async () => {
      const first = await list(`orgUnitId=${lab.id}&pageSize=2&page=1`);
      const second = await list(`orgUnitId=${lab.id}&pageSize=2&page=2`);
      const third = await list(`orgUnitId=${lab.id}&pageSize=2&page=3`);
      expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
      expect([...names(first), ...names(second), ...names(third)]).toEqual(['Ân Văn Lợi', 'Đặng Thị Dung', 'Nguyễn Văn A', 'Nguyễn Văn Anh', 'Nguyễn Văn Bình']);
      expect(second).toMatchObject({ page: 2, pageSize: 2 });
      expect((await list(`orgUnitId=${lab.id}&pageSize=2&page=9`)).items).toEqual([]);
    });

    it('answers a page in a fixed number of queries, however many units it spans', async () => {
      const spread = await createOrgUnit(ds, { parent: lab, name: 'Nhiều Đơn Vị' });
      for (let i = 0; i < 12; i++) {
        const unit = await createOrgUnit(ds, { parent: spread });
        await createUser(ds, { orgUnitId: unit.id, fullName: `Người Rải ${i}` });
      }
      let page: Awaited<ReturnType<typeof list>> | undefined;
      // Creating the users takes seconds (argon2): read the caller's state again first, so that its
      // database read (cached 2 s) does not fall inside the count.
      await list('pageSize=1');
      const queries = await countQueries(api, async () => {
        page = await list(`orgUnitId=${spread.id}&q=nguoi%20rai&pageSize=50`);
      });
      expect(page!.total).toBe(12);
      expect(new Set(page!.items.map((u) => u.orgUnit.id)).size).toBe(12);
      // The unit filter's lookup, the count, the page itself and the page's roles and audiences.
      expect(queries).toBeGreaterThan(0);
      expect(queries).toBeLessThanOrEqual(4);
    });

    it('rejects bad query parameters naming them', async () => {
      for (const [query, field] of [
        ['pageSize=1000', 'pageSize'],
        ['page=0', 'page'],
        ['role=king', 'role'],
        ['status=gone', 'status'],
        ['orgUnitId=abc', 'orgUnitId'],
        ['includeSubunits=maybe', 'includeSubunits'],
      ]) {
        const res = await get(`/api/users?${query}`);
        expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
        expect(JSON.parse(res.body).errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await get('/api/users?orgUnitId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    });
  });

  describe('creating', () => {
    it('creates an official without a password who must set one, storing the citizen ID encrypted and showing it masked', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.session.auth,
        payload: { fullName: '  Hoàng Thị Lan ', phone: '0987 111 222', email: 'Lan.Hoang@Example.vn', orgUnitId: lab.id, audiences: ['official'], roles: ['learner', 'trainer'], position: 'Công chức văn hoá', citizenId: '001234567890' },
      });
      expect(res.statusCode).toBe(201);
      const body = userDetailSchema.parse(JSON.parse(res.body));
      expect(body).toMatchObject({
        fullName: 'Hoàng Thị Lan',
        phone: '+84987111222',
        email: 'lan.hoang@example.vn',
        roles: ['learner', 'trainer'],
        audiences: ['official'],
        position: 'Công chức văn hoá',
        status: 'active',
        citizenIdMasked: '********7890',
        mustChangePassword: true,
        lastLoginAt: null,
        linkedIdentityProviders: [],
        orgUnit: { id: lab.id },
      });
      expect(res.body).not.toContain('001234567890');

      const [raw] = await ds.query('SELECT * FROM users WHERE id = ?', [body.id]);
      expect(raw.passwordHash).toBeNull();
      expect(JSON.stringify(raw)).not.toContain('001234567890');
      expect(JSON.stringify(raw)).not.toContain('12345678');
      expect(raw.citizenIdLast4).toBe('7890');
      expect(api.app.get(SecretsService).decrypt(raw.citizenIdCipher)).toBe('001234567890');
      expect(raw.citizenIdHash).toBe(api.app.get(SecretsService).lookupHash('001234567890'));
      expect(raw.searchText).toContain('hoang thi lan');

      const detail = userDetailSchema.parse(JSON.parse((await get(`/api/users/${body.id}`)).body));
      expect(detail.citizenIdMasked).toBe('********7890');
      expect(namesOf((await list(`q=hoang%20thi%20lan`)).items)).toEqual(['Hoàng Thị Lan']);
      const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'user.created', targetId: body.id });
      expect(audit.actorId).toBe(admin.id);
    });

    it('refuses a phone, email or citizen ID another account has, naming each field, and writes nothing', async () => {
      const taken = await createUser(ds, { orgUnitId: lab.id });
      const before = await ds.getRepository(User).count();
      const dup = await inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.session.auth,
        payload: { fullName: 'Trùng Lặp', phone: taken.phone, email: taken.email, orgUnitId: lab.id, audiences: ['official'], citizenId: '001234567890' },
      });
      expect(dup.statusCode).toBe(409);
      expect(JSON.parse(dup.body).errors.map((e: { field: string }) => e.field).sort()).toEqual(['citizenId', 'email', 'phone']);
      const onlyCitizen = await inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.session.auth,
        payload: { fullName: 'Trùng Lặp', email: 'khac-han@example.vn', orgUnitId: lab.id, audiences: ['official'], citizenId: '001234567890' },
      });
      expect(onlyCitizen.statusCode).toBe(409);
      expect(JSON.parse(onlyCitizen.body).errors).toEqual([expect.objectContaining({ field: 'citizenId' })]);
      expect(await ds.getRepository(User).count()).toBe(before);
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const before = await ds.getRepository(User).count();
      const cases: [object, string][] = [
        [{ fullName: 'A', email: 'x1@example.vn', orgUnitId: lab.id, audiences: ['official'] }, 'fullName'],
        [{ fullName: 'Người Thử', orgUnitId: lab.id, audiences: ['official'] }, 'phone'],
        [{ fullName: 'Người Thử', phone: '12345', orgUnitId: lab.id, audiences: ['official'] }, 'phone'],
        [{ fullName: 'Người Thử', email: 'khong-phai-email', orgUnitId: lab.id, audiences: ['official'] }, 'email'],
        [{ fullName: 'Người Thử', email: 'x2@example.vn', orgUnitId: lab.id, audiences: [] }, 'audiences'],
        [{ fullName: 'Người Thử', email: 'x3@example.vn', orgUnitId: lab.id, audiences: ['official'], citizenId: '12345' }, 'citizenId'],
        [{ fullName: 'Người Thử', email: 'x4@example.vn', orgUnitId: lab.id, audiences: ['official'], roles: ['king'] }, 'roles.0'],
        [{ fullName: 'Người Thử', email: 'x5@example.vn', orgUnitId: lab.id, audiences: ['official'], password: 'abc12345' }, ''],
        [{ fullName: 'Người Thử', email: 'x6@example.vn', orgUnitId: '00000000-0000-4000-8000-000000000000', audiences: ['official'] }, 'orgUnitId'],
      ];
      for (const [payload, field] of cases) {
        const res = await inject({ method: 'POST', url: '/api/users', headers: admin.session.auth, payload });
        expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
        expect(JSON.parse(res.body).errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const inactive = await createOrgUnit(ds, { parent: lab, active: false });
      const res = await inject({ method: 'POST', url: '/api/users', headers: admin.session.auth, payload: { fullName: 'Người Thử', email: 'x7@example.vn', orgUnitId: inactive.id, audiences: ['official'] } });
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).errors[0].field).toBe('orgUnitId');
      expect(await ds.getRepository(User).count()).toBe(before);
    });
  });

  describe('editing', () => {
    it('edits the profile and keeps search in step', async () => {
      const u = await createUser(ds, { orgUnitId: lab.id, fullName: 'Tên Cũ' });
      const res = await patch(u.id, { fullName: 'Lý Văn Mới', phone: '0977 000 111', position: 'Trưởng thôn', audiences: ['official', 'communications'], orgUnitId: labChild.id, citizenId: '009876543210' });
      expect(res.statusCode).toBe(200);
      expect(userDetailSchema.parse(JSON.parse(res.body))).toMatchObject({
        fullName: 'Lý Văn Mới',
        phone: '+84977000111',
        position: 'Trưởng thôn',
        audiences: ['official', 'communications'],
        orgUnit: { id: labChild.id },
        citizenIdMasked: '********3210',
      });
      expect(namesOf((await list('q=ly%20van%20moi')).items)).toEqual(['Lý Văn Mới']);
      expect((await list('q=ten%20cu')).total).toBe(0);
      expect((await list('q=0977%20000')).items.map((x) => x.id)).toEqual([u.id]);
      const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'user.updated', targetId: u.id });
      expect(audit.details).toMatchObject({ fields: expect.arrayContaining(['fullName', 'phone', 'citizenId', 'orgUnitId']), fromOrgUnitId: lab.id, toOrgUnitId: labChild.id });
      expect(JSON.stringify(audit)).not.toContain('009876543210');

      const cleared = await patch(u.id, { citizenId: null, position: null });
      expect(JSON.parse(cleared.body)).toMatchObject({ citizenIdMasked: null, position: null });
      const [raw] = await ds.query('SELECT citizenIdCipher, citizenIdHash, citizenIdLast4 FROM users WHERE id = ?', [u.id]);
      expect(raw).toEqual({ citizenIdCipher: null, citizenIdHash: null, citizenIdLast4: null });
    });

    it('refuses taking another account’s email (409) and leaving no way to sign in (400)', async () => {
      const u = await createUser(ds, { orgUnitId: lab.id });
      const other = await createUser(ds, { orgUnitId: lab.id });
      const dup = await patch(u.id, { email: other.email, fullName: 'Không Được Lưu' });
      expect(dup.statusCode).toBe(409);
      expect(JSON.parse(dup.body).errors).toEqual([expect.objectContaining({ field: 'email' })]);
      const none = await patch(u.id, { email: null, phone: null });
      expect(none.statusCode).toBe(400);
      expect(JSON.parse(none.body).errors[0].field).toBe('phone');
      const bad = await patch(u.id, { roles: [], fullName: 'Không Được Lưu' });
      expect(bad.statusCode).toBe(400);
      expect(JSON.parse(bad.body).errors[0].field).toBe('roles');
      const unknown = await patch(u.id, { isAdmin: true });
      expect(unknown.statusCode).toBe(400);
      const stored = await ds.getRepository(User).findOneByOrFail({ id: u.id });
      expect(stored).toMatchObject({ fullName: u.fullName, email: u.email, phone: u.phone });
      expect((await membershipsOf(ds, u.id)).roles).toEqual(['learner']);
      expect((await patch('00000000-0000-4000-8000-000000000000', { fullName: 'Không Có Ai' })).statusCode).toBe(404);
    });

    it('records role changes with before and after, by whom', async () => {
      const u = await createUser(ds, { orgUnitId: lab.id });
      const res = await patch(u.id, { roles: ['learner', 'unit_manager'] });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).roles).toEqual(['learner', 'unit_manager']);
      const entry = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'user.roles_changed', targetId: u.id });
      expect(entry).toMatchObject({ actorId: admin.id, targetType: 'user', details: { before: ['learner'], after: ['learner', 'unit_manager'] } });
      expect(entry.ip).toBeTruthy();
      // Same roles again: nothing to record.
      await patch(u.id, { roles: ['unit_manager', 'learner'] });
      expect(await ds.getRepository(AuditLog).countBy({ action: 'user.roles_changed', targetId: u.id })).toBe(1);
    });

    it('disabling signs the user out everywhere and stops sign-in; enabling lets them back', async () => {
      const u = await createUser(ds, { orgUnitId: lab.id });
      const session = await signIn(inject, u.email!, u.password);
      const res = await patch(u.id, { status: 'disabled' });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).status).toBe('disabled');
      const refresh = await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: session.refreshCookie } });
      expect(refresh.statusCode).toBe(401);
      const rows = await ds.query('SELECT revokedAt FROM refresh_tokens WHERE userId = ?', [u.id]);
      expect(rows.every((r: { revokedAt: unknown }) => r.revokedAt !== null)).toBe(true);
      const login = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: u.password } });
      expect(login.statusCode).toBe(403);
      const disabled = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'user.disabled', targetId: u.id });
      expect(disabled.actorId).toBe(admin.id);

      expect((await patch(u.id, { status: 'active' })).statusCode).toBe(200);
      await expect(signIn(inject, u.email!, u.password)).resolves.toBeTruthy();
      expect(await ds.getRepository(AuditLog).countBy({ action: 'user.enabled', targetId: u.id })).toBe(1);
    });

    it('a failure part-way through an edit leaves the user as they were, still signed in', async () => {
      const u = await createUser(ds, { orgUnitId: lab.id, fullName: 'Giữ Nguyên' });
      const session = await signIn(inject, u.email!, u.password);
      const spy = jest.spyOn(api.app.get(AuditService), 'record').mockRejectedValue(new Error('disk full'));
      try {
        const res = await patch(u.id, { fullName: 'Đã Đổi', roles: ['learner', 'trainer'], status: 'disabled' });
        expect(res.statusCode).toBe(500);
        expect(JSON.parse(res.body).message).not.toContain('disk full');
      } finally {
        spy.mockRestore();
      }
      expect(await ds.getRepository(User).findOneByOrFail({ id: u.id })).toMatchObject({ fullName: 'Giữ Nguyên', status: 'active' });
      // The roles were written in the same transaction: rolled back with the rest.
      expect(await membershipsOf(ds, u.id)).toEqual({ roles: ['learner'], audiences: ['resident'] });
      expect((await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: session.refreshCookie } })).statusCode).toBe(200);
    });

    it('nobody disables or demotes themselves', async () => {
      const self = await patch(admin.id, { status: 'disabled' });
      expect(self.statusCode).toBe(400);
      expect(JSON.parse(self.body).errors[0].field).toBe('status');
      const demote = await patch(admin.id, { roles: ['learner'] });
      expect(demote.statusCode).toBe(400);
      expect(JSON.parse(demote.body).errors[0].field).toBe('roles');
      const manager = await signedInUser(ds, inject, ['unit_manager', 'learner'], { orgUnitId: lab.id });
      const managerDemote = await patch(manager.id, { roles: ['learner'] }, manager);
      expect(managerDemote.statusCode).toBe(400);
      const managerDisable = await patch(manager.id, { status: 'disabled' }, manager);
      expect(managerDisable.statusCode).toBe(400);
      expect((await membershipsOf(ds, admin.id)).roles).toEqual(['learner', 'admin']);
      expect((await ds.getRepository(User).findOneByOrFail({ id: manager.id })).status).toBe('active');
      // Their own name is theirs to fix.
      expect((await patch(manager.id, { fullName: 'Quản Lý Đổi Tên' }, manager)).statusCode).toBe(200);
    });
  });

  describe('forced password reset', () => {
    it('sends a one-time link, requires a new password, and records who asked', async () => {
      const u = await createUser(ds, { orgUnitId: lab.id });
      const spy = jest.spyOn(api.app.get(NotificationsService), 'sendPasswordReset');
      const res = await inject({ method: 'POST', url: `/api/users/${u.id}/force-reset`, headers: admin.session.auth });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ sent: true, channel: 'log' });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0][0]).toMatchObject({ id: u.id });
      spy.mockRestore();
      expect((await ds.getRepository(User).findOneByOrFail({ id: u.id })).mustChangePassword).toBe(true);
      const entry = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'user.reset_forced', targetId: u.id });
      expect(entry.actorId).toBe(admin.id);
      const [token] = await ds.query('SELECT requestedById FROM password_reset_tokens WHERE userId = ?', [u.id]);
      expect(token.requestedById).toBe(admin.id);
      expect((await inject({ method: 'POST', url: '/api/users/00000000-0000-4000-8000-000000000000/force-reset', headers: admin.session.auth })).statusCode).toBe(404);
    });
  });

  function namesOf(items: { fullName: string }[]): string[] {
    return items.map((u) => u.fullName);
  }
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
