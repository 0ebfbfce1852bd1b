import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';
import { OrgUnit } from '../org-units/org-unit.entity';

/** An account. Its roles and audiences are rows of user_roles and user_audiences (see UserStore). */
@Entity('users')
export class User extends UuidEntity {
  @Column({ type: 'varchar', length: 255 })
  fullName: string;

  /** Normalised to +84… form; unique when present. */
  @Index('UQ_users_phone', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  email: string | null;

  /** argon2id hash; null for accounts that only sign in through single sign-on. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Index('IDX_users_orgUnitId')
  @Column({ type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'orgUnitId' })
  orgUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'disabled';

  /** Folded name, phone and email (no diacritics, lower case): search that ignores accents on any database. */
  @Column({ type: 'varchar', length: 600, default: '' })
  searchText: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  position: string | null;

  /** Citizen ID, AES-256-GCM encrypted; never returned, only its last 4 digits. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  citizenIdCipher: string | null;

  /** Keyed HMAC of the citizen ID, to match imports without decrypting. */
  @Index('UQ_users_citizenIdHash', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  citizenIdHash: string | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  citizenIdLast4: string | null;

  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
