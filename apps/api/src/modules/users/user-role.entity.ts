import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Role } from '@bdhv/contracts';
import { User } from './user.entity';

/**
 * One role of one user. The primary key (userId, role) answers "the roles of user Y" (every
 * request's caller state); IDX_user_roles_role_userId answers "the users holding role X".
 */
@Entity('user_roles')
@Index('IDX_user_roles_role_userId', ['role', 'userId'])
export class UserRole {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  role: Role;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_user_roles_userId' })
  user?: User;
}
