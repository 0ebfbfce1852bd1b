import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateUserRequest, ErrorCode, FieldError, UpdateUserRequest, UserDetail, UserListQuery, UserSummary } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { SecretsService } from '../../common/secrets.service';
import { AuditService } from '../audit/audit.service';
import { ClientContext } from '../../common/request-context';
import { userSearchText } from './user-search';
import { UserIdentity } from './user-identity.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { containsPattern, LIKE_ESCAPE, startsWithPattern } from '../../database/sql';
import { AccessPolicy } from '../../common/access/access-policy';
import { CallerStateService } from '../../common/access/caller-state.service';
import { uniqueViolationField } from '../../database/sql';
import { maskCitizenId, searchTerm } from './user-search';
import { User } from './user.entity';
import { Memberships, UserStore } from './user-store.service';

type UserWithUnit = User & { orgUnit: OrgUnit } & Memberships;

const UNIQUE_FIELDS = {
  phone: { index: 'UQ_users_phone', column: 'users.phone' },
  email: { index: 'UQ_users_email', column: 'users.email' },
  citizenId: { index: 'UQ_users_citizenIdHash', column: 'users.citizenIdHash' },
};

const TAKEN_MESSAGES: Record<keyof typeof UNIQUE_FIELDS, string> = {
  phone: 'Số điện thoại này đã được dùng cho tài khoản khác.',
  email: 'Email này đã được dùng cho tài khoản khác.',
  citizenId: 'Số định danh cá nhân này đã được dùng cho tài khoản khác.',
};

/** How the audit summary names the edited fields. */
const FIELD_LABELS: Record<string, string> = {
  fullName: 'họ và tên',
  phone: 'số điện thoại',
  email: 'email',
  position: 'chức vụ',
  audiences: 'đối tượng',
  orgUnitId: 'đơn vị',
  citizenId: 'số định danh cá nhân',
};

