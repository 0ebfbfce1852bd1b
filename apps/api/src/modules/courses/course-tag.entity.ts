import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from './course.entity';

/**
 * One tag of one course (`nq57`, `ky-nang-so-co-ban`): what plan targets such as "officials who
 * completed courses tagged X" select courses by. IDX_course_tags_tag_courseId answers "the courses
 * with tag X"; `position` keeps the order the author gave, which the catalog shows.
 */
@Entity('course_tags')
@Index('IDX_course_tags_tag_courseId', ['tag', 'courseId'])
export class CourseTag {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  courseId: string;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  tag: string;

  @Column({ type: 'int' })
  position: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId', foreignKeyConstraintName: 'FK_course_tags_courseId' })
  course?: Course;
}
