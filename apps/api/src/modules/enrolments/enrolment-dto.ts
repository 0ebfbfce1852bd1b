import type { EnrolmentDto } from '@bdhv/contracts';
import { isoOrNull } from '../../database/dates';
import type { Enrolment } from './enrolment.entity';

export function toEnrolmentDto(e: Enrolment): EnrolmentDto {
  return {
    id: e.id,
    courseId: e.courseId,
    userId: e.userId,
    orgUnitId: e.orgUnitId,
    source: e.source,
    status: e.status,
    dueAt: isoOrNull(e.dueAt),
    progressPercent: e.progressPercent,
    completedLessons: e.completedLessons,
    completedAt: isoOrNull(e.completedAt),
    lastActivityAt: isoOrNull(e.lastActivityAt),
    createdAt: isoOrNull(e.createdAt)!,
  };
}
