import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/** A link between an account and an external identity (OpenID Connect issuer + subject). */
@Entity('user_identities')
@Index('UQ_user_identities_provider_subject', ['provider', 'subject'], { unique: true })
export class UserIdentity extends UuidEntity {
  @Index('IDX_user_identities_userId')
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** The issuer URL. */
  @Column({ type: 'varchar', length: 255 })
  provider: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @CreateDateColumn()
  createdAt: Date;
}
