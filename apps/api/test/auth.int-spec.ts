import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { authSessionSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createUser, seedTree } from './factories/users.factory';
import { refreshCookieFrom, signIn } from './helpers/auth';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase, usingRedis } from './helpers/test-app';

// Argon2id hashing and verification dominate: the pace tests sign in dozens of times.
jest.setTimeout(30_000);

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
  });

  /**
   * Wrong passwords from one address are paced by a token bucket (docs/decisions.md, "Login
   * throttling"): by default 30 at once, then 3 a minute. A correct password gives its token back,
   * and a browser that has signed in to the account before is not paced by the address at all.
   */
  describe('pace per address', () => {
    const login = (identifier: string, password: string, remoteAddress: string, cookie?: string) =>
      inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password }, remoteAddress, ...(cookie ? { headers: { cookie } } : {}) });
    const deviceCookieFrom = (setCookie: string | string[] | undefined) => {
      const c = [setCookie ?? []].flat().find((v) => v.startsWith('bdhv_device='));
      if (!c) throw new Error(`no device cookie in ${JSON.stringify(setCookie)}`);
      expect(c).toMatch(/HttpOnly/i);
      expect(c).toMatch(/SameSite=Strict/i);
      expect(c).toMatch(/Path=\/api\/auth/);
      return c.split(';')[0];
    };
    /** Wrong passwords for other (unknown) accounts; returns the statuses. */
    const spray = async (remoteAddress: string, tries: number, via = inject) => {
      const statuses: number[] = [];
      for (let i = 0; i < tries; i++) {
        const res = await via({ method: 'POST', url: '/api/auth/login', payload: { identifier: `phun${i}-${remoteAddress}@example.vn`, password: 'doan-mo-123' }, remoteAddress });
        statuses.push(res.statusCode);
      }
      return statuses;
    };

    it('lets 30 wrong passwords through at once, then refuses the address for 20 seconds, in Vietnamese', async () => {
      const started = Date.now();
      const statuses = await spray('10.20.0.1', 30);
      expect(statuses.every((s) => s === 401)).toBe(true);
      const refused = await login('phun-tiep@example.vn', 'doan-mo-123', '10.20.0.1');
      // One token every 20 s: the wait is 20 s less the time the 30 tries took (seconds on a busy machine).
      const elapsed = (Date.now() - started) / 1000;
      expect(refused.statusCode).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(20 - elapsed));
      expect(retryAfter).toBeLessThanOrEqual(20);
      expect(JSON.parse(refused.body)).toMatchObject({
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        message: `Có nhiều lần đăng nhập sai từ cùng mạng Internet với bạn. Vui lòng thử lại sau ${retryAfter} giây.`,
        requestId: expect.any(String),
      });
      // Another address is not affected.
      expect((await login('phun-khac@example.vn', 'doan-mo-123', '10.20.0.99')).statusCode).toBe(401);
    });

    it('never spends the address on correct passwords: a busy office signs in all day', async () => {
      const users = await Promise.all(Array.from({ length: 35 }, () => createUser(ds, { orgUnitId: commune().id })));
      for (const u of users) expect((await login(u.email!, u.password, '10.20.0.2')).statusCode).toBe(200);
      // 35 correct sign-ins later, the address still has its whole allowance of 30 mistakes (plus
      // what refilled while the tries ran: one per 20 s).
      const started = Date.now();
      const statuses = await spray('10.20.0.2', 40);
      const checked = statuses.filter((s) => s === 401).length;
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(checked).toBeLessThanOrEqual(30 + Math.ceil((Date.now() - started) / 20_000));
      expect(statuses.at(-1)).toBe(429);
    });

    it('lets a person who signed in on this browser before in with the right password while the address is refused', async () => {
      const resident = await createUser(ds, { orgUnitId: commune().id });
      const first = await login(resident.email!, resident.password, '10.20.0.3');
      expect(first.statusCode).toBe(200);
      const device = deviceCookieFrom(first.headers['set-cookie']);

      await spray('10.20.0.3', 31);
      const newcomer = await createUser(ds, { orgUnitId: commune().id });
      // A browser that never signed in to this account waits like everyone else on the address...
      expect((await login(newcomer.email!, newcomer.password, '10.20.0.3')).statusCode).toBe(429);
      // ...and so does one that signed in to another account: trust is per account.
      expect((await login(newcomer.email!, newcomer.password, '10.20.0.3', device)).statusCode).toBe(429);

      const back = await login(resident.email!, resident.password, '10.20.0.3', device);
      expect(back.statusCode).toBe(200);
      // A typo from the trusted browser is a plain 401, counted against the account only.
      const typo = await login(resident.email!, 'go-nham-123', '10.20.0.3', device);
      expect(typo.statusCode).toBe(401);
      expect(JSON.parse(typo.body).code).toBe('INVALID_CREDENTIALS');
      // Each sign-in renews the cookie (another 90 days), which keeps trusting the browser.
      const renewed = deviceCookieFrom(back.headers['set-cookie']);
      expect((await login(resident.email!, resident.password, '10.20.0.3', renewed)).statusCode).toBe(200);
    });

    it('still answers 429 with Retry-After per account, from a trusted browser too', async () => {
      const u = await createUser(ds, { orgUnitId: commune().id });
      const device = deviceCookieFrom((await login(u.email!, u.password, '10.20.0.4')).headers['set-cookie']);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await login(u.email!, `sai-${i}-mat-khau`, '10.20.0.4', device)).statusCode);
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      const locked = await login(u.email!, u.password, '10.20.0.4', device);
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
      expect(JSON.parse(locked.body).message).toMatch(/^Bạn đã nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/);
    });

    describe('at a faster pace (5 at once, then 1 a second)', () => {
      let fast: Booted<NestFastifyApplication>;
      let fastInject: ReturnType<typeof injector>;
      beforeAll(async () => {
        fast = await startApi(db, { LOGIN_MAX_FAILURES: '10', LOGIN_WINDOW_SECONDS: '60', LOGIN_ADDRESS_BURST: '5', LOGIN_ADDRESS_PER_MINUTE: '60' });
        fastInject = injector(fast);
      });
      afterAll(async () => {
        await fast?.shutdown();
      });

      it('holds a spraying client to the configured pace, whoever it targets', async () => {
        const started = Date.now();
        let admitted = 0;
        let i = 0;
        while (Date.now() - started < 3000) {
          const res = await fastInject({ method: 'POST', url: '/api/auth/login', payload: { identifier: `nhanh${i++}@example.vn`, password: 'doan-mo-123' }, remoteAddress: '10.21.0.1' });
          expect([401, 429]).toContain(res.statusCode);
          if (res.statusCode === 401) admitted++;
        }
        const seconds = (Date.now() - started) / 1000;
        // The burst, then 1 per second: asking more often gets the client nothing more.
        expect(i).toBeGreaterThan(admitted * 2);
        expect(admitted).toBeGreaterThanOrEqual(5 + Math.floor(seconds) - 1);
        expect(admitted).toBeLessThanOrEqual(5 + Math.ceil(seconds) + 1);
      });

      it('lets a person in after the announced wait, even a first-time browser', async () => {
        const u = await createUser(ds, { orgUnitId: commune().id });
        expect((await spray('10.21.0.2', 20, fastInject)).filter((st) => st === 429).length).toBeGreaterThan(0);
        const refused = await fastInject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: u.password }, remoteAddress: '10.21.0.2' });
        expect(refused.statusCode).toBe(429);
        const wait = Number(refused.headers['retry-after']);
        expect(wait).toBe(1);
        await new Promise((r) => setTimeout(r, wait * 1000));
        const ok = await fastInject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: u.password }, remoteAddress: '10.21.0.2' });
        expect(ok.statusCode).toBe(200);
      });
    });

    (usingRedis ? it : it.skip)('shares the pace between API processes (Redis)', async () => {
      const prefix = `bdhvtest_pace_${process.pid}_${Date.now()}`;
      const env = { QUEUE_PREFIX: prefix, LOGIN_ADDRESS_BURST: '6', LOGIN_ADDRESS_PER_MINUTE: '1' };
      const [one, two] = [await startApi(db, env), await startApi(db, env)];
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          const via = injector(i % 2 ? one : two);
          statuses.push((await via({ method: 'POST', url: '/api/auth/login', payload: { identifier: `hai-tien-trinh${i}@example.vn`, password: 'doan-mo-123' }, remoteAddress: '10.22.0.1' })).statusCode);
        }
        expect(statuses).toEqual([...Array(6).fill(401), ...Array(4).fill(429)]);
      } finally {
        await one.shutdown();
        await two.shutdown();
      }
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
