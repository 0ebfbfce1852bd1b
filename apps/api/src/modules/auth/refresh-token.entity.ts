import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/**
 * A refresh token, stored as a SHA-256 hash. Each use rotates it: the old row is marked used and a
 * new one joins the same family. Presenting a used token again revokes the whole family (theft).
 */
@Entity('refresh_tokens')
export class RefreshToken extends UuidEntity {
  @Index('IDX_refresh_tokens_userId')
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Index('IDX_refresh_tokens_familyId')
  @Column({ type: 'varchar', length: 36 })
  familyId: string;

  @Index('UQ_refresh_tokens_tokenHash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
