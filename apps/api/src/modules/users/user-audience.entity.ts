import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Audience } from '@bdhv/contracts';
import { User } from './user.entity';

/**
 * One audience (resident, official, communications staff, …) of one user: what course targeting,
 * assignments and the plan's percentages count by. The primary key (userId, audience) answers "the
 * audiences of user Y"; IDX_user_audiences_audience_userId answers "every user of audience X" in
 * user id order (assignment expansion, statistics by audience).
 */
@Entity('user_audiences')
@Index('IDX_user_audiences_audience_userId', ['audience', 'userId'])
export class UserAudience {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  audience: Audience;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'FK_user_audiences_userId' })
  user?: User;
}
