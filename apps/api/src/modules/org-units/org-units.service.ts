import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateOrgUnitRequest, ErrorCode, OrgUnitDto, UpdateOrgUnitRequest } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { AuditService } from '../audit/audit.service';
import type { ClientContext } from '../../common/request-context';
import { uniqueViolationField } from '../../database/sql';
import { OrgUnit } from './org-unit.entity';
import { LIKE_ESCAPE, sqlConcat, startsWithPattern, supportsRowLocks } from '../../database/sql';
import { AccessPolicy } from '../../common/access/access-policy';
import { CallerStateService } from '../../common/access/caller-state.service';

/** The `path` column is varchar(400): each level takes 37 characters, so about ten levels fit. */
const MAX_PATH_LENGTH = 400;

const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function toDto(unit: OrgUnit, userCount: number): OrgUnitDto {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    // Boolean(): MySQL hands back tinyint.
    active: Boolean(unit.active),
    mergedIntoId: unit.mergedIntoId,
    userCount,
  };
}

function isDescendantOrSelf(candidate: OrgUnit, ancestor: OrgUnit): boolean {
  return candidate.path.startsWith(ancestor.path);
}

@Injectable()
export class OrgUnitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly callers: CallerStateService,
  ) {}

  /** Active communes and wards, in Vietnamese alphabetical order (for the registration form). */
  async communes(): Promise<{ id: string; code: string; name: string }[]> {
    const rows = await this.db.getRepository(OrgUnit).find({ select: { id: true, code: true, name: true }, where: { kind: 'commune', active: true } });
    return rows.map((u) => ({ id: u.id, code: u.code, name: u.name })).sort((a, b) => viCollator.compare(a.name, b.name));
  }

  /**
   * The units the caller may see, flat, each parent before its children and siblings by name (the
   * order of a tree read top to bottom). User counts come from one grouped query.
   */
  async list(caller: AuthUser): Promise<OrgUnitDto[]> {
    const scope = this.access.unitScopeCondition(caller, 'ou.path');
    const unitsQuery = this.db.getRepository(OrgUnit).createQueryBuilder('ou');
    // Members are counted from the users table by name: units sit below users in the domain order
    // (a user belongs to a unit), so this module reads users' rows without importing their entity.
    const countQuery = this.db
      .createQueryBuilder()
      .from('users', 'u')
      .select('u.orgUnitId', 'orgUnitId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('u.orgUnitId');
    if (scope) {
      unitsQuery.where(scope.sql, scope.params);
      countQuery.innerJoin('org_units', 'ou', 'ou.id = u.orgUnitId').where(scope.sql, scope.params);
    }
    const [units, counts] = await Promise.all([unitsQuery.getMany(), countQuery.getRawMany<{ orgUnitId: string; count: string | number }>()]);
    const countByUnit = new Map(counts.map((c) => [c.orgUnitId, Number(c.count)]));
    return treeOrder(units).map((u) => toDto(u, countByUnit.get(u.id) ?? 0));
  }

  async create(caller: AuthUser, dto: CreateOrgUnitRequest, ctx: ClientContext): Promise<OrgUnitDto> {
    try {
      const unit = await this.db.transaction(async (em) => {
        const units = em.getRepository(OrgUnit);
        const parent = await units.findOneBy({ id: dto.parentId });
        if (!parent) throw AppException.validation([{ field: 'parentId', message: 'Đơn vị cấp trên không tồn tại.' }]);
        if (!parent.active) throw AppException.validation([{ field: 'parentId', message: 'Đơn vị cấp trên đã ngừng hoạt động.' }]);
        if (await units.existsBy({ code: dto.code })) throw this.codeTaken();
        const id = randomUUID();
        const path = `${parent.path}${id}/`;
        if (path.length > MAX_PATH_LENGTH) throw AppException.validation([{ field: 'parentId', message: 'Cây đơn vị đã quá nhiều cấp.' }]);
        const created = units.create({ id, code: dto.code, name: dto.name, kind: dto.kind, parentId: parent.id, path, active: true, mergedIntoId: null });
        await units.insert(created);
        await this.audit.record(
          {
            actorId: caller.id,
            action: 'org_unit.created',
            targetType: 'org_unit',
            targetId: id,
            summary: `Tạo đơn vị ${dto.name} (${dto.code}) thuộc ${parent.name}`,
            ip: ctx.ip,
            details: { code: dto.code, name: dto.name, kind: dto.kind, parentId: parent.id },
          },
          em,
        );
        return created;
      });
      return this.dtoOf(unit.id);
    } catch (e) {
      if (uniqueViolationField(e, { code: { index: 'UQ_org_units_code', column: 'org_units.code' } })) throw this.codeTaken();
      throw e;
    }
  }

  /** Rename, change kind, (de)activate. The province root stays active; a merged unit stays inactive. */
  async update(caller: AuthUser, id: string, dto: UpdateOrgUnitRequest, ctx: ClientContext): Promise<OrgUnitDto> {
    await this.db.transaction(async (em) => {
      const units = em.getRepository(OrgUnit);
      const unit = await units.findOneBy({ id });
      if (!unit) throw AppException.notFound('Không tìm thấy đơn vị.');
      const isRoot = unit.parentId === null;
      if (isRoot && dto.active === false) {
        throw AppException.validation([{ field: 'active', message: 'Không thể ngừng hoạt động đơn vị cấp tỉnh.' }]);
      }
      if (isRoot && dto.kind !== undefined && dto.kind !== unit.kind) {
        throw AppException.validation([{ field: 'kind', message: 'Không thể đổi loại của đơn vị cấp tỉnh.' }]);
      }
      if (unit.mergedIntoId && dto.active === true) {
        throw AppException.validation([{ field: 'active', message: 'Đơn vị đã được sáp nhập, không thể hoạt động lại.' }]);
      }
      const changes: Partial<Pick<OrgUnit, 'name' | 'kind' | 'active'>> = {};
      if (dto.name !== undefined && dto.name !== unit.name) changes.name = dto.name;
      if (dto.kind !== undefined && dto.kind !== unit.kind) changes.kind = dto.kind;
      if (dto.active !== undefined && dto.active !== Boolean(unit.active)) changes.active = dto.active;
      if (Object.keys(changes).length === 0) return;
      await units.update(unit.id, changes);
      const fields = Object.keys(changes) as (keyof typeof changes)[];
      const diff: Record<string, string | boolean> = {};
      for (const key of fields) {
        diff[`${key}Before`] = key === 'active' ? Boolean(unit.active) : unit[key];
        diff[`${key}After`] = changes[key]!;
      }
      await this.audit.record(
        {
          actorId: caller.id,
          action: 'org_unit.updated',
          targetType: 'org_unit',
          targetId: unit.id,
          summary: `Cập nhật đơn vị ${unit.name} (${unit.code})`,
          ip: ctx.ip,
          details: { fields, ...diff },
        },
        em,
      );
    });
    return this.dtoOf(id);
  }

  /**
   * Moves a unit and its whole subtree under a new parent: one UPDATE rewrites every path in the
   * subtree, in the same transaction as the parent change. Users keep their unit ids.
   */
  async move(caller: AuthUser, id: string, parentId: string, ctx: ClientContext): Promise<OrgUnitDto> {
    const affected = await this.db.transaction(async (em): Promise<string[]> => {
      const { [id]: unit, [parentId]: parent } = await this.lockUnits(em, [id, parentId]);
      if (!unit) throw AppException.notFound('Không tìm thấy đơn vị.');
      if (unit.parentId === null) throw new AppException(400, ErrorCode.ORG_UNIT_ROOT, 'Không thể chuyển đơn vị cấp tỉnh.');
      if (!parent) throw AppException.validation([{ field: 'parentId', message: 'Đơn vị cấp trên không tồn tại.' }]);
      if (isDescendantOrSelf(parent, unit)) {
        throw AppException.validation([{ field: 'parentId', message: 'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.' }]);
      }
      if (!parent.active) throw AppException.validation([{ field: 'parentId', message: 'Đơn vị cấp trên đã ngừng hoạt động.' }]);
      if (unit.parentId === parent.id) return [];
      const newPath = `${parent.path}${unit.id}/`;
      const moved = await this.rewriteSubtreePaths(em, unit.path, newPath, null, 'parentId');
      const fromParent = unit.parentId ? await em.getRepository(OrgUnit).findOneBy({ id: unit.parentId }) : null;
      await em.getRepository(OrgUnit).update(unit.id, { parentId: parent.id });
      await this.audit.record(
        {
          actorId: caller.id,
          action: 'org_unit.moved',
          targetType: 'org_unit',
          targetId: unit.id,
          summary: `Chuyển đơn vị ${unit.name} từ ${fromParent?.name ?? '—'} sang ${parent.name}`,
          ip: ctx.ip,
          details: { fromParentId: unit.parentId, toParentId: parent.id, unitsUpdated: moved },
        },
        em,
      );
      return this.membersUnder(em, newPath);
    });
    // Members' unit paths changed: the access policy must see the new ones.
    await this.callers.invalidate(affected);
    return this.dtoOf(id);
  }

  /**
   * Merges a unit into another: its users and child units move to the target; the source stays,
   * inactive and pointing at the target, so figures recorded against it remain attributable.
   */
  async merge(caller: AuthUser, id: string, targetId: string, ctx: ClientContext): Promise<OrgUnitDto> {
    const affected = await this.db.transaction(async (em): Promise<string[]> => {
      const { [id]: source, [targetId]: target } = await this.lockUnits(em, [id, targetId]);
      if (!source) throw AppException.notFound('Không tìm thấy đơn vị.');
      if (source.parentId === null) throw new AppException(400, ErrorCode.ORG_UNIT_ROOT, 'Không thể sáp nhập đơn vị cấp tỉnh.');
      if (source.mergedIntoId) throw new AppException(409, ErrorCode.ORG_UNIT_MERGED, 'Đơn vị này đã được sáp nhập trước đó.');
      if (!target) throw AppException.validation([{ field: 'targetId', message: 'Đơn vị nhận sáp nhập không tồn tại.' }]);
      if (isDescendantOrSelf(target, source)) {
        throw AppException.validation([{ field: 'targetId', message: 'Không thể sáp nhập một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.' }]);
      }
      if (!target.active) throw AppException.validation([{ field: 'targetId', message: 'Đơn vị nhận sáp nhập đã ngừng hoạt động.' }]);

      const units = em.getRepository(OrgUnit);
      const childCount = await units.countBy({ parentId: source.id });
      // Descendants: /…/source/child/… becomes /…/target/child/…; the source row keeps its own path.
      const unitsMoved = await this.rewriteSubtreePaths(em, source.path, target.path, source.id, 'targetId');
      await units.update({ parentId: source.id }, { parentId: target.id });
      // A merge re-homes the source's members in the same transaction (users table by name, see list()).
      const usersMoved = (await em.createQueryBuilder().update('users').set({ orgUnitId: target.id }).where('orgUnitId = :id', { id: source.id }).execute()).affected ?? 0;
      await units.update(source.id, { active: false, mergedIntoId: target.id });
      // Units merged into the source earlier now point at its successor too, so mergedIntoId always
      // names a unit that still exists (the audit log keeps the chain).
      await units.update({ mergedIntoId: source.id }, { mergedIntoId: target.id });
      await this.audit.record(
        {
          actorId: caller.id,
          action: 'org_unit.merged',
          targetType: 'org_unit',
          targetId: source.id,
          summary: `Sáp nhập đơn vị ${source.name} vào ${target.name}: ${usersMoved} người dùng, ${childCount} đơn vị trực thuộc`,
          ip: ctx.ip,
          details: { targetId: target.id, usersMoved, childUnitsMoved: childCount, unitsRepathed: unitsMoved },
        },
        em,
      );
      return this.membersUnder(em, target.path);
    });
    // The source's members and its subtree's members now sit under the target.
    await this.callers.invalidate(affected);
    return this.dtoOf(id);
  }

  /** Ids of the users whose unit lies under `path` (read by table name, see list()). */
  private async membersUnder(em: EntityManager, path: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT u.id AS id FROM users u INNER JOIN org_units ou ON ou.id = u.orgUnitId WHERE ou.path LIKE ? ${LIKE_ESCAPE}`, [
      startsWithPattern(path),
    ]);
    return rows.map((r) => r.id);
  }

  /** One unit with its user count. */
  private async dtoOf(id: string): Promise<OrgUnitDto> {
    const unit = await this.db.getRepository(OrgUnit).findOneByOrFail({ id });
    const [row] = await this.db.query('SELECT COUNT(*) AS n FROM users WHERE orgUnitId = ?', [id]);
    return toDto(unit, Number(row.n));
  }

  /**
   * Reads the units by id; on MySQL/MariaDB also locks them (in id order, so two concurrent moves
   * cannot deadlock on each other) so that two crossing moves cannot build a cycle.
   */
  private async lockUnits(em: EntityManager, ids: string[]): Promise<Record<string, OrgUnit | undefined>> {
    const query = em
      .getRepository(OrgUnit)
      .createQueryBuilder('ou')
      .where('ou.id IN (:...ids)', { ids: [...new Set(ids)] })
      .orderBy('ou.id');
    if (supportsRowLocks(em)) query.setLock('pessimistic_write');
    const rows = await query.getMany();
    return Object.fromEntries(rows.map((r) => [r.id, r]));
  }

  /**
   * Replaces the prefix `from` with `to` in the path of every unit under `from` (optionally except
   * one unit), in a single UPDATE. Refuses when the deepest path would no longer fit the column.
   */
  private async rewriteSubtreePaths(em: EntityManager, from: string, to: string, exceptId: string | null, field: string): Promise<number> {
    const pattern = startsWithPattern(from);
    const deepest = await em
      .getRepository(OrgUnit)
      .createQueryBuilder('ou')
      .select('MAX(LENGTH(ou.path))', 'len')
      .where(`ou.path LIKE :pattern ${LIKE_ESCAPE}`, { pattern })
      .getRawOne<{ len: number | string | null }>();
    if (Number(deepest?.len ?? 0) - from.length + to.length > MAX_PATH_LENGTH) {
      throw AppException.validation([{ field, message: 'Cây đơn vị sẽ có quá nhiều cấp.' }]);
    }
    const update = em
      .createQueryBuilder()
      .update(OrgUnit)
      // SUBSTR is 1-based: keep everything after the old prefix.
      .set({ path: () => sqlConcat(em, ':to', 'SUBSTR(path, :start)') })
      .where(`path LIKE :pattern ${LIKE_ESCAPE}`, { pattern })
      .setParameters({ to, start: from.length + 1 });
    if (exceptId) update.andWhere('id <> :exceptId', { exceptId });
    const result = await update.execute();
    return result.affected ?? 0;
  }

  private codeTaken() {
    return new AppException(409, ErrorCode.CONFLICT, 'Mã đơn vị đã được dùng.', [{ field: 'code', message: 'Mã đơn vị này đã được dùng cho đơn vị khác.' }]);
  }
}

/** Parents before children, siblings in Vietnamese alphabetical order; units whose parent is not visible start the list. */
function treeOrder(units: OrgUnit[]): OrgUnit[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = children.get(key) ?? [];
    list.push(u);
    children.set(key, list);
  }
  const byName = (a: OrgUnit, b: OrgUnit) => viCollator.compare(a.name, b.name) || a.code.localeCompare(b.code);
  const out: OrgUnit[] = [];
  const visit = (parentId: string | null) => {
    for (const u of (children.get(parentId) ?? []).sort(byName)) {
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return out;
}
