import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/** One-time password reset token (SHA-256 hash stored), valid for a short time. */
@Entity('password_reset_tokens')
export class PasswordResetToken extends UuidEntity {
  @Index('IDX_password_reset_tokens_userId')
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Index('UQ_password_reset_tokens_tokenHash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null;

  /** The administrator who forced the reset; null when the user asked for it. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  requestedById: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