function iso(d: Date | string | null): string | null {
  if (d === null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export function toUserSummary(u: UserWithUnit): UserSummary {
  return {
    id: u.id,
    fullName: u.fullName,
    phone: u.phone,
    email: u.email,
    roles: u.roles,
    audiences: u.audiences,
    position: u.position,
    orgUnit: { id: u.orgUnit.id, code: u.orgUnit.code, name: u.orgUnit.name, kind: u.orgUnit.kind },
    status: u.status,
    createdAt: iso(u.createdAt)!,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function sameSet<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly callers: CallerStateService,
    private readonly store: UserStore,
  ) {}

  /** A page of the users the caller may manage; the unit is joined in the same query. */
  async list(caller: AuthUser, query: UserListQuery): Promise<{ items: UserSummary[]; page: number; pageSize: number; total: number }> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').innerJoinAndSelect('u.orgUnit', 'ou');
    const scope = this.access.unitScopeCondition(caller, 'ou.path');
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (query.orgUnitId) {
      // A unit outside the caller's subtree answers as if it did not exist.
      const unit = await this.access.visibleUnit(caller, query.orgUnitId);
      if (!unit) throw AppException.notFound('Không tìm thấy đơn vị.');
      if (query.includeSubunits) qb.andWhere(`ou.path LIKE :unitPath ${LIKE_ESCAPE}`, { unitPath: startsWithPattern(unit.path) });
      else qb.andWhere('u.orgUnitId = :orgUnitId', { orgUnitId: unit.id });
    }
    const term = searchTerm(query.q);
    if (term) qb.andWhere(`u.searchText LIKE :q ${LIKE_ESCAPE}`, { q: containsPattern(term) });
    // Indexed probes of the join tables' primary keys (userId, value), one per listed user.
    if (query.audience) qb.andWhere('EXISTS (SELECT 1 FROM user_audiences ua WHERE ua.userId = u.id AND ua.audience = :audience)', { audience: query.audience });
    if (query.role) qb.andWhere('EXISTS (SELECT 1 FROM user_roles ur WHERE ur.userId = u.id AND ur.role = :role)', { role: query.role });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    // searchText starts with the folded name: the same accent-insensitive order on SQLite (which
    // has no Vietnamese collation) and MySQL.
    qb.orderBy('u.searchText', 'ASC').addOrderBy('u.fullName', 'ASC').addOrderBy('u.id', 'ASC');
    qb.offset((query.page - 1) * query.pageSize).limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const users = await this.store.withMemberships(rows as Array<User & { orgUnit: OrgUnit }>);
    return { items: users.map(toUserSummary), page: query.page, pageSize: query.pageSize, total };
  }

  async get(caller: AuthUser, id: string): Promise<UserDetail> {
    const user = await this.findVisible(this.db.manager, caller, id);
    return this.toDetail(this.db.manager, user);
  }

  /** Creates an official's or staff member's account, without a password: they sign in through a reset link or SSO. */
  async create(caller: AuthUser, dto: CreateUserRequest, ctx: ClientContext): Promise<UserDetail> {
    const roles = unique(dto.roles);
    const audiences = unique(dto.audiences);
    const refusal = this.access.accountCreationRefusal(caller, roles);
    if (refusal) throw refusal;
    return this.withUniqueFields(() =>
      this.db.transaction(async (em) => {
        const unit = await this.assignableUnit(em, caller, dto.orgUnitId);
        const citizen = dto.citizenId ? this.protectCitizenId(dto.citizenId) : null;
        await this.assertUnique(em, null, { phone: dto.phone ?? null, email: dto.email ?? null, citizenIdHash: citizen?.citizenIdHash ?? null });
        const user = em.getRepository(User).create({
          id: randomUUID(),
          fullName: dto.fullName,
          phone: dto.phone ?? null,
          email: dto.email ?? null,
          passwordHash: null,
          orgUnitId: unit.id,
          status: 'active',
          position: dto.position || null,
          citizenIdCipher: citizen?.citizenIdCipher ?? null,
          citizenIdHash: citizen?.citizenIdHash ?? null,
          citizenIdLast4: citizen?.citizenIdLast4 ?? null,
          mustChangePassword: true,
          lastLoginAt: null,
        });
        user.searchText = userSearchText(user);
        // The account and its roles and audiences in this one transaction.
        await this.store.insert(em, [{ ...user, roles, audiences }]);
        await this.audit.record(
          {
            actorId: caller.id,
            action: 'user.created',
            targetType: 'user',
            targetId: user.id,
            summary: `Tạo tài khoản ${user.fullName} tại ${unit.name}`,
            ip: ctx.ip,
            details: { orgUnitId: unit.id, roles, audiences },
          },
          em,
        );
        return this.toDetail(em, await this.reload(em, user.id));
      }),
    );
  }

  /**
   * Edits a user. Unit managers act only inside their subtree, never on administrators' or other
   * managers' accounts, and never grant or take away those roles. Nobody disables or demotes themselves.
   */
  async update(caller: AuthUser, id: string, dto: UpdateUserRequest, ctx: ClientContext): Promise<UserDetail> {
    const detail = await this.applyUpdate(caller, id, dto, ctx);
    // After the commit: every API process sees the new roles, unit and status within seconds.
    await this.callers.invalidate([id]);
    return detail;
  }

  private applyUpdate(caller: AuthUser, id: string, dto: UpdateUserRequest, ctx: ClientContext): Promise<UserDetail> {
    return this.withUniqueFields(() =>
      this.db.transaction(async (em) => {
        const user = await this.findVisible(em, caller, id);
        const roles = dto.roles ? unique(dto.roles) : user.roles;
        const added = roles.filter((r) => !user.roles.includes(r));
        const removed = user.roles.filter((r) => !roles.includes(r));
        const refusal = this.access.accountChangeRefusal(
          caller,
          { id: user.id, roles: user.roles, orgUnitPath: user.orgUnit.path },
          { addedRoles: added, removedRoles: removed, disabling: dto.status === 'disabled' },
        );
        if (refusal) throw refusal;

        const changes: Partial<User> = {};
        const fields: string[] = [];
        const set = <K extends keyof User>(key: K, value: User[K]) => {
          changes[key] = value;
          fields.push(key);
        };
        if (dto.fullName !== undefined && dto.fullName !== user.fullName) set('fullName', dto.fullName);
        if (dto.phone !== undefined && dto.phone !== user.phone) set('phone', dto.phone);
        if (dto.email !== undefined && dto.email !== user.email) set('email', dto.email);
        if (dto.position !== undefined && (dto.position || null) !== user.position) set('position', dto.position || null);
        const audiences = dto.audiences ? unique(dto.audiences) : user.audiences;
        const audiencesChanged = !sameSet(audiences, user.audiences);
        if (audiencesChanged) fields.push('audiences');
        let fromUnit: OrgUnit | null = null;
        if (dto.orgUnitId !== undefined && dto.orgUnitId !== user.orgUnitId) {
          await this.assignableUnit(em, caller, dto.orgUnitId);
          fromUnit = user.orgUnit;
          set('orgUnitId', dto.orgUnitId);
        }
        if (dto.citizenId !== undefined) {
          const citizen = dto.citizenId ? this.protectCitizenId(dto.citizenId) : { citizenIdCipher: null, citizenIdHash: null, citizenIdLast4: null };
          if (citizen.citizenIdHash !== user.citizenIdHash) {
            changes.citizenIdCipher = citizen.citizenIdCipher;
            changes.citizenIdHash = citizen.citizenIdHash;
            changes.citizenIdLast4 = citizen.citizenIdLast4;
            fields.push('citizenId');
          }
        }
        const phone = changes.phone !== undefined ? changes.phone : user.phone;
        const email = changes.email !== undefined ? changes.email : user.email;
        if (!phone && !email) throw AppException.validation([{ field: 'phone', message: 'Cần số điện thoại hoặc email.' }]);
        await this.assertUnique(em, user.id, { phone: changes.phone ?? null, email: changes.email ?? null, citizenIdHash: changes.citizenIdHash ?? null });

        const rolesChanged = added.length > 0 || removed.length > 0;
        const statusChanged = dto.status !== undefined && dto.status !== user.status;
        if (changes.fullName !== undefined || changes.phone !== undefined || changes.email !== undefined) {
          changes.searchText = userSearchText({ fullName: changes.fullName ?? user.fullName, phone, email });
        }
        if (statusChanged) changes.status = dto.status;
        if (Object.keys(changes).length === 0 && !rolesChanged && !audiencesChanged) return this.toDetail(em, user);
        if (Object.keys(changes).length > 0) await em.getRepository(User).update(user.id, changes);
        if (rolesChanged || audiencesChanged) await this.store.setMemberships(em, user.id, { roles, audiences });

        const base = { actorId: caller.id, targetType: 'user', targetId: user.id, ip: ctx.ip };
        if (fields.length > 0) {
          await this.audit.record(
            {
              ...base,
              action: 'user.updated',
              summary: `Cập nhật tài khoản ${user.fullName}: ${fields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}`,
              details: { fields, ...(fromUnit ? { fromOrgUnitId: fromUnit.id, toOrgUnitId: changes.orgUnitId! } : {}) },
            },
            em,
          );
        }
        if (rolesChanged) {
          await this.audit.record(
            { ...base, action: 'user.roles_changed', summary: `Đổi vai trò của ${user.fullName}: ${user.roles.join(', ')} → ${roles.join(', ')}`, details: { before: user.roles, after: roles } },
            em,
          );
        }
        if (statusChanged && dto.status === 'disabled') {
          // Signs the user out everywhere: no refresh token of theirs works any more. (Sessions are the
          // auth domain's rows; this write by table name keeps users free of an import of auth.)
          const revoked = await em.createQueryBuilder().update('refresh_tokens').set({ revokedAt: new Date() }).where('userId = :id AND revokedAt IS NULL', { id: user.id }).execute();
          await this.audit.record({ ...base, action: 'user.disabled', summary: `Khoá tài khoản ${user.fullName}`, details: { sessionsRevoked: revoked.affected ?? 0 } }, em);
        } else if (statusChanged) {
          await this.audit.record({ ...base, action: 'user.enabled', summary: `Mở khoá tài khoản ${user.fullName}` }, em);
        }
        return this.toDetail(em, await this.reload(em, user.id));
      }),
    );
  }

  /** The user with their unit, or 404 when it does not exist or lies outside the caller's subtree. */
  private async findVisible(em: EntityManager, caller: AuthUser, id: string): Promise<UserWithUnit> {
    if (!(await this.access.visibleAccount(caller, id, em))) throw AppException.notFound('Không tìm thấy người dùng.');
    return this.reload(em, id);
  }

  private async reload(em: EntityManager, id: string): Promise<UserWithUnit> {
    const user = (await em.getRepository(User).findOneOrFail({ where: { id }, relations: { orgUnit: true } })) as User & { orgUnit: OrgUnit };
    return this.store.withMembershipsOne(user, em);
  }

  /** A unit a user may be placed in by this caller: it exists, is active, and lies in the caller's subtree (403 otherwise). */
  private async assignableUnit(em: EntityManager, caller: AuthUser, orgUnitId: string): Promise<OrgUnit> {
    const unit = await em.getRepository(OrgUnit).findOneBy({ id: orgUnitId });
    if (!unit) throw AppException.validation([{ field: 'orgUnitId', message: 'Đơn vị không tồn tại.' }]);
    const refusal = this.access.unitAssignmentRefusal(caller, unit.path);
    if (refusal) throw refusal;
    if (!unit.active) throw AppException.validation([{ field: 'orgUnitId', message: 'Đơn vị đã ngừng hoạt động.' }]);
    return unit;
  }

  private async toDetail(em: EntityManager, u: UserWithUnit): Promise<UserDetail> {
    const identities = await em.getRepository(UserIdentity).find({ select: { provider: true }, where: { userId: u.id } });
    return {
      ...toUserSummary(u),
      citizenIdMasked: maskCitizenId(u.citizenIdLast4),
      // Boolean(): MySQL hands back tinyint.
      mustChangePassword: Boolean(u.mustChangePassword),
      lastLoginAt: iso(u.lastLoginAt),
      linkedIdentityProviders: unique(identities.map((i) => i.provider)),
    };
  }

  private protectCitizenId(citizenId: string) {
    return { citizenIdCipher: this.secrets.encrypt(citizenId), citizenIdHash: this.secrets.lookupHash(citizenId), citizenIdLast4: citizenId.slice(-4) };
  }

  /** 409 naming every field whose value another account already has. */
  private async assertUnique(em: EntityManager, exceptId: string | null, values: { phone: string | null; email: string | null; citizenIdHash: string | null }) {
    const users = em.getRepository(User);
    const errors: FieldError[] = [];
    const taken = async (where: { phone: string } | { email: string } | { citizenIdHash: string }) => {
      const other = await users.findOne({ select: { id: true }, where });
      return other !== null && other.id !== exceptId;
    };
    if (values.phone && (await taken({ phone: values.phone }))) errors.push({ field: 'phone', message: TAKEN_MESSAGES.phone });
    if (values.email && (await taken({ email: values.email }))) errors.push({ field: 'email', message: TAKEN_MESSAGES.email });
    if (values.citizenIdHash && (await taken({ citizenIdHash: values.citizenIdHash }))) errors.push({ field: 'citizenId', message: TAKEN_MESSAGES.citizenId });
    if (errors.length) throw new AppException(409, ErrorCode.CONFLICT, 'Thông tin này đã được dùng cho tài khoản khác.', errors);
  }

  /** Two concurrent writes can both pass assertUnique; the unique index then decides, and we still answer 409 with the field. */
  private async withUniqueFields<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      const field = uniqueViolationField(e, UNIQUE_FIELDS) as keyof typeof UNIQUE_FIELDS | null;
      if (field) throw new AppException(409, ErrorCode.CONFLICT, 'Thông tin này đã được dùng cho tài khoản khác.', [{ field, message: TAKEN_MESSAGES[field] }]);
      throw e;
    }
  }
}
