import { Column, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/** One rejected row of an import: its number in the file (header = row 1), why, and what it said. */
@Entity('import_rejections')
@Index('UQ_import_rejections_import_row', ['importId', 'rowNumber'], { unique: true })
export class ImportRejection extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  importId: string;

  @Column({ type: 'int' })
  rowNumber: number;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'simple-json' })
  data: Record<string, string>;
}
