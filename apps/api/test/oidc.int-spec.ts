import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { authSessionSchema, oidcConfigSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { RATE_LIMIT_STORE, RateLimitStore } from '../src/common/rate-limiter';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { hashOpaqueToken } from '../src/modules/auth/opaque-token';
import { UserIdentity } from '../src/modules/users/user-identity.entity';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createUser, seedTree } from './factories/users.factory';
import { signIn } from './helpers/auth';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

jest.setTimeout(30_000);

const CLIENT_ID = 'bdhv-hocvuso';
const CLIENT_SECRET = 'bi-mat-cua-ung-dung-thu-nghiem-0123456789';
const SEEDED_EMAIL = 'nguoidan@demo.hocvuso.vn';
const PHONE_USER = '+84977000111';
const DISABLED_EMAIL = 'bikhoa@test.hocvuso.vn';
// Demo accounts from the seed: privileged roles.
const ADMIN = { email: 'admin@demo.hocvuso.vn', phone: '+84912000001', password: 'QuanTri@2025' };
const MANAGER = { email: 'quanly@demo.hocvuso.vn', phone: '+84912000002', password: 'QuanLy@2025' };
const TRAINER = { email: 'giangvien@demo.hocvuso.vn', phone: '+84912000003', password: 'GiangVien@2025' };
const NO_PASSWORD_TRAINER = 'giangvien-khong-mat-khau@test.hocvuso.vn';

/** Subjects the test provider knows, with the claims it releases for them. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'vneid-moi-001': { name: 'Nông Văn Mới', email: 'NongVanMoi@Example.vn', email_verified: true, phone_number: '0988 111 222', phone_number_verified: true },
  'vneid-moi-002': { name: 'Lý Thị Hai', email: 'lythihai@example.vn', email_verified: true },
  'vneid-nguoidan': { family_name: 'Hà', middle_name: 'Thị', given_name: 'Người Dân', email: SEEDED_EMAIL.toUpperCase(), email_verified: true },
  'vneid-sdt': { name: 'Hoàng Văn Điện Thoại', phone_number: '0977.000.111', phone_number_verified: true },
  'vneid-chua-xac-minh': { name: 'Người Mạo Danh', email: SEEDED_EMAIL, email_verified: false },
  'vneid-bi-khoa': { name: 'Người Bị Khoá', email: DISABLED_EMAIL, email_verified: true },
  // A provider that does not say whether it verified the email or phone (the flags are simply absent).
  'vneid-khong-co': { name: 'Người Lạ', email: ADMIN.email, phone_number: '0912 000 001' },
  'vneid-quan-tri': { name: 'Quản Trị Viên', email: ADMIN.email, email_verified: true },
  'vneid-quan-tri-2': { name: 'Quản Trị Viên', email: ADMIN.email.toUpperCase(), email_verified: 'true' },
  'vneid-quan-ly': { name: 'Quản Lý', phone_number: '0912.000.002', phone_number_verified: true },
  'vneid-giang-vien': { name: 'Giảng Viên', email: TRAINER.email, email_verified: true },
  'vneid-gv-khong-mk': { name: 'Giảng Viên Mới', email: NO_PASSWORD_TRAINER, email_verified: true },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts helpers/oidc-provider.mjs (oidc-provider is ESM only, so never loaded by Jest). */
function startProvider(redirectUri: string): Promise<{ issuer: string; proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, [path.join(__dirname, 'helpers/oidc-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_TEST_CLIENT_ID: CLIENT_ID,
      OIDC_TEST_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_TEST_REDIRECT_URI: redirectUri,
      OIDC_TEST_ACCOUNTS: JSON.stringify(ACCOUNTS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test provider did not start:\n${out}`)), 15_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test provider exited (${code}):\n${out}`));
    });
    proc.stdout!.on('data', () => {
      const m = /^READY (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ issuer: m[1], proc, output: () => out });
      }
    });
  });
}

interface StoredCookie {
  host: string;
  name: string;
  value: string;
  path: string;
}

