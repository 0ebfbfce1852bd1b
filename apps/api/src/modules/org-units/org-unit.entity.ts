import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';
import type { OrgUnitKind } from '@bdhv/contracts';

/** A node of the province's organisation tree (department, commune, press agency, ...). */
@Entity('org_units')
export class OrgUnit extends UuidEntity {
  @Index('UQ_org_units_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrgUnitKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parentId' })
  parent?: OrgUnit | null;

  /** Materialised path of ids (`/root/child/`), so a subtree is one indexed prefix query. */
  @Index('IDX_org_units_path')
  @Column({ type: 'varchar', length: 400 })
  path: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set when merged into another unit: it stays (inactive) so past figures remain attributable. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  mergedIntoId: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
