import { AuditLog } from './modules/audit/audit-log.entity';
import { PasswordResetToken } from './modules/auth/password-reset-token.entity';
import { RefreshToken } from './modules/auth/refresh-token.entity';
import { UserIdentity } from './modules/users/user-identity.entity';
import { QueueProbe } from './modules/diagnostics/queue-probe.entity';
import { CourseModule } from './modules/courses/course-module.entity';
import { CourseOwner } from './modules/courses/course-owner.entity';
import { Course } from './modules/courses/course.entity';
import { Lesson } from './modules/courses/lesson.entity';
import { CourseAssignment } from './modules/enrolments/course-assignment.entity';
import { Enrolment } from './modules/enrolments/enrolment.entity';
import { ImportJob } from './modules/imports/import-job.entity';
import { ImportRejection } from './modules/imports/import-rejection.entity';
import { MediaAsset } from './modules/media/media-asset.entity';
import { OrgUnit } from './modules/org-units/org-unit.entity';
import { LessonProgress } from './modules/progress/lesson-progress.entity';
import { User } from './modules/users/user.entity';
import { OutboxEvent } from './queue/outbox-event.entity';
import { UserAudience } from './modules/users/user-audience.entity';
import { UserRole } from './modules/users/user-role.entity';
import { CourseTag } from './modules/courses/course-tag.entity';
import { CourseTargetAudience } from './modules/courses/course-target-audience.entity';
import { CourseTargetUnit } from './modules/courses/course-target-unit.entity';
import { AssignmentAudience } from './modules/enrolments/assignment-audience.entity';

import type { AppConfig } from './config/config';
import { buildDataSourceOptions, createDataSource } from './database/data-source';

/** Every entity, registered explicitly so the API, the worker and the CLI load the same schema. */
export const entities = [
  OrgUnit, User, UserRole, UserAudience, QueueProbe, RefreshToken, PasswordResetToken, UserIdentity, AuditLog, ImportJob, ImportRejection, Course, CourseOwner, CourseModule, Lesson,
  CourseTag, CourseTargetAudience, CourseTargetUnit, MediaAsset, Enrolment, CourseAssignment, AssignmentAudience, LessonProgress, OutboxEvent,
];

/** The data source over every entity: the API, the worker, the CLI, the tests and the benchmarks use this. */
export function appDataSourceOptions(config: Pick<AppConfig, 'database'>) {
  return buildDataSourceOptions(config, entities);
}

export function createAppDataSource(config: Pick<AppConfig, 'database'>) {
  return createDataSource(config, entities);
}
