import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { LessonType } from '@bdhv/contracts';
import { UuidEntity } from '../../database/uuid-entity';
import { CourseModule } from './course-module.entity';

/** An ordered lesson of a module. `courseId` is denormalised so a course's lessons are one indexed query. */
@Entity('lessons')
export class Lesson extends UuidEntity {
  @Index('IDX_lessons_moduleId')
  @Column({ type: 'varchar', length: 36 })
  moduleId: string;

  @ManyToOne(() => CourseModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moduleId' })
  module?: CourseModule;

  @Index('IDX_lessons_courseId')
  @Column({ type: 'varchar', length: 36 })
  courseId: string;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  type: LessonType;

  @Column({ type: 'int' })
  position: number;

  /** Counts towards course completion. */
  @Column({ type: 'boolean', default: true })
  required: boolean;

  /** Text lessons: HTML, always sanitized on the server before it is stored. */
  @Column({ type: 'text', nullable: true })
  textHtml: string | null;

  /** Video lessons: the processed media (set by the media module). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  mediaId: string | null;

  /** Attachment lessons: storage key of the file (set by the upload flow). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  attachmentKey: string | null;

  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;
}
