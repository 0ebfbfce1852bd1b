import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Audience } from '@bdhv/contracts';
import { CourseAssignment } from './course-assignment.entity';

/** An audience a course assignment is limited to (none: every audience of the unit subtree). */
@Entity('assignment_audiences')
export class AssignmentAudience {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  assignmentId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  audience: Audience;

  @ManyToOne(() => CourseAssignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignmentId', foreignKeyConstraintName: 'FK_assignment_audiences_assignmentId' })
  assignment?: CourseAssignment;
}