/** Enough of a browser's cookie store for this flow: host (not port) and path scoping, expiry. */
class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let cookiePath = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [k, v = ''] = attr.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'path') cookiePath = v;
        if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      const key = `${url.hostname}|${name}|${cookiePath}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { host: url.hostname, name, value, path: cookiePath });
    }
  }

  get(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value;
  }

  set(host: string, name: string, value: string, cookiePath: string): void {
    this.cookies.set(`${host}|${name}|${cookiePath}`, { host, name, value, path: cookiePath });
  }

  delete(name: string): void {
    for (const [k, c] of this.cookies) if (c.name === name) this.cookies.delete(k);
  }
}

async function go(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
  const target = new URL(url);
  const headers: Record<string, string> = { accept: 'text/html,application/json' };
  const cookie = jar.header(target);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const res = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
  jar.store(target, res.headers.getSetCookie());
  return res;
}

interface FlowOptions {
  next?: string;
  /** Cancel at the provider's sign-in page instead of signing in. */
  abort?: boolean;
  /** Change the provider's redirect back to the API (or the cookie jar) before following it. */
  beforeCallback?: (url: URL, jar: CookieJar) => URL;
}

describe('single sign-on (OpenID Connect)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let apiBase: string;
  let units: Map<string, OrgUnit>;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    await createUser(ds, { orgUnitId: units.get('X-MAUSON')!.id, phone: PHONE_USER, email: null, fullName: 'Hoàng Văn Điện Thoại' });
    await createUser(ds, { orgUnitId: units.get('X-MAUSON')!.id, email: DISABLED_EMAIL, status: 'disabled' });
    const noPassword = await createUser(ds, { orgUnitId: units.get('SKHCN')!.id, email: NO_PASSWORD_TRAINER, roles: ['trainer'], audiences: ['official'] });
    await ds.getRepository(User).update(noPassword.id, { passwordHash: null });

    const port = await freePort();
    apiBase = `http://127.0.0.1:${port}`;
    provider = await startProvider(`${apiBase}/api/auth/oidc/callback`);
    api = await startApi(db, {
      PUBLIC_URL: apiBase,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_DISPLAY_NAME: 'VNeID',
    });
    await api.app.listen(port, '127.0.0.1');
    inject = injector(api);
  });

  afterAll(async () => {
    if (provider?.proc.exitCode === null) {
      const exited = new Promise((r) => provider.proc.once('exit', r));
      provider.proc.kill('SIGTERM');
      await exited;
    }
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  /**
   * A browser signing in: GET /api/auth/oidc/start, the provider's development login and consent
   * pages (login = the subject), back to the API's callback. Returns the callback's redirect.
   */
  async function signInWith(subject: string, opts: FlowOptions = {}) {
    const jar = new CookieJar();
    const callbackPrefix = `${apiBase}/api/auth/oidc/callback`;
    let res = await go(jar, `${apiBase}/api/auth/oidc/start?next=${encodeURIComponent(opts.next ?? '/khoa-hoc?trang=2')}`);
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().join('\n')).toMatch(/bdhv_oidc=.+; Max-Age=600; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax/);
    let location = res.headers.get('location')!;
    expect(location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    const authParams = new URL(location).searchParams;
    expect(authParams.get('code_challenge_method')).toBe('S256');
    expect(authParams.get('state')).toBeTruthy();
    expect(authParams.get('nonce')).toBeTruthy();
    expect(authParams.get('redirect_uri')).toBe(callbackPrefix);

    for (let hop = 0; hop < 20; hop++) {
      let url = new URL(location);
      if (url.href.startsWith(callbackPrefix)) {
        if (opts.beforeCallback) url = opts.beforeCallback(url, jar);
        res = await go(jar, url.href);
        expect(res.status).toBe(302);
        return { location: res.headers.get('location')!, refreshCookie: jar.get('bdhv_refresh'), stateCookie: jar.get('bdhv_oidc'), linkCookie: jar.get('bdhv_oidc_link'), setCookies: res.headers.getSetCookie() };
      }
      res = await go(jar, url.href);
      if (res.status >= 300 && res.status < 400) {
        location = new URL(res.headers.get('location')!, url).href;
        continue;
      }
      const html = await res.text();
      expect({ status: res.status, url: url.href }).toEqual({ status: 200, url: url.href });
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page at ${url.href}:\n${html.slice(0, 500)}`);
      const submit = new URL(action, url);
      if (opts.abort) {
        res = await go(jar, `${submit.href}/abort`);
      } else {
        res = await go(jar, submit.href, { method: 'POST', form: prompt === 'login' ? { prompt, login: subject, password: 'bat-ky' } : { prompt } });
      }
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(400);
      location = new URL(res.headers.get('location')!, submit).href;
    }
    throw new Error(`sign-in did not come back to the API:\n${provider.output()}`);
  }

  async function refreshWith(cookie: string) {
    const res = await inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: `bdhv_refresh=${cookie}` } });
    expect(res.statusCode).toBe(200);
    return authSessionSchema.parse(JSON.parse(res.body));
  }

  const identitiesOf = (subject: string) => ds.getRepository(UserIdentity).findBy({ provider: provider.issuer, subject });

  it('reports single sign-on as enabled with the configured display name', async () => {
    const res = await inject({ method: 'GET', url: '/api/auth/oidc' });
    expect(res.statusCode).toBe(200);
    expect(oidcConfigSchema.parse(JSON.parse(res.body))).toEqual({ enabled: true, displayName: 'VNeID' });
  });

  it('refuses a return path that leaves the site', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'khoa-hoc', '/a b']) {
      const res = await inject({ method: 'GET', url: `/api/auth/oidc/start?next=${encodeURIComponent(next)}` });
      expect({ next, status: res.statusCode }).toEqual({ next, status: 400 });
      expect(JSON.parse(res.body).errors[0].field).toBe('next');
    }
    const ok = await inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(ok.statusCode).toBe(302);
  });

  it('creates a learner account for a new identity, signs it in and redirects to the web app', async () => {
    const before = await ds.getRepository(User).count();
    const flow = await signInWith('vneid-moi-001');
    expect(flow.location).toBe(`${apiBase}/dang-nhap?sso=ok&next=${encodeURIComponent('/khoa-hoc?trang=2')}`);
    expect(flow.stateCookie).toBeUndefined();
    expect(flow.refreshCookie).toBeTruthy();

    const session = await refreshWith(flow.refreshCookie!);
    expect(session.user).toMatchObject({
      fullName: 'Nông Văn Mới',
      email: 'nongvanmoi@example.vn',
      phone: '+84988111222',
      roles: ['learner'],
      audiences: ['resident'],
      mustChangePassword: false,
    });
    expect(session.user.orgUnit).toMatchObject({ code: 'LS', kind: 'province' });

    expect(await ds.getRepository(User).count()).toBe(before + 1);
    const stored = await ds.getRepository(User).findOneByOrFail({ id: session.user.id });
    expect(stored.passwordHash).toBeNull();
    expect(stored.searchText).toContain('nong van moi');
    expect(stored.lastLoginAt).not.toBeNull();
    expect(await identitiesOf('vneid-moi-001')).toEqual([expect.objectContaining({ userId: session.user.id })]);
    const audit = await ds.getRepository(AuditLog).findBy({ action: 'auth.oidc_linked', targetId: session.user.id });
    expect(audit).toHaveLength(1);
  });

  it('signs the same identity in to the same account again, without duplicating anything', async () => {
    const [identity] = await identitiesOf('vneid-moi-001');
    const users = await ds.getRepository(User).count();
    const flow = await signInWith('vneid-moi-001', { next: '/tai-khoan' });
    expect(flow.location).toBe(`${apiBase}/dang-nhap?sso=ok&next=%2Ftai-khoan`);
    const session = await refreshWith(flow.refreshCookie!);
    expect(session.user.id).toBe(identity.userId);
    expect(await ds.getRepository(User).count()).toBe(users);
    expect(await identitiesOf('vneid-moi-001')).toHaveLength(1);
    expect(await ds.getRepository(User).countBy({ email: 'nongvanmoi@example.vn' })).toBe(1);
  });

  it('links an identity whose verified email matches an existing account instead of creating one', async () => {
    const seeded = await ds.getRepository(User).findOneByOrFail({ email: SEEDED_EMAIL });
    const users = await ds.getRepository(User).count();
    const flow = await signInWith('vneid-nguoidan');
    expect(flow.location).toMatch(/\/dang-nhap\?sso=ok&/);
    const session = await refreshWith(flow.refreshCookie!);
    expect(session.user.id).toBe(seeded.id);
    expect(session.user.orgUnit.code).toBe('X-MAUSON');
    expect(await ds.getRepository(User).count()).toBe(users);
    expect(await identitiesOf('vneid-nguoidan')).toEqual([expect.objectContaining({ userId: seeded.id })]);
    const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'auth.oidc_linked', targetId: seeded.id });
    expect(audit.details).toMatchObject({ provider: provider.issuer, via: 'email' });
    // The password still works: linking adds a way in, it takes none away.
    const login = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: SEEDED_EMAIL, password: 'NguoiDan@2025' } });
    expect(login.statusCode).toBe(200);
  });

  it('links an identity whose verified phone number matches an existing account', async () => {
    const owner = await ds.getRepository(User).findOneByOrFail({ phone: PHONE_USER });
    const flow = await signInWith('vneid-sdt');
    const session = await refreshWith(flow.refreshCookie!);
    expect(session.user.id).toBe(owner.id);
    expect(await identitiesOf('vneid-sdt')).toEqual([expect.objectContaining({ userId: owner.id })]);
  });

  it('never links on an email the provider marks unverified', async () => {
    const seeded = await ds.getRepository(User).findOneByOrFail({ email: SEEDED_EMAIL });
    const flow = await signInWith('vneid-chua-xac-minh');
    const session = await refreshWith(flow.refreshCookie!);
    expect(session.user.id).not.toBe(seeded.id);
    expect(session.user.email).toBeNull();
    expect(await ds.getRepository(User).countBy({ email: SEEDED_EMAIL })).toBe(1);
  });

  it('treats an email and phone without a verified flag as unverified: a stranger never gets the administrator', async () => {
    const admin = await ds.getRepository(User).findOneByOrFail({ email: ADMIN.email });
    const flow = await signInWith('vneid-khong-co');
    // Not even a confirmation page: nothing matched.
    expect(flow.location).toMatch(/\/dang-nhap\?sso=ok&/);
    expect(flow.linkCookie).toBeUndefined();
    const session = await refreshWith(flow.refreshCookie!);
    expect(session.user.id).not.toBe(admin.id);
    expect(session.user).toMatchObject({ roles: ['learner'], email: null, phone: null, fullName: 'Người Lạ' });
    expect(await ds.getRepository(UserIdentity).countBy({ userId: admin.id })).toBe(0);
  });

  describe('accounts with the administrator, unit-manager or trainer role', () => {
    const linkCookieHeader = (value: string) => ({ cookie: `bdhv_oidc_link=${value}` });
    const getLink = (value?: string) => inject({ method: 'GET', url: '/api/auth/oidc/link', headers: value ? linkCookieHeader(value) : {} });
    const confirm = (value: string | undefined, password: string, remoteAddress = '127.0.0.1') =>
      inject({ method: 'POST', url: '/api/auth/oidc/link', payload: { password }, headers: value ? linkCookieHeader(value) : {}, remoteAddress });
    const userByEmail = (email: string) => ds.getRepository(User).findOneByOrFail({ email });
    const auditOf = (action: string, targetId: string) => ds.getRepository(AuditLog).find({ where: { action: action as AuditLog['action'], targetId }, order: { at: 'ASC' } });

    /** Single sign-on up to the confirmation page; asserts nothing was linked or signed in. */
    async function startLink(subject: string) {
      const flow = await signInWith(subject, { next: '/quan-tri/nguoi-dung' });
      expect(flow.location).toBe(`${apiBase}/dang-nhap?sso=link&next=${encodeURIComponent('/quan-tri/nguoi-dung')}`);
      expect(flow.refreshCookie).toBeUndefined();
      expect(flow.linkCookie).toMatch(/^[\w-]{40,}$/);
      expect(flow.setCookies.join('\n')).toMatch(/bdhv_oidc_link=[\w-]+; Max-Age=600; Path=\/api\/auth\/oidc\/link; HttpOnly; SameSite=Strict/);
      expect(await identitiesOf(subject)).toHaveLength(0);
      return flow.linkCookie!;
    }

    it('never links on its own: it asks for the password, says which account, and audits the request', async () => {
      const admin = await userByEmail(ADMIN.email);
      const cookie = await startLink('vneid-quan-tri');
      const pending = await getLink(cookie);
      expect(pending.statusCode).toBe(200);
      expect(pending.headers['cache-control']).toBe('no-store');
      const body = JSON.parse(pending.body);
      expect(body).toMatchObject({ provider: 'VNeID', account: 'ad•••n@demo.hocvuso.vn', via: 'email' });
      const minutesLeft = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
      expect(minutesLeft).toBeGreaterThan(9);
      expect(minutesLeft).toBeLessThanOrEqual(10);
      const audit = await auditOf('auth.oidc_link_pending', admin.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toMatchObject({ provider: provider.issuer, via: 'email' });
      expect(await auditOf('auth.oidc_linked', admin.id)).toHaveLength(0);
    });

    it('refuses a wrong password and links once with the right one, audited; the same link cannot be used again', async () => {
      const admin = await userByEmail(ADMIN.email);
      const cookie = await startLink('vneid-quan-tri');

      const wrong = await confirm(cookie, 'KhongPhai@2025');
      expect(wrong.statusCode).toBe(400);
      expect(JSON.parse(wrong.body)).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Mật khẩu không đúng.', errors: [{ field: 'password', message: 'Mật khẩu không đúng.' }] });
      expect(await identitiesOf('vneid-quan-tri')).toHaveLength(0);
      const failed = await auditOf('auth.login_failed', admin.id);
      expect(failed.at(-1)!.summary).toBe('Sai mật khẩu khi xác nhận liên kết với VNeID');

      // Without the browser's cookie the link cannot be confirmed, whatever the password.
      const elsewhere = await confirm(undefined, ADMIN.password);
      expect(elsewhere.statusCode).toBe(400);
      expect(JSON.parse(elsewhere.body).code).toBe('OIDC_LINK_INVALID');

      const ok = await confirm(cookie, ADMIN.password);
      expect(ok.statusCode).toBe(200);
      const session = authSessionSchema.parse(JSON.parse(ok.body));
      expect(session.user).toMatchObject({ id: admin.id, roles: expect.arrayContaining(['admin']) });
      const cookies = [ok.headers['set-cookie']].flat().join('\n');
      expect(cookies).toMatch(/bdhv_refresh=[^;]+;/);
      expect(cookies).toMatch(/bdhv_oidc_link=;.*Path=\/api\/auth\/oidc\/link/);
      expect(await identitiesOf('vneid-quan-tri')).toEqual([expect.objectContaining({ userId: admin.id })]);
      const linked = await auditOf('auth.oidc_linked', admin.id);
      expect(linked).toHaveLength(1);
      expect(linked[0]).toMatchObject({ actorId: admin.id, details: { provider: provider.issuer, via: 'email', confirmedBy: 'password' } });
      expect(linked[0].summary).toBe('Liên kết tài khoản với VNeID sau khi xác nhận bằng mật khẩu (khớp email)');

      // Replayed: the link was single-use.
      const replay = await confirm(cookie, ADMIN.password);
      expect(replay.statusCode).toBe(400);
      expect(JSON.parse(replay.body)).toMatchObject({ code: 'OIDC_LINK_INVALID', message: expect.stringContaining('hết hạn hoặc đã được dùng') });
      expect((await getLink(cookie)).statusCode).toBe(400);
      expect(await auditOf('auth.oidc_linked', admin.id)).toHaveLength(1);

      // From now on the identity signs in directly...
      const again = await signInWith('vneid-quan-tri');
      expect(again.location).toMatch(/\/dang-nhap\?sso=ok&/);
      expect((await refreshWith(again.refreshCookie!)).user.id).toBe(admin.id);
      // ...and another identity claiming the same (verified) email is refused outright.
      const other = await signInWith('vneid-quan-tri-2');
      expect(other.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=conflict`);
      expect(other.linkCookie).toBeUndefined();
    });

    it('refuses an expired link', async () => {
      const cookie = await startLink('vneid-giang-vien');
      // Expire it in the store the API uses (as ten minutes would).
      const store = api.app.get<RateLimitStore>(RATE_LIMIT_STORE);
      const key = `oidc:link:${hashOpaqueToken(cookie)}`;
      await store.putValue(key, (await store.getValue(key))!, 0.05);
      await new Promise((r) => setTimeout(r, 100));
      const res = await confirm(cookie, TRAINER.password);
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).code).toBe('OIDC_LINK_INVALID');
      expect([res.headers['set-cookie']].flat().join('\n')).not.toMatch(/bdhv_refresh=[^;]/);
      expect(await identitiesOf('vneid-giang-vien')).toHaveLength(0);
    });

    it('gives the link up after five wrong passwords, and then not even the right one links', async () => {
      const cookie = await startLink('vneid-giang-vien');
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push(JSON.parse((await confirm(cookie, `Sai${i}@mat-khau`, '10.30.0.1')).body).code);
      expect(codes).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'OIDC_LINK_INVALID']);
      const late = await confirm(cookie, TRAINER.password, '10.30.0.1');
      expect(JSON.parse(late.body).code).toBe('OIDC_LINK_INVALID');
      expect(await identitiesOf('vneid-giang-vien')).toHaveLength(0);
      // The wrong passwords counted against the account like failed sign-ins (10 allowed here).
      const trainer = await userByEmail(TRAINER.email);
      expect(await auditOf('auth.login_failed', trainer.id)).toHaveLength(5);
    });

    it('matches a unit manager by verified phone and asks for the password too; "do not link" forgets the request', async () => {
      const cookie = await startLink('vneid-quan-ly');
      expect(JSON.parse((await getLink(cookie)).body)).toMatchObject({ account: '0912 ••• 002', via: 'phone' });
      const cancel = await inject({ method: 'DELETE', url: '/api/auth/oidc/link', headers: linkCookieHeader(cookie) });
      expect(cancel.statusCode).toBe(204);
      expect((await getLink(cookie)).statusCode).toBe(400);
      expect(JSON.parse((await confirm(cookie, MANAGER.password)).body).code).toBe('OIDC_LINK_INVALID');
      expect(await identitiesOf('vneid-quan-ly')).toHaveLength(0);
    });

    it('sends an account without a password to an administrator, who can allow one link', async () => {
      const trainer = await userByEmail(NO_PASSWORD_TRAINER);
      const refused = await signInWith('vneid-gv-khong-mk');
      expect(refused.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=link_needs_admin`);
      expect(refused.linkCookie).toBeUndefined();
      expect(refused.refreshCookie).toBeUndefined();
      expect(await auditOf('auth.oidc_link_pending', trainer.id)).toHaveLength(1);

      const url = `/api/users/${trainer.id}/oidc-link-permit`;
      const manager = await signIn(inject, MANAGER.email, MANAGER.password);
      expect((await inject({ method: 'POST', url, headers: manager.auth })).statusCode).toBe(403);
      expect((await inject({ method: 'POST', url })).statusCode).toBe(401);
      const adminSession = await signIn(inject, ADMIN.email, ADMIN.password);
      expect((await inject({ method: 'POST', url: '/api/users/khong-phai-uuid/oidc-link-permit', headers: adminSession.auth })).statusCode).toBe(404);
      const permit = await inject({ method: 'POST', url, headers: adminSession.auth });
      expect(permit.statusCode).toBe(200);
      const hoursLeft = (Date.parse(JSON.parse(permit.body).expiresAt) - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(23.9);
      const admin = await userByEmail(ADMIN.email);
      expect(await auditOf('auth.oidc_link_permitted', trainer.id)).toEqual([expect.objectContaining({ actorId: admin.id })]);

      const flow = await signInWith('vneid-gv-khong-mk');
      expect(flow.location).toMatch(/\/dang-nhap\?sso=ok&/);
      expect((await refreshWith(flow.refreshCookie!)).user.id).toBe(trainer.id);
      const linked = await auditOf('auth.oidc_linked', trainer.id);
      expect(linked).toEqual([expect.objectContaining({ actorId: admin.id, details: expect.objectContaining({ confirmedBy: 'administrator', permittedBy: admin.id }) })]);
    });

    it('uses an administrator\'s permission once', async () => {
      const admin = await userByEmail(ADMIN.email);
      const manager = await userByEmail(MANAGER.email);
      const adminSession = await signIn(inject, ADMIN.email, ADMIN.password);
      expect((await inject({ method: 'POST', url: `/api/users/${manager.id}/oidc-link-permit`, headers: adminSession.auth })).statusCode).toBe(200);
      const store = api.app.get<RateLimitStore>(RATE_LIMIT_STORE);
      expect(await store.getValue(`oidc:permit:${manager.id}`)).toContain(admin.id);
      const flow = await signInWith('vneid-quan-ly');
      expect((await refreshWith(flow.refreshCookie!)).user.id).toBe(manager.id);
      expect(await store.getValue(`oidc:permit:${manager.id}`)).toBeNull();
    });
  });

  it('refuses a disabled account and links nothing', async () => {
    const flow = await signInWith('vneid-bi-khoa');
    expect(flow.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=account_disabled`);
    expect(flow.refreshCookie).toBeUndefined();
    expect(await identitiesOf('vneid-bi-khoa')).toHaveLength(0);
  });

  describe('state', () => {
    const expectRejected = async (flow: { location: string; refreshCookie?: string; stateCookie?: string }) => {
      expect(flow.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=state`);
      expect(flow.refreshCookie).toBeUndefined();
      expect(flow.stateCookie).toBeUndefined();
      expect(await identitiesOf('vneid-moi-002')).toHaveLength(0);
      expect(await ds.getRepository(User).countBy({ email: 'lythihai@example.vn' })).toBe(0);
    };

    it('rejects a callback whose state parameter was tampered with', async () => {
      await expectRejected(
        await signInWith('vneid-moi-002', {
          beforeCallback: (url) => {
            url.searchParams.set('state', `${url.searchParams.get('state')}x`);
            return url;
          },
        }),
      );
    });

    it('rejects a callback without the state cookie', async () => {
      await expectRejected(
        await signInWith('vneid-moi-002', {
          beforeCallback: (url, jar) => {
            jar.delete('bdhv_oidc');
            return url;
          },
        }),
      );
    });

    it('rejects a forged state cookie', async () => {
      await expectRejected(
        await signInWith('vneid-moi-002', {
          beforeCallback: (url, jar) => {
            const [h, p] = jar.get('bdhv_oidc')!.split('.');
            const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
            claims.st = url.searchParams.get('state');
            claims.nx = '/khac';
            jar.set(url.hostname, 'bdhv_oidc', `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.AAAA`, '/api/auth/oidc');
            return url;
          },
        }),
      );
    });

    it('answers a direct hit on the callback with an error redirect, not a session', async () => {
      const res = await inject({ method: 'GET', url: '/api/auth/oidc/callback?code=abc&state=def' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=state`);
      expect([res.headers['set-cookie']].flat().join('\n')).not.toMatch(/bdhv_refresh=[^;]/);
    });
  });

  it('reports a sign-in cancelled at the provider', async () => {
    const flow = await signInWith('vneid-moi-002', { abort: true });
    expect(flow.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=denied`);
    expect(flow.refreshCookie).toBeUndefined();
  });

  it('sends the browser back with reason=unavailable when the provider cannot be reached', async () => {
    const down = await startApi(db, { PUBLIC_URL: apiBase, OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
    try {
      const res = await injector(down)({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`${apiBase}/dang-nhap?sso=error&reason=unavailable`);
      expect(res.headers['set-cookie']).toBeUndefined();
    } finally {
      await down.shutdown();
    }
  });

  describe('when OIDC is not configured', () => {
    let plain: Booted<NestFastifyApplication>;
    beforeAll(async () => {
      plain = await startApi(db);
    });
    afterAll(async () => {
      await plain?.shutdown();
    });

    it('reports single sign-on as disabled and answers /start and /callback with 404', async () => {
      const plainInject = injector(plain);
      const settings = await plainInject({ method: 'GET', url: '/api/auth/oidc' });
      expect(settings.statusCode).toBe(200);
      expect(JSON.parse(settings.body)).toEqual({ enabled: false, displayName: null });
      for (const url of ['/api/auth/oidc/start?next=/tai-khoan', '/api/auth/oidc/callback?code=a&state=b']) {
        const res = await plainInject({ method: 'GET', url });
        expect(res.statusCode).toBe(404);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'OIDC_DISABLED', message: 'Hệ thống chưa bật đăng nhập một lần (VNeID).' });
      }
    });
  });
});
