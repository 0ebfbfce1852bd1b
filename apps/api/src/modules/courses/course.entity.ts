import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import type { CourseStatus } from '@bdhv/contracts';
import { UuidEntity } from '../../database/uuid-entity';

/**
 * A course: metadata only. Its modules and lessons, and its tags and targets (course_tags,
 * course_target_audiences, course_target_units; see CourseTargetingService), live in their own tables.
 */
@Entity('courses')
export class Course extends UuidEntity {
  @Index('UQ_courses_slug', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  summary: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  coverImageKey: string | null;

  @Index('IDX_courses_category')
  @Column({ type: 'varchar', length: 100, default: '' })
  category: string;

  /** Estimated learning time in whole minutes (portable on every database, no decimals). */
  @Column({ type: 'int', nullable: true })
  estimatedMinutes: number | null;

  @Index('IDX_courses_status')
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CourseStatus;

  /** A lesson unlocks only when the previous one is complete. */
  @Column({ type: 'boolean', default: false })
  strictOrder: boolean;

  /** The creator; also present in course_owners with role 'owner'. */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  /** Folded title, category, tags and summary (no diacritics, lower case) for catalog search. */
  @Column({ type: 'varchar', length: 3000, default: '' })
  searchText: string;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  @Column({ type: 'datetime', nullable: true })
  publishedAt: Date | null;
}
