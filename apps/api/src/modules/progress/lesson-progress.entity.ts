import { Column, Entity, Index, UpdateDateColumn } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/**
 * A learner's progress in one lesson (unique per user and lesson). For videos, `watchedRanges` are
 * the merged [start, end] second intervals actually played, so seeking to the end is not watching.
 */
@Entity('lesson_progress')
@Index('UQ_lesson_progress_user_lesson', ['userId', 'lessonId'], { unique: true })
export class LessonProgress extends UuidEntity {
  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 36 })
  lessonId: string;

  @Index('IDX_lesson_progress_enrolmentId')
  @Column({ type: 'varchar', length: 36 })
  enrolmentId: string;

  @Column({ type: 'varchar', length: 36 })
  courseId: string;

  @Column({ type: 'varchar', length: 16, default: 'in_progress' })
  status: 'in_progress' | 'completed';

  @Column({ type: 'simple-json', nullable: true })
  watchedRanges: [number, number][] | null;

  @Column({ type: 'int', default: 0 })
  watchedSeconds: number;

  /** Where to resume. */
  @Column({ type: 'int', default: 0 })
  lastPositionSeconds: number;

  @Column({ type: 'datetime', nullable: true })
  completedAt: Date | null;

  @UpdateDateColumn()
  updatedAt: Date;
}
