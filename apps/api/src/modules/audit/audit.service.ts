import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditAction } from '@bdhv/contracts';
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
}
