import { Column, Entity, Index } from 'typeorm';
import { UuidEntity } from '../database/uuid-entity';

/**
 * A domain event written in the same transaction as the change that causes it (architecture rule
 * 15), waiting to be relayed to the queue. A relay claims a row for a short lease (claimToken,
 * claimedUntil) so that relays in several processes never relay it together; a relayed row is kept
 * OUTBOX_RETENTION_DAYS, then purged.
 */
@Entity('outbox_events')
// The relay's claim (relayedAt IS NULL AND availableAt <= now) and the purge (relayedAt < cutoff) both use it.
@Index('IDX_outbox_events_pending', ['relayedAt', 'availableAt'])
export class OutboxEvent extends UuidEntity {
  /** An EventName (queue/job-map.ts). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The payload as JSON. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  /** Not relayed before this time (a delivery planned for later, e.g. a deadline). */
  @Column({ type: 'datetime', precision: 3 })
  availableAt: Date;

  /** The relay pass holding the row, until claimedUntil; null when nobody does. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedUntil: Date | null;

  /** Relay attempts that failed (the queue was unreachable), with the last error: for operators. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  relayedAt: Date | null;
}
