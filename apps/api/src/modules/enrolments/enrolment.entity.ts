import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

export type EnrolmentSource = 'self' | 'assignment';
export type EnrolmentStatus = 'active' | 'completed' | 'withdrawn';

/**
 * One learner in one course (unique). `orgUnitId` is the learner's unit when they enrolled, so
 * figures stay attributable after moves and merges. Progress is denormalised here for dashboards.
 */
@Entity('enrolments')
@Index('UQ_enrolments_user_course', ['userId', 'courseId'], { unique: true })
export class Enrolment extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Index('IDX_enrolments_courseId')
  @Column({ type: 'varchar', length: 36 })
  courseId: string;

  @Index('IDX_enrolments_orgUnitId')
  @Column({ type: 'varchar', length: 36 })
  orgUnitId: string;

  @Column({ type: 'varchar', length: 16 })
  source: EnrolmentSource;

  @Column({ type: 'varchar', length: 36, nullable: true })
  assignmentId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: EnrolmentStatus;

  @Column({ type: 'datetime', nullable: true })
  dueAt: Date | null;

  /** Required lessons completed / required lessons, 0–100. */
  @Column({ type: 'int', default: 0 })
  progressPercent: number;

  @Column({ type: 'int', default: 0 })
  completedLessons: number;

  /** Set once, when the last required lesson is completed. */
  @Index('IDX_enrolments_completedAt')
  @Column({ type: 'datetime', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastActivityAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
