import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { authSessionSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createUser, seedTree } from './factories/users.factory';
import { refreshCookieFrom, signIn } from './helpers/auth';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

describe('sign-in, sessions and passwords', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let units: Map<string, OrgUnit>;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    api = await startApi(db, { LOGIN_MAX_FAILURES: '10', LOGIN_WINDOW_SECONDS: '60' });
    inject = injector(api);
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const commune = () => units.get('X-MAUSON')!;

  describe('registration', () => {
    it('registers a resident with a phone number, signs them in and stores an argon2id hash', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { fullName: 'Lộc Thị Hoa', phone: '0987 654 321', password: 'HoaMai2025', orgUnitId: commune().id },
      });
      expect(res.statusCode).toBe(201);
      const body = authSessionSchema.parse(JSON.parse(res.body));
      expect(body.user).toMatchObject({ fullName: 'Lộc Thị Hoa', phone: '+84987654321', roles: ['learner'], audiences: ['resident'] });
      expect(body.user.orgUnit.code).toBe('X-MAUSON');
      const cookie = [res.headers['set-cookie']].flat().join(';');
      expect(cookie).toMatch(/bdhv_refresh=.+HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const stored = await ds.getRepository(User).findOneByOrFail({ phone: '+84987654321' });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(stored.passwordHash).not.toContain('HoaMai2025');

      const me = await inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
      expect(me.statusCode).toBe(200);
      expect(JSON.parse(me.body).id).toBe(stored.id);
    });

    it('refuses a phone number that is already registered, naming the field', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { fullName: 'Người Khác', phone: '+84987654321', password: 'KhacNhau2025', orgUnitId: commune().id },
      });
      expect(res.statusCode).toBe(409);
      expect(JSON.parse(res.body).errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    });

    it('refuses a unit that is not a commune or ward, and a weak password', async () => {
      const dept = await inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { fullName: 'Ai Đó', email: 'aido@example.vn', password: 'Manh2025x', orgUnitId: units.get('SKHCN')!.id },
      });
      expect(dept.statusCode).toBe(400);
      expect(JSON.parse(dept.body).errors[0].field).toBe('orgUnitId');
      const weak = await inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { fullName: 'Ai Đó', email: 'aido@example.vn', password: 'short', orgUnitId: commune().id },
      });
      expect(weak.statusCode).toBe(400);
      expect(JSON.parse(weak.body).errors[0].field).toBe('password');
      expect(await ds.getRepository(User).existsBy({ email: 'aido@example.vn' })).toBe(false);
    });
  });

  describe('sign-in', () => {
    it('accepts a phone number in any common spelling, or the email', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id, phone: '+84911222333' });
      await expect(signIn(inject, '0911.222.333', u.password)).resolves.toHaveProperty('accessToken');
      await expect(signIn(inject, u.email!.toUpperCase(), u.password)).resolves.toHaveProperty('accessToken');
    });

    it('answers a wrong password with 401 INVALID_CREDENTIALS, the same as an unknown account', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const wrong = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: 'sai-mat-khau-1' } });
      const unknown = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'khong-co@example.vn', password: 'sai-mat-khau-1' } });
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Số điện thoại/email hoặc mật khẩu không đúng.' });
      }
    });

    it('locks an account with 429 and a growing delay after repeated wrong passwords, even for the right one', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const statuses: number[] = [];
      let lastRetryAfter = 0;
      const retryAfters: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: `sai-${i}-mat-khau` }, remoteAddress: `10.9.0.${i}` });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) {
          const body = JSON.parse(res.body);
          expect(body.code).toBe('TOO_MANY_REQUESTS');
          expect(body.message).toMatch(/Vui lòng thử lại sau \d+ phút/);
          lastRetryAfter = Number(res.headers['retry-after']);
          retryAfters.push(lastRetryAfter);
        }
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
      expect(lastRetryAfter).toBeGreaterThan(60);
      const locked = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: u.password } });
      expect(locked.statusCode).toBe(429);
      const audit = await ds.query(`SELECT action FROM audit_logs WHERE targetId = ? AND action = 'auth.locked'`, [u.id]);
      expect(audit).toHaveLength(1);
    });

    it('limits one address trying many accounts', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 52; i++) {
        const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: `nobody${i}@example.vn`, password: 'x-wrong-1' }, remoteAddress: '10.7.7.7' });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(50)).toEqual([429, 429]);
    });
  });

  describe('sessions', () => {
    it('rotates refresh tokens: each is single-use, and replaying one revokes the session', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const s = await signIn(inject, u.email!, u.password);
      const first = await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: s.refreshCookie } });
      expect(first.statusCode).toBe(200);
      const rotated = refreshCookieFrom(first.headers['set-cookie']);
      expect(rotated).not.toBe(s.refreshCookie);

      const replay = await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: s.refreshCookie } });
      expect(replay.statusCode).toBe(401);
      expect(JSON.parse(replay.body).code).toBe('REFRESH_TOKEN_REUSED');
      // The replay revoked the family: the newer token is dead too.
      const after = await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: rotated } });
      expect(after.statusCode).toBe(401);
    });

    it('stores refresh tokens only as hashes', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const s = await signIn(inject, u.email!, u.password);
      const token = s.refreshCookie.split('=')[1];
      const rows = await ds.query('SELECT tokenHash FROM refresh_tokens WHERE userId = ?', [u.id]);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r: { tokenHash: string }) => r.tokenHash)).not.toContain(token);
    });

    it('sign-out revokes the session', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const s = await signIn(inject, u.email!, u.password);
      const out = await inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.refreshCookie } });
      expect(out.statusCode).toBe(204);
      const res = await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: s.refreshCookie } });
      expect(res.statusCode).toBe(401);
    });

    it('refuses missing, forged and foreign tokens', async () => {
      expect((await inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer abc.def.ghi' } })).statusCode).toBe(401);
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiYWRtaW4iXSwiaXNzIjoiYmRodiJ9.c2lnbmF0dXJl';
      expect((await inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);
      expect((await inject({ method: 'POST', url: '/api/auth/refresh' })).statusCode).toBe(401);
    });
  });

  describe('passwords', () => {
    it('changes the password after checking the current one, and signs out other sessions', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const here = await signIn(inject, u.email!, u.password);
      const elsewhere = await signIn(inject, u.email!, u.password);
      const wrong = await inject({ method: 'POST', url: '/api/auth/change-password', headers: here.auth, payload: { currentPassword: 'khong-dung-1', newPassword: 'MoiHon2026' } });
      expect(wrong.statusCode).toBe(400);
      expect(JSON.parse(wrong.body).errors[0].field).toBe('currentPassword');

      const ok = await inject({ method: 'POST', url: '/api/auth/change-password', headers: here.auth, payload: { currentPassword: u.password, newPassword: 'MoiHon2026' } });
      expect(ok.statusCode).toBe(204);
      expect((await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: elsewhere.refreshCookie } })).statusCode).toBe(401);
      expect((await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: here.refreshCookie } })).statusCode).toBe(200);
      await expect(signIn(inject, u.email!, 'MoiHon2026')).resolves.toBeTruthy();
      await expect(signIn(inject, u.email!, u.password)).rejects.toThrow(/401/);
    });

    it('resets a forgotten password with a one-time link', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const notifications = api.app.get(NotificationsService);
      const spy = jest.spyOn(notifications, 'sendPasswordReset');
      const res = await inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { identifier: u.email } });
      expect(res.statusCode).toBe(202);
      const unknown = await inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { identifier: 'khong-ai@example.vn' } });
      expect(unknown.statusCode).toBe(202);
      expect(spy).toHaveBeenCalledTimes(1);
      const link = spy.mock.calls[0][1];
      const token = new URL(link).searchParams.get('token')!;
      expect(link).toContain('/dat-lai-mat-khau?token=');

      const reset = await inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: 'DatLai2026x' } });
      expect(reset.statusCode).toBe(204);
      await expect(signIn(inject, u.email!, 'DatLai2026x')).resolves.toBeTruthy();
      const again = await inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: 'LanNua2026x' } });
      expect(again.statusCode).toBe(400);
      expect(JSON.parse(again.body).code).toBe('INVALID_TOKEN');
      spy.mockRestore();
    });
  });
});
