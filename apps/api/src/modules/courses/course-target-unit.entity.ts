import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Course } from './course.entity';

/**
 * A unit whose subtree a course is meant for (none: the whole province). Units are never deleted
 * (merged units stay, inactive), so the reference is kept by a foreign key.
 * IDX_course_target_units_orgUnitId_courseId answers "the courses meant for unit X".
 */
@Entity('course_target_units')
@Index('IDX_course_target_units_orgUnitId_courseId', ['orgUnitId', 'courseId'])
export class CourseTargetUnit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  courseId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'courseId', foreignKeyConstraintName: 'FK_course_target_units_courseId' })
  course?: Course;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'orgUnitId', foreignKeyConstraintName: 'FK_course_target_units_orgUnitId' })
  orgUnit?: OrgUnit;
}
