import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Audience } from '@bdhv/contracts';
import { Course } from './course.entity';

/**
 * An audience a course is meant for (none: every audience). Self-enrolment and the catalog's
 * audience filter read it; IDX_course_target_audiences_audience_courseId answers "the courses
 * for audience X".
 */
@Entity('course_target_audiences')
@Index('IDX_course_target_audiences_audience_courseId', ['audience', 'courseId'])
export class CourseTargetAudience {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  courseId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  audience: Audience;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId', foreignKeyConstraintName: 'FK_course_target_audiences_courseId' })
  course?: Course;
}
