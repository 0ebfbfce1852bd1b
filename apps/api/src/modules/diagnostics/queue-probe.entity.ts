import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Written by the `diagnostics.probe` job. Operators (and the integration tests) enqueue a probe
 * and watch it land to prove that the queue, its worker and the database work together.
 */
@Entity('queue_probes')
export class QueueProbe {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** How many attempts the job needed (retries included). */
  @Column({ type: 'int' })
  attempts: number;

  /** Which process handled it, e.g. `api` or `worker`. */
  @Column({ type: 'varchar', length: 32 })
  handledBy: string;

  @Column({ type: 'datetime' })
  completedAt: Date;
}
