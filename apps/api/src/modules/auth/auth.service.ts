import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ChangePasswordRequest,
  ErrorCode,
  LoginRequest,
  Me,
  normalizeVietnamesePhone,
  RegisterRequest,
} from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { RATE_LIMIT_STORE, RateLimitStore } from '../../common/rate-limiter';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgUnit } from '../org-units/org-unit.entity';
import { hashPassword, verifyPassword } from '../users/password';
import { User } from '../users/user.entity';
import { PasswordResetToken } from './password-reset-token.entity';
import { RefreshToken } from './refresh-token.entity';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { AccessTokenService } from '../../common/access-token.service';
import { ClientContext } from '../../common/request-context';
import { AccessPolicy } from '../../common/access/access-policy';
import { userSearchText } from '../users/user-search';
import { LoginThrottle } from './login-throttle';
import { TrustedDevices } from './trusted-device';
import { Memberships, UserStore } from '../users/user-store.service';

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: Me;
  /** Set after a password sign-in or registration: the browser's renewed trusted-device token. */
  deviceToken?: string;
}

const RESET_TOKEN_MINUTES = 30;
// A valid argon2id hash of a random string: verifying against it when the account does not exist
// takes as long as a real check, so response times do not reveal which accounts exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$LSO5NKXrNklt0lqywoYzZw$BYDB2Q9n0fi0jWghworeSVODJ/0FMDX8vErnjJQZtog';

