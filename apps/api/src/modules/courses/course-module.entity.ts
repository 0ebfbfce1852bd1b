import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';
import { Course } from './course.entity';

/** An ordered section of a course. */
@Entity('course_modules')
export class CourseModule extends UuidEntity {
  @Index('IDX_course_modules_courseId')
  @Column({ type: 'varchar', length: 36 })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId' })
  course?: Course;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  /** 0-based; rewritten as a whole by a reorder. */
  @Column({ type: 'int' })
  position: number;
}
