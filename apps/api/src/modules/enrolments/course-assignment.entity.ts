import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../database/uuid-entity';

/**
 * A course assigned to a unit subtree, optionally limited to audiences (assignment_audiences rows),
 * with a due date; expanded into enrolments by a job.
 */
@Entity('course_assignments')
export class CourseAssignment extends UuidEntity {
  @Index('IDX_course_assignments_courseId')
  @Column({ type: 'varchar', length: 36 })
  courseId: string;

  /** Root of the unit subtree it applies to. */
  @Column({ type: 'varchar', length: 36 })
  orgUnitId: string;

  @Column({ type: 'datetime', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: 'queued' | 'running' | 'completed' | 'failed';

  @Column({ type: 'int', default: 0 })
  enrolled: number;

  @CreateDateColumn()
  createdAt: Date;
}
