import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditAction, AuditEntry, AuditListQuery } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditDetails, AuditLog } from './audit-log.entity';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  summary: string;
  ip?: string | null;
  details?: AuditDetails | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  /** Pass the transaction's manager so that the entry commits (or rolls back) with the change it records. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditLog) : this.logs;
    await repo.insert(
      repo.create({
      id: randomUUID(),
      at: new Date(),
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      summary: entry.summary.slice(0, 500),
      ip: entry.ip ?? null,
      details: entry.details ?? null,
      }),
    );
  }

  /** A page of entries, newest first, each with its actor's name (joined in the same query). */
  async list(query: AuditListQuery): Promise<{ items: AuditEntry[]; page: number; pageSize: number; total: number }> {
    const qb = this.logs
      .createQueryBuilder('a')
      // The actor's name is read from the users table by name: every domain writes audit entries, so
      // audit sits below users in the domain order and does not import their entity.
      .leftJoin('users', 'actor', 'actor.id = a.actorId')
      .select('a')
      .addSelect('actor.fullName', 'actorName');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.targetId) qb.andWhere('a.targetId = :targetId', { targetId: query.targetId });
    if (query.from) qb.andWhere('a.at >= :from', { from: this.dbDate(query.from) });
    if (query.to) qb.andWhere('a.at <= :to', { to: this.dbDate(query.to) });
    qb.orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [{ entities: rows, raw }, total] = await Promise.all([qb.getRawAndEntities<{ a_id: string; actorName: string | null }>(), qb.getCount()]);
    const actorNames = new Map(raw.map((r) => [r.a_id, r.actorName]));
    return {
      items: rows.map((r) => {
        const actorName = actorNames.get(r.id) ?? null;
        return {
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actorId && actorName !== null ? { id: r.actorId, fullName: actorName } : null,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          summary: r.summary,
          ip: r.ip,
          details: r.details,
        };
      }),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** A timestamp in the form the `at` column stores it (SQLite keeps UTC text; MySQL binds a Date). */
  private dbDate(isoString: string): unknown {
    const column = this.logs.metadata.findColumnWithPropertyName('at')!;
    return this.logs.manager.connection.driver.preparePersistentValue(new Date(isoString), column);
  }
}
