import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { emailSchema, ErrorCode, normalizeVietnamesePhone, oidcConfigSchema, OidcLinkPermit, OidcPendingLink, Role } from '@bdhv/contracts';
import { createSigner, createVerifier } from 'fast-jwt';
import { randomUUID } from 'node:crypto';
import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };
import type { Logger } from 'pino';
import { DataSource, IsNull } from 'typeorm';
import type { z } from 'zod';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { RATE_LIMIT_STORE, RateLimitStore } from '../../common/rate-limiter';
import { SecretsService } from '../../common/secrets.service';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { OrgUnit } from '../org-units/org-unit.entity';
import { User } from '../users/user.entity';
import { AuthService, IssuedSession } from './auth.service';
import { ClientContext } from '../../common/request-context';
import { userSearchText } from '../users/user-search';
import { UserIdentity } from '../users/user-identity.entity';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { UserStore } from '../users/user-store.service';

/** Where the web app lands after single sign-on when the caller did not say. */
export const DEFAULT_NEXT = '/tai-khoan';
/** How long a sign-in may take at the provider. */
export const STATE_TTL_SECONDS = 600;
/** Discovered provider metadata is refreshed this often (keys are refreshed by openid-client itself). */
const DISCOVERY_TTL_MS = 3600_000;
const STATE_ISSUER = 'bdhv-oidc';

/**
 * Accounts that single sign-on never links on its own, however well the email or phone matches:
 * taking one over reaches other people's data. Linking needs the account's password once, or an
 * administrator's permission.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'unit_manager', 'trainer'];
/** How long the person has to confirm a link with the account's password. */
export const LINK_TTL_SECONDS = 600;
/** Wrong passwords a pending link survives; then it is given up and single sign-on must start again. */
export const LINK_MAX_FAILURES = 5;
/** How long an administrator's permission to link an account without its password lasts. */
export const LINK_PERMIT_TTL_SECONDS = 24 * 3600;

/** A link waiting for the password, kept server-side under the hash of the browser's cookie. */
interface PendingLink {
  userId: string;
  provider: string;
  subject: string;
  via: 'email' | 'phone';
  expiresAt: string;
}

/** Where the callback leads: a session, or the password confirmation of a privileged account. */
export type OidcOutcome = { kind: 'session'; session: IssuedSession; next: string } | { kind: 'confirm'; linkToken: string; next: string };

type Resolved = { kind: 'user'; user: User & { orgUnit: OrgUnit } } | { kind: 'confirm'; user: User; via: 'email' | 'phone' };

/** Short codes the web app receives as `reason` when single sign-on fails. */
export type OidcFailureReason =
  | 'state' // missing, expired, forged or mismatched state
  | 'denied' // the user cancelled at the provider
  | 'provider' // the provider answered with another error
  | 'unavailable' // discovery failed (provider down or misconfigured)
  | 'exchange' // code exchange or ID token validation failed
  | 'claims' // the provider did not return a subject
  | 'account_disabled'
  | 'conflict' // the matching account is already linked to another identity at this provider
  | 'no_unit' // no province unit to put a new account in
  | 'link_needs_admin' // a privileged account without a password: only an administrator can allow the link
  | 'internal';

export class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'OidcFailure';
  }
}

/** What the state cookie carries between /start and /callback. */
interface StateClaims {
  st: string;
  nc: string;
  cv: string;
  nx: string;
}

/** The claims we read, from the ID token and (when the provider has one) the userinfo endpoint. */
export interface OidcClaims {
  sub: string;
  name?: unknown;
  family_name?: unknown;
  middle_name?: unknown;
  given_name?: unknown;
  email?: unknown;
  email_verified?: unknown;
  phone_number?: unknown;
  phone_number_verified?: unknown;
}

type OpenIdClient = typeof Oidc;
export type OidcConfig = z.infer<typeof oidcConfigSchema>;

/**
 * `next` must be a same-site path: one leading slash, no scheme, no `//` or `\` (which browsers
 * read as another host), no control characters or whitespace.
 */