export function toMe(user: User & { orgUnit: OrgUnit } & Memberships): Me {
  return {
    id: user.id,
    fullName: user.fullName,
    phone: user.phone,
    email: user.email,
    roles: user.roles,
    audiences: user.audiences,
    orgUnit: { id: user.orgUnit.id, code: user.orgUnit.code, name: user.orgUnit.name, kind: user.orgUnit.kind },
    // Boolean(): rows just inserted carry the driver's raw tinyint.
    mustChangePassword: Boolean(user.mustChangePassword),
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RATE_LIMIT_STORE) private readonly limits: RateLimitStore,
    private readonly tokens: AccessTokenService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessPolicy,
    private readonly throttle: LoginThrottle,
    private readonly devices: TrustedDevices,
    private readonly users: UserStore,
  ) {}

  async register(dto: RegisterRequest, ctx: ClientContext, device?: string): Promise<IssuedSession> {
    const session = await this.db.transaction(async (em) => {
      const unit = await em.getRepository(OrgUnit).findOneBy({ id: dto.orgUnitId });
      if (!unit || unit.kind !== 'commune' || !unit.active) {
        throw AppException.validation([{ field: 'orgUnitId', message: 'Hãy chọn một xã, phường đang hoạt động.' }]);
      }
      await this.assertUnique(em, dto.phone ?? null, dto.email ?? null);
      const user = em.getRepository(User).create({
        id: randomUUID(),
        fullName: dto.fullName,
        phone: dto.phone ?? null,
        email: dto.email ?? null,
        passwordHash: await hashPassword(dto.password),
        orgUnitId: unit.id,
        status: 'active',
        position: null,
        mustChangePassword: false,
      });
      user.searchText = userSearchText(user);
      await this.users.insert(em, [{ ...user, roles: ['learner'], audiences: ['resident'] }]);
      user.orgUnit = unit;
      return this.issueSession(em, user as User & { orgUnit: OrgUnit }, randomUUID(), ctx);
    });
    return { ...session, deviceToken: this.devices.remember(device, session.user.id) };
  }

  /**
   * Password sign-in. `device` is the browser's trusted-device token, if any; the session carries
   * the renewed one, now trusted for this account.
   */
  async login(dto: LoginRequest, ctx: ClientContext, device?: string): Promise<IssuedSession> {
    const identifier = this.normalizeIdentifier(dto.identifier);
    const accountKeys = [LoginThrottle.accountKey(identifier)];
    await this.throttle.assertAccountsOpen(accountKeys);

    const user = await this.findByIdentifier(identifier);
    const address = await this.throttle.admitAddress(ctx.ip, user !== null && this.devices.trusts(device, user.id));
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, dto.password).catch(() => false);
    if (!user || !ok || user.status !== 'active') {
      const locked = await this.throttle.accountsFailed(accountKeys);
      if (user && locked.length) {
        await this.audit.record({ actorId: null, action: 'auth.locked', targetType: 'user', targetId: user.id, summary: `Tạm khoá đăng nhập sau ${this.config.auth.loginMaxFailures} lần sai`, ip: ctx.ip });
      }
      if (user) {
        await this.audit.record({ actorId: null, action: 'auth.login_failed', targetType: 'user', targetId: user.id, summary: 'Đăng nhập sai mật khẩu', ip: ctx.ip });
      }
      if (user && ok && user.status !== 'active') {
        throw new AppException(403, ErrorCode.ACCOUNT_DISABLED, 'Tài khoản đã bị khoá. Vui lòng liên hệ quản trị viên.');
      }
      throw new AppException(401, ErrorCode.INVALID_CREDENTIALS, 'Số điện thoại/email hoặc mật khẩu không đúng.');
    }
    await address.succeeded();
    await this.throttle.accountsSucceeded(accountKeys);
    const session = await this.db.transaction(async (em) => {
      await em.getRepository(User).update(user.id, { lastLoginAt: new Date() });
      return this.issueSession(em, user, randomUUID(), ctx);
    });
    return { ...session, deviceToken: this.devices.remember(device, user.id) };
  }

  /**
   * Checks an account's password once, for an action that needs it (confirming a single sign-on
   * link), under the same limits as sign-in: per account (under each of its identifiers) and per
   * address. Throws 429 when a limit holds; a wrong password is counted and audited like a failed
   * sign-in. An account without a password never passes.
   */
  async confirmPassword(user: User, password: string, ctx: ClientContext, device: string | undefined, summary: string): Promise<boolean> {
    const accountKeys = [user.email, user.phone].filter((v): v is string => Boolean(v)).map((id) => LoginThrottle.accountKey(id));
    await this.throttle.assertAccountsOpen(accountKeys);
    const address = await this.throttle.admitAddress(ctx.ip, this.devices.trusts(device, user.id));
    const ok = await verifyPassword(user.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (ok && user.passwordHash) {
      await address.succeeded();
      await this.throttle.accountsSucceeded(accountKeys);
      return true;
    }
    if ((await this.throttle.accountsFailed(accountKeys)).length) {
      await this.audit.record({ actorId: null, action: 'auth.locked', targetType: 'user', targetId: user.id, summary: `Tạm khoá đăng nhập sau ${this.config.auth.loginMaxFailures} lần sai`, ip: ctx.ip });
    }
    await this.audit.record({ actorId: null, action: 'auth.login_failed', targetType: 'user', targetId: user.id, summary, ip: ctx.ip });
    return false;
  }

  /** The browser's trusted-device token after it proved it may use this account. */
  rememberDevice(device: string | undefined, userId: string): string {
    return this.devices.remember(device, userId);
  }

  /** Rotates a refresh token. A token presented twice means it was stolen: its whole family is revoked. */
  async refresh(refreshToken: string | undefined, ctx: ClientContext): Promise<IssuedSession> {
    if (!refreshToken) throw this.sessionExpired();
    const hash = hashOpaqueToken(refreshToken);
    const result = await this.db.transaction(async (em) => {
      const tokens = em.getRepository(RefreshToken);
      const row = await tokens.findOneBy({ tokenHash: hash });
      if (!row) return null;
      if (row.usedAt || row.revokedAt) {
        await tokens.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return 'reused' as const;
      }
      if (row.expiresAt.getTime() <= Date.now()) return null;
      // Conditional update: of two concurrent refreshes with the same token, only one wins.
      const claimed = await tokens.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!claimed.affected) return 'reused' as const;
      const user = await em.getRepository(User).findOne({ where: { id: row.userId }, relations: { orgUnit: true } });
      if (!user || user.status !== 'active') return null;
      return this.issueSession(em, user as User & { orgUnit: OrgUnit }, row.familyId, ctx);
    });
    if (result === 'reused') throw new AppException(401, ErrorCode.REFRESH_TOKEN_REUSED, 'Phiên đăng nhập không còn hợp lệ. Vui lòng đăng nhập lại.');
    if (!result) throw this.sessionExpired();
    return result;
  }

  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const row = await this.db.getRepository(RefreshToken).findOneBy({ tokenHash: hashOpaqueToken(refreshToken) });
    if (row) await this.db.getRepository(RefreshToken).update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async me(userId: string): Promise<Me> {
    const user = await this.db.getRepository(User).findOne({ where: { id: userId }, relations: { orgUnit: true } });
    if (!user || user.status !== 'active') throw AppException.unauthenticated();
    return toMe(await this.users.withMembershipsOne(user as User & { orgUnit: OrgUnit }));
  }

  /** Changes the password and signs out every other session. */
  async changePassword(caller: AuthUser, dto: ChangePasswordRequest, ctx: ClientContext): Promise<void> {
    const users = this.db.getRepository(User);
    const user = await users.findOneBy({ id: caller.id });
    if (!user) throw AppException.unauthenticated();
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw AppException.validation([{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }], 'Mật khẩu hiện tại không đúng.');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.db.transaction(async (em) => {
      await em.getRepository(User).update(user.id, { passwordHash, mustChangePassword: false });
      await em
        .getRepository(RefreshToken)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: new Date() })
        .where('userId = :userId AND familyId <> :sid AND revokedAt IS NULL', { userId: user.id, sid: caller.sessionId })
        .execute();
      await this.audit.record({ actorId: user.id, action: 'auth.password_changed', targetType: 'user', targetId: user.id, summary: 'Đổi mật khẩu', ip: ctx.ip }, em);
    });
  }

  /** Always succeeds from the caller's point of view, so it cannot be used to discover accounts. */
  async forgotPassword(identifier: string, ctx: ClientContext): Promise<void> {
    const key = `reset:${this.normalizeIdentifier(identifier)}`;
    const { count } = await this.limits.hit(key, 3600);
    if (count > 5) return;
    const user = await this.findByIdentifier(this.normalizeIdentifier(identifier));
    if (!user || user.status !== 'active') return;
    await this.issueResetToken(user, null, ctx);
  }

  /** An administrator sends the user a one-time reset link; they must choose a new password. */
  async forceReset(caller: AuthUser, id: string, ctx: ClientContext): Promise<{ sent: true; channel: 'email' | 'log' }> {
    const user = (await this.access.visibleAccount(caller, id)) ? await this.db.getRepository(User).findOneBy({ id }) : null;
    if (!user) throw AppException.notFound('Không tìm thấy người dùng.');
    if (user.status !== 'active') throw new AppException(400, ErrorCode.ACCOUNT_DISABLED, 'Tài khoản đang bị khoá. Hãy mở khoá trước khi đặt lại mật khẩu.');
    await this.db.getRepository(User).update(user.id, { mustChangePassword: true });
    // issueResetToken stores the token and records `user.reset_forced` in its own transaction.
    const channel = await this.issueResetToken(user, caller.id, ctx);
    return { sent: true, channel };
  }

  /** Creates a one-time reset link and sends it; used by self-service and by administrators. */
  async issueResetToken(user: User, requestedById: string | null, ctx: ClientContext): Promise<'email' | 'log'> {
    const { token, hash } = newOpaqueToken();
    await this.db.transaction(async (em) => {
      await em.getRepository(PasswordResetToken).insert({
        id: randomUUID(),
        userId: user.id,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
        usedAt: null,
        requestedById,
      });
      await this.audit.record(
        {
          actorId: requestedById,
          action: requestedById ? 'user.reset_forced' : 'auth.password_reset_requested',
          targetType: 'user',
          targetId: user.id,
          summary: requestedById ? 'Quản trị viên buộc đặt lại mật khẩu' : 'Yêu cầu đặt lại mật khẩu',
          ip: ctx.ip,
        },
        em,
      );
    });
    const link = `${this.config.publicUrl}/dat-lai-mat-khau?token=${encodeURIComponent(token)}`;
    return this.notifications.sendPasswordReset(user, link, RESET_TOKEN_MINUTES);
  }

  async resetPassword(token: string, newPassword: string, ctx: ClientContext): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    const ok = await this.db.transaction(async (em) => {
      const resets = em.getRepository(PasswordResetToken);
      const row = await resets.findOneBy({ tokenHash: hashOpaqueToken(token) });
      if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) return false;
      const claimed = await resets.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!claimed.affected) return false;
      await em.getRepository(User).update(row.userId, { passwordHash, mustChangePassword: false });
      await em.getRepository(RefreshToken).update({ userId: row.userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record({ actorId: row.userId, action: 'auth.password_reset', targetType: 'user', targetId: row.userId, summary: 'Đặt lại mật khẩu bằng liên kết', ip: ctx.ip }, em);
      return true;
    });
    if (!ok) throw new AppException(400, ErrorCode.INVALID_TOKEN, 'Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn.');
  }

  /** Issues a session for a user signed in by another means (single sign-on). */
  startSession(user: User & { orgUnit: OrgUnit }, ctx: ClientContext): Promise<IssuedSession> {
    return this.db.transaction(async (em) => {
      await em.getRepository(User).update(user.id, { lastLoginAt: new Date() });
      return this.issueSession(em, user, randomUUID(), ctx);
    });
  }

  private async issueSession(em: EntityManager, user: User & { orgUnit: OrgUnit }, familyId: string, ctx: ClientContext): Promise<IssuedSession> {
    const { token, hash } = newOpaqueToken();
    const refreshExpiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000);
    await em.getRepository(RefreshToken).insert({
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hash,
      expiresAt: refreshExpiresAt,
      usedAt: null,
      revokedAt: null,
      userAgent: ctx.userAgent?.slice(0, 255) ?? null,
      ip: ctx.ip.slice(0, 64),
    });
    const accessToken = this.tokens.issueAccessToken(user.id, familyId);
    return { accessToken, expiresIn: this.tokens.accessTtlSeconds, refreshToken: token, refreshExpiresAt, user: toMe(await this.users.withMembershipsOne(user, em)) };
  }

  private normalizeIdentifier(raw: string): string {
    const trimmed = raw.trim();
    if (trimmed.includes('@')) return trimmed.toLowerCase();
    return normalizeVietnamesePhone(trimmed) ?? trimmed.toLowerCase();
  }

  private async findByIdentifier(identifier: string): Promise<(User & { orgUnit: OrgUnit }) | null> {
    const where = identifier.includes('@') ? { email: identifier } : identifier.startsWith('+84') ? { phone: identifier } : null;
    if (!where) return null;
    return (await this.db.getRepository(User).findOne({ where, relations: { orgUnit: true } })) as (User & { orgUnit: OrgUnit }) | null;
  }

  private async assertUnique(em: EntityManager, phone: string | null, email: string | null) {
    const users = em.getRepository(User);
    const errors = [];
    if (phone && (await users.existsBy({ phone }))) errors.push({ field: 'phone', message: 'Số điện thoại này đã được đăng ký.' });
    if (email && (await users.existsBy({ email }))) errors.push({ field: 'email', message: 'Email này đã được đăng ký.' });
    if (errors.length) throw new AppException(409, ErrorCode.CONFLICT, 'Tài khoản đã tồn tại.', errors);
  }

  private sessionExpired() {
    return new AppException(401, ErrorCode.UNAUTHENTICATED, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
  }
}
