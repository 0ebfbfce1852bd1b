import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CourseOwnerRole } from '@bdhv/contracts';
import { User } from '../users/user.entity';
import { Course } from './course.entity';

/** Who manages a course: one row per (course, trainer). "Manages" is one EXISTS over this table. */
@Entity('course_owners')
export class CourseOwner {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  courseId: string;

  @Index('IDX_course_owners_userId')
  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: CourseOwnerRole;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId' })
  course?: Course;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}
