import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/** A bulk import of officials: the uploaded file, its progress and its outcome. */
@Entity('import_jobs')
export class ImportJob extends UuidEntity {
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Where the uploaded file is kept (relative to the storage root). */
  @Column({ type: 'varchar', length: 500 })
  storageKey: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'queued' | 'running' | 'completed' | 'failed';

  @Column({ type: 'int', default: 0 })
  totalRows: number;

  @Column({ type: 'int', default: 0 })
  processedRows: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  updated: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Index('IDX_import_jobs_createdById')
  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Index('IDX_import_jobs_createdAt')
  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  finishedAt: Date | null;
}
