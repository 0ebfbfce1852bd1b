import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { emailSchema, normalizeVietnamesePhone, oidcConfigSchema } from '@bdhv/contracts';
import { createSigner, createVerifier } from 'fast-jwt';
import { randomUUID } from 'node:crypto';
import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };
import type { Logger } from 'pino';
import { DataSource, IsNull } from 'typeorm';
import type { z } from 'zod';
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
import { UserStore } from '../users/user-store.service';

/** Where the web app lands after single sign-on when the caller did not say. */
export const DEFAULT_NEXT = '/tai-khoan';
/** How long a sign-in may take at the provider. */
export const STATE_TTL_SECONDS = 600;
/** Discovered provider metadata is refreshed this often (keys are refreshed by openid-client itself). */
const DISCOVERY_TTL_MS = 3600_000;
const STATE_ISSUER = 'bdhv-oidc';

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

/** A claim that may only be trusted when the provider has not said it is unverified. */
function verified(value: unknown, flag: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  return flag === false || flag === 'false' ? null : value;
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
 * an account with the same verified email or phone is linked; otherwise a learner account is created.
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
    private readonly store: UserStore,
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

  /** Validates the callback, exchanges the code and signs the linked account in. */
  async complete(query: string, stateToken: string | undefined, ctx: ClientContext): Promise<{ session: IssuedSession; next: string }> {
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
    const user = await this.resolveAccount(issuer, claims, ctx);
    const session = await this.auth.startSession(user, ctx);
    return { session, next: safeNextPath(state.nx) ?? DEFAULT_NEXT };
  }

  /** The account for this identity: linked before, matched by verified email or phone, or new. */
  async resolveAccount(issuer: string, claims: OidcClaims, ctx: ClientContext): Promise<User & { orgUnit: OrgUnit }> {
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

  private resolveOnce(issuer: string, claims: OidcClaims, ctx: ClientContext): Promise<User & { orgUnit: OrgUnit }> {
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
        return user;
      }

      const email = claimedEmail(claims);
      const phone = claimedPhone(claims);
      let via: 'email' | 'phone' | 'new' = 'new';
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
        await this.store.insert(em, [{ ...created, roles: ['learner'], audiences: ['resident'] }]);
        user = Object.assign(created, { orgUnit: province });
      }

      await identities.insert({ id: randomUUID(), userId: user.id, provider: issuer, subject: claims.sub });
      const summary =
        via === 'new'
          ? `Tạo tài khoản mới khi đăng nhập bằng ${displayName}`
          : `Liên kết tài khoản với ${displayName} (khớp ${via === 'email' ? 'email' : 'số điện thoại'})`;
      await this.audit.record({ actorId: user.id, action: 'auth.oidc_linked', targetType: 'user', targetId: user.id, summary, ip: ctx.ip, details: { provider: issuer, via } }, em);
      this.logger.info({ userId: user.id, provider: issuer, via }, 'oidc: identity linked');
      return user;
    });
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
