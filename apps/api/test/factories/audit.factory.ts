import { randomUUID } from 'node:crypto';
import type { AuditAction } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { AuditDetails, AuditLog } from '../../src/modules/audit/audit-log.entity';

export interface AuditOverrides {
  action: AuditAction;
  at: Date;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  summary?: string;
  details?: AuditDetails | null;
}

/** An audit entry at a chosen time (entries made through the API all carry "now"). */
export async function createAuditEntry(ds: DataSource, o: AuditOverrides): Promise<AuditLog> {
  const entry = ds.getRepository(AuditLog).create({
    id: randomUUID(),
    at: o.at,
    actorId: o.actorId ?? null,
    action: o.action,
    targetType: o.targetType ?? null,
    targetId: o.targetId ?? null,
    summary: o.summary ?? `Mục nhật ký ${o.action}`,
    ip: '10.0.0.1',
    details: o.details ?? null,
  });
  await ds.getRepository(AuditLog).insert(entry);
  return entry;
}
