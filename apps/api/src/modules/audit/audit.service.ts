import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditAction, AuditEntry, AuditListQuery } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { User } from '../users/user.entity';
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
      .leftJoinAndMapOne('a.actor', User, 'actor', 'actor.id = a.actorId')
      .select(['a', 'actor.id', 'actor.fullName']);
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.targetId) qb.andWhere('a.targetId = :targetId', { targetId: query.targetId });
    if (query.from) qb.andWhere('a.at >= :from', { from: this.dbDate(query.from) });
    if (query.to) qb.andWhere('a.at <= :to', { to: this.dbDate(query.to) });
    qb.orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map((r) => {
        const actor = (r as AuditLog & { actor?: Pick<User, 'id' | 'fullName'> | null }).actor;
        return {
          id: r.id,
          at: r.at.toISOString(),
          actor: actor ? { id: actor.id, fullName: actor.fullName } : null,
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
