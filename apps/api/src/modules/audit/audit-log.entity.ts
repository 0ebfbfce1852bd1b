import { Column, Entity, Index } from 'typeorm';
import type { AuditAction } from '@bdhv/contracts';
import { UuidEntity } from '../../database/uuid-entity';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/** Who did what, to what, when and from where. Append-only. */
@Entity('audit_logs')
export class AuditLog extends UuidEntity {
  /** Millisecond precision, so entries of the same second keep their order. */
  @Index('IDX_audit_logs_at')
  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Index('IDX_audit_logs_actorId')
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Index('IDX_audit_logs_action')
  @Column({ type: 'varchar', length: 64 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Index('IDX_audit_logs_targetId')
  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'simple-json', nullable: true })
  details: AuditDetails | null;
}