export function safeNextPath(next: unknown): string | null {
  if (next === undefined || next === '') return DEFAULT_NEXT;
  if (typeof next !== 'string' || next.length > 512) return null;
  if (!/^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(next)) return null;
  // Belt and braces: resolved against any origin, it must stay on that origin.
  const base = 'http://same.invalid';
  const resolved = new URL(next, base);
  return resolved.origin === base ? next : null;
}

/**
 * A claim that may be trusted only when the provider says it verified it. A missing flag means
 * unverified: a provider that omits it (or lets users type any address) would otherwise let a
 * stranger claim someone else's email or phone and be signed in to that account.
 */
function verified(value: unknown, flag: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  // Some providers send the flag as the string "true"; anything else is "not verified".
  return flag === true || flag === 'true' ? value : null;
}

export function claimedEmail(c: Pick<OidcClaims, 'email' | 'email_verified'>): string | null {
  const raw = verified(c.email, c.email_verified);
  if (!raw) return null;
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function claimedPhone(c: Pick<OidcClaims, 'phone_number' | 'phone_number_verified'>): string | null {
  const raw = verified(c.phone_number, c.phone_number_verified);
  return raw ? normalizeVietnamesePhone(raw) : null;
}

/** `qu•••y@demo.hocvuso.vn`: enough for its owner to recognise, not enough to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const shown = local.length > 3 ? `${local.slice(0, 2)}•••${local.slice(-1)}` : `${local.slice(0, 1)}•••`;
  return `${shown}${email.slice(at)}`;
}

/** `0912 ••• 002` from `+84912000002`. */
export function maskPhone(phone: string): string {
  const local = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return `${local.slice(0, 4)} ••• ${local.slice(-3)}`;
}

function linkInvalid(message = 'Yêu cầu liên kết tài khoản đã hết hạn hoặc đã được dùng. Vui lòng đăng nhập một lần lại từ đầu.') {
  return new AppException(400, ErrorCode.OIDC_LINK_INVALID, message);
}

export function claimedName(c: OidcClaims, fallback: string): string {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  // Vietnamese order: family, middle, given.
  const name = str(c.name) || [str(c.family_name), str(c.middle_name), str(c.given_name)].filter(Boolean).join(' ');
  const cleaned = name.replace(/\s+/g, ' ').slice(0, 120).trim();
  return cleaned.length >= 2 ? cleaned : fallback;
}

/**
 * OpenID Connect single sign-on (authorization code + PKCE + state + nonce), e.g. VNeID.
 * Accounts are linked, never duplicated: a known (issuer, subject) signs in its account; otherwise
 * an account with the same verified email or phone is linked — at once for learners, after the
 * account's password (or an administrator's permission) for privileged accounts; otherwise a
 * learner account is created.
 */
@Injectable()
export class OidcService {
  private readonly signState: (claims: StateClaims) => string;
  private readonly verifyState: (token: string) => StateClaims;
  private lib: Promise<OpenIdClient> | null = null;
  private discovered: { at: number; config: Promise<Oidc.Configuration> } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly users: UserStore,
    secrets: SecretsService,
  ) {
    // Its own issuer: an access token is never accepted as a state and vice versa.
    this.signState = createSigner({ key: secrets.jwtSecret, algorithm: 'HS256', iss: STATE_ISSUER, expiresIn: STATE_TTL_SECONDS * 1000 }) as (c: StateClaims) => string;
    this.verifyState = createVerifier({ key: secrets.jwtSecret, algorithms: ['HS256'], allowedIss: STATE_ISSUER }) as (t: string) => StateClaims;
  }

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  publicConfig(): OidcConfig {
    return { enabled: this.enabled, displayName: this.config.oidc?.displayName ?? null };
  }

  get redirectUri(): string {
    return `${this.config.publicUrl}/api/auth/oidc/callback`;
  }

  /** The provider's authorization URL and the signed state to keep in a cookie until the callback. */
  async begin(next: string): Promise<{ url: string; state: string }> {
    const oidc = this.requireConfig();
    const [client, configuration] = await Promise.all([this.client(), this.configuration()]);
    const st = client.randomState();
    const nc = client.randomNonce();
    const cv = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: oidc.scopes,
      state: st,
      nonce: nc,
      code_challenge: await client.calculatePKCECodeChallenge(cv),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state: this.signState({ st, nc, cv, nx: next }) };
  }

  /** Validates the callback, exchanges the code and signs the linked account in (or asks for its password first). */
  async complete(query: string, stateToken: string | undefined, ctx: ClientContext): Promise<OidcOutcome> {
    this.requireConfig();
    const state = this.readState(stateToken);
    const params = new URLSearchParams(query);
    const error = params.get('error');
    if (error) {
      throw new OidcFailure(error === 'access_denied' ? 'denied' : 'provider', `provider answered ${error}: ${params.get('error_description') ?? ''}`);
    }
    // Checked here too (openid-client checks again) so that a forged callback never reaches the token endpoint.
    if (params.get('state') !== state.st) throw new OidcFailure('state', 'state parameter does not match the cookie');

    const [client, configuration] = await Promise.all([this.client(), this.configuration()]);
    const current = new URL(this.redirectUri);
    current.search = params.toString();
    let claims: OidcClaims;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: state.cv,
        expectedState: state.st,
        expectedNonce: state.nc,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims?.sub) throw new OidcFailure('claims', 'no subject in the ID token');
      claims = { ...idClaims } as OidcClaims;
      // Providers conforming to OpenID Connect Core put scope-requested claims (email, phone) in
      // userinfo rather than in the ID token.
      if (configuration.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...claims, ...pickDefined(info), sub: idClaims.sub };
      }
    } catch (e) {
      if (e instanceof OidcFailure) throw e;
      throw new OidcFailure('exchange', 'code exchange or token validation failed', e);
    }
    const issuer = configuration.serverMetadata().issuer;
    const next = safeNextPath(state.nx) ?? DEFAULT_NEXT;
    const resolved = await this.resolveAccount(issuer, claims, ctx);
    if (resolved.kind === 'confirm') {
      return { kind: 'confirm', linkToken: await this.createPendingLink(resolved.user, issuer, claims.sub, resolved.via, ctx), next };
    }
    const session = await this.auth.startSession(resolved.user, ctx);
    return { kind: 'session', session, next };
  }

  /** The account for this identity: linked before, matched by verified email or phone, or new. */
  async resolveAccount(issuer: string, claims: OidcClaims, ctx: ClientContext): Promise<Resolved> {
    // A concurrent first sign-in with the same identity may win the unique (provider, subject) row:
    // the retry then finds it.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.resolveOnce(issuer, claims, ctx);
      } catch (e) {
        if (e instanceof OidcFailure || attempt >= 1) throw e;
        this.logger.warn({ err: e }, 'oidc: account linking failed, retrying once');
      }
    }
  }

  private resolveOnce(issuer: string, claims: OidcClaims, ctx: ClientContext): Promise<Resolved> {
    const displayName = this.config.oidc?.displayName ?? 'OpenID';
    return this.db.transaction(async (em) => {
      const identities = em.getRepository(UserIdentity);
      const users = em.getRepository(User);
      const withUnit = (where: { id: string } | { email: string } | { phone: string }) =>
        users.findOne({ where, relations: { orgUnit: true } }) as Promise<(User & { orgUnit: OrgUnit }) | null>;

      const linked = await identities.findOneBy({ provider: issuer, subject: claims.sub });
      if (linked) {
        const user = await withUnit({ id: linked.userId });
        if (!user) throw new OidcFailure('internal', `identity ${linked.id} points to a missing user`);
        this.assertActive(user);
        return { kind: 'user', user };
      }

      const email = claimedEmail(claims);
      const phone = claimedPhone(claims);
      let via: 'email' | 'phone' | 'new' = 'new';
      let permittedBy: string | null = null;
      let user = email ? await withUnit({ email }) : null;
      if (user) via = 'email';
      if (!user && phone) {
        user = await withUnit({ phone });
        if (user) via = 'phone';
      }

      if (user) {
        this.assertActive(user);
        // One identity per provider and account: a second, different subject claiming the same
        // email or phone is refused rather than silently given access.
        const other = await identities.findOneBy({ userId: user.id, provider: issuer });
        if (other) throw new OidcFailure('conflict', `user ${user.id} is already linked to another subject at ${issuer}`);
        const { roles } = (await this.users.memberships([user.id], em)).get(user.id)!;
        if (roles.some((r) => PRIVILEGED_ROLES.includes(r))) {
          permittedBy = await this.takePermit(user.id);
          if (!permittedBy) return { kind: 'confirm', user, via: via as 'email' | 'phone' };
        }
      } else {
        const province = await em.getRepository(OrgUnit).findOneBy({ kind: 'province', parentId: IsNull() });
        if (!province) throw new OidcFailure('no_unit', 'no province unit to place a new account in');
        const created = users.create({
          id: randomUUID(),
          fullName: claimedName(claims, `Người dùng ${displayName}`),
          phone,
          email,
          passwordHash: null,
          orgUnitId: province.id,
          status: 'active',
          position: null,
          mustChangePassword: false,
        });
        created.searchText = userSearchText(created);
        // The account and its roles and audiences in this sign-in's transaction.
        await this.users.insert(em, [{ ...created, roles: ['learner'], audiences: ['resident'] }]);
        user = Object.assign(created, { orgUnit: province });
      }

      await identities.insert({ id: randomUUID(), userId: user.id, provider: issuer, subject: claims.sub });
      const matched = `khớp ${via === 'email' ? 'email' : 'số điện thoại'}`;
      const summary =
        via === 'new'
          ? `Tạo tài khoản mới khi đăng nhập bằng ${displayName}`
          : permittedBy
            ? `Liên kết tài khoản với ${displayName} theo cho phép của quản trị viên (${matched})`
            : `Liên kết tài khoản với ${displayName} (${matched})`;
      await this.audit.record(
        {
          actorId: permittedBy ?? user.id,
          action: 'auth.oidc_linked',
          targetType: 'user',
          targetId: user.id,
          summary,
          ip: ctx.ip,
          details: { provider: issuer, via, ...(permittedBy ? { confirmedBy: 'administrator', permittedBy } : {}) },
        },
        em,
      );
      this.logger.info({ userId: user.id, provider: issuer, via, permittedBy }, 'oidc: identity linked');
      return { kind: 'user', user };
    });
  }

  /**
   * Keeps the link server-side for LINK_TTL_SECONDS under the hash of a random token that only this
   * browser receives (in an httpOnly cookie), and audits the request: an administrator should see
   * that someone holding the account's email or phone at the provider asked to link it.
   */
  private async createPendingLink(user: User, provider: string, subject: string, via: 'email' | 'phone', ctx: ClientContext): Promise<string> {
    const displayName = this.config.oidc?.displayName ?? 'OpenID';
    const hasPassword = Boolean(user.passwordHash);
    await this.audit.record({
      actorId: null,
      action: 'auth.oidc_link_pending',
      targetType: 'user',
      targetId: user.id,
      summary: hasPassword
        ? `Yêu cầu liên kết tài khoản với ${displayName}, chờ xác nhận bằng mật khẩu`
        : `Yêu cầu liên kết tài khoản với ${displayName} bị dừng: tài khoản chưa có mật khẩu, cần quản trị viên cho phép`,
      ip: ctx.ip,
      details: { provider, via },
    });
    if (!hasPassword) throw new OidcFailure('link_needs_admin', `user ${user.id} holds a privileged role and has no password to confirm the link`);
    const { token, hash } = newOpaqueToken();
    const link: PendingLink = { userId: user.id, provider, subject, via, expiresAt: new Date(Date.now() + LINK_TTL_SECONDS * 1000).toISOString() };
    await this.store.putValue(`oidc:link:${hash}`, JSON.stringify(link), LINK_TTL_SECONDS);
    return token;
  }

  /** What the confirmation page shows about a pending link. */
  async pendingLink(token: string | undefined): Promise<OidcPendingLink> {
    const { link, user } = await this.readPendingLink(token);
    const account = link.via === 'email' && user.email ? maskEmail(user.email) : user.phone ? maskPhone(user.phone) : maskEmail(user.email ?? '?@?');
    return { provider: this.config.oidc?.displayName ?? 'OpenID', account, via: link.via, expiresAt: link.expiresAt };
  }

  /**
   * Links the identity once the account's password is right, then signs in. The password check is
   * the sign-in's (same per-account and per-address limits, failures audited); the pending link
   * survives LINK_MAX_FAILURES wrong passwords and is single-use.
   */
  async confirmLink(token: string | undefined, password: string, ctx: ClientContext, device: string | undefined): Promise<IssuedSession> {
    const displayName = this.config.oidc?.displayName ?? 'OpenID';
    const { key, link, user } = await this.readPendingLink(token);
    if (user.status !== 'active') {
      await this.store.deleteValue(key);
      throw new AppException(403, ErrorCode.ACCOUNT_DISABLED, 'Tài khoản đã bị khoá. Vui lòng liên hệ quản trị viên.');
    }
    if (!(await this.auth.confirmPassword(user, password, ctx, device, `Sai mật khẩu khi xác nhận liên kết với ${displayName}`))) {
      const { count } = await this.store.hit(`${key}:failures`, LINK_TTL_SECONDS);
      if (count >= LINK_MAX_FAILURES) {
        await this.store.deleteValue(key);
        throw linkInvalid(`Mật khẩu không đúng ${LINK_MAX_FAILURES} lần nên yêu cầu liên kết đã bị huỷ. Vui lòng đăng nhập một lần lại từ đầu, hoặc đăng nhập bằng mật khẩu.`);
      }
      throw AppException.validation([{ field: 'password', message: 'Mật khẩu không đúng.' }], 'Mật khẩu không đúng.');
    }
    // Single use: of two confirmations racing with the right password, only one gets the link.
    if (!(await this.store.takeValue(key))) throw linkInvalid();
    const linked = await this.db.transaction(async (em) => {
      const identities = em.getRepository(UserIdentity);
      if (await identities.existsBy({ provider: link.provider, subject: link.subject })) {
        throw AppException.conflict(`Tài khoản ${displayName} này đã được liên kết với một tài khoản khác.`);
      }
      if (await identities.existsBy({ userId: user.id, provider: link.provider })) {
        throw AppException.conflict(`Tài khoản này đã được liên kết với một tài khoản ${displayName} khác.`);
      }
      await identities.insert({ id: randomUUID(), userId: user.id, provider: link.provider, subject: link.subject });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'auth.oidc_linked',
          targetType: 'user',
          targetId: user.id,
          summary: `Liên kết tài khoản với ${displayName} sau khi xác nhận bằng mật khẩu (khớp ${link.via === 'email' ? 'email' : 'số điện thoại'})`,
          ip: ctx.ip,
          details: { provider: link.provider, via: link.via, confirmedBy: 'password' },
        },
        em,
      );
      return (await em.getRepository(User).findOneOrFail({ where: { id: user.id }, relations: { orgUnit: true } })) as User & { orgUnit: OrgUnit };
    });
    this.logger.info({ userId: user.id, provider: link.provider, via: link.via }, 'oidc: identity linked after password confirmation');
    const session = await this.auth.startSession(linked, ctx);
    return { ...session, deviceToken: this.auth.rememberDevice(device, user.id) };
  }

  /** "Do not link": forgets the pending link. */
  async cancelLink(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteValue(`oidc:link:${hashOpaqueToken(token)}`);
  }

  /**
   * An administrator lets the account's next single sign-on (with a verified email or phone that
   * matches) link it without its password, for LINK_PERMIT_TTL_SECONDS: for people who cannot
   * confirm with a password. Audited, single-use.
   */
  async permitLink(caller: AuthUser, userId: string, ctx: ClientContext): Promise<OidcLinkPermit> {
    if (!this.enabled) throw new AppException(404, ErrorCode.OIDC_DISABLED, 'Hệ thống chưa bật đăng nhập một lần (VNeID).');
    const displayName = this.config.oidc?.displayName ?? 'OpenID';
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user) throw AppException.notFound('Không tìm thấy người dùng.');
    if (user.status !== 'active') throw new AppException(400, ErrorCode.ACCOUNT_DISABLED, 'Tài khoản đang bị khoá. Hãy mở khoá trước khi cho phép liên kết.');
    const expiresAt = new Date(Date.now() + LINK_PERMIT_TTL_SECONDS * 1000);
    await this.db.transaction(async (em) => {
      await this.audit.record(
        {
          actorId: caller.id,
          action: 'auth.oidc_link_permitted',
          targetType: 'user',
          targetId: user.id,
          summary: `Cho phép liên kết tài khoản với ${displayName} không cần mật khẩu trong ${LINK_PERMIT_TTL_SECONDS / 3600} giờ`,
          ip: ctx.ip,
          details: { expiresAt: expiresAt.toISOString() },
        },
        em,
      );
      await this.store.putValue(`oidc:permit:${user.id}`, JSON.stringify({ adminId: caller.id }), LINK_PERMIT_TTL_SECONDS);
    });
    return { expiresAt: expiresAt.toISOString() };
  }

  /** The administrator who permitted linking this account, consuming the permission; null if none. */
  private async takePermit(userId: string): Promise<string | null> {
    const raw = await this.store.takeValue(`oidc:permit:${userId}`);
    if (!raw) return null;
    try {
      const { adminId } = JSON.parse(raw) as { adminId?: unknown };
      return typeof adminId === 'string' ? adminId : null;
    } catch {
      return null;
    }
  }

  private async readPendingLink(token: string | undefined): Promise<{ key: string; link: PendingLink; user: User }> {
    if (!token || token.length > 100) throw linkInvalid();
    const key = `oidc:link:${hashOpaqueToken(token)}`;
    const raw = await this.store.getValue(key);
    if (!raw) throw linkInvalid();
    const link = JSON.parse(raw) as PendingLink;
    const user = await this.db.getRepository(User).findOneBy({ id: link.userId });
    if (!user) {
      await this.store.deleteValue(key);
      throw linkInvalid();
    }
    return { key, link, user };
  }

  private assertActive(user: User) {
    if (user.status !== 'active') throw new OidcFailure('account_disabled', `user ${user.id} is disabled`);
  }

  private readState(token: string | undefined): StateClaims {
    if (!token) throw new OidcFailure('state', 'no state cookie (expired, or the sign-in started in another browser)');
    try {
      const claims = this.verifyState(token);
      if (![claims.st, claims.nc, claims.cv, claims.nx].every((v) => typeof v === 'string' && v)) throw new Error('incomplete state');
      return claims;
    } catch (e) {
      throw new OidcFailure('state', 'state cookie is invalid or expired', e);
    }
  }

  private requireConfig() {
    if (!this.config.oidc) throw new OidcFailure('internal', 'single sign-on is not configured');
    return this.config.oidc;
  }

  /** openid-client ships as ESM only: loaded once, on first use. */
  private client(): Promise<OpenIdClient> {
    return (this.lib ??= import('openid-client'));
  }

  /** Discovered provider metadata, cached; a failed discovery is retried on the next sign-in. */
  private configuration(): Promise<Oidc.Configuration> {
    const oidc = this.requireConfig();
    if (this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered.config;
    const config = (async () => {
      const client = await this.client();
      const issuer = new URL(oidc.issuer);
      const insecure = issuer.protocol === 'http:';
      if (insecure && this.config.env === 'production') {
        throw new Error(`OIDC_ISSUER must be an https:// URL in production (got ${oidc.issuer})`);
      }
      // client_secret_basic unless the provider only offers client_secret_post (the OIDC default is basic).
      const basic = client.ClientSecretBasic(oidc.clientSecret);
      const post = client.ClientSecretPost(oidc.clientSecret);
      const auth: Oidc.ClientAuth = (as, c, body, headers) => {
        const methods = as.token_endpoint_auth_methods_supported;
        return (!methods || methods.includes('client_secret_basic') || !methods.includes('client_secret_post') ? basic : post)(as, c, body, headers);
      };
      return client.discovery(issuer, oidc.clientId, oidc.clientSecret, auth, {
        timeout: 10,
        execute: insecure ? [client.allowInsecureRequests] : [],
      });
    })();
    const entry = { at: Date.now(), config };
    this.discovered = entry;
    config.catch((err: unknown) => {
      if (this.discovered === entry) this.discovered = null;
      this.logger.error({ err, issuer: oidc.issuer }, 'oidc: discovery failed');
    });
    return config;
  }
}

function pickDefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
