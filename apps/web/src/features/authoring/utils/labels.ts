import { audienceSchema, courseStatusSchema, enrolmentStatusSchema, lessonTypeSchema, type Audience, type CourseStatus, type EnrolmentStatus, type LessonType } from '@bdhv/contracts';
import type { TFunction } from 'i18next';

export const allCourseStatuses: readonly CourseStatus[] = courseStatusSchema.options;
export const allLessonTypes: readonly LessonType[] = lessonTypeSchema.options;
export const allAudiences: readonly Audience[] = audienceSchema.options;
export const allEnrolmentStatuses: readonly EnrolmentStatus[] = enrolmentStatusSchema.options;

export function isCourseStatus(value: string | null): value is CourseStatus {
  return value !== null && (allCourseStatuses as readonly string[]).includes(value);
}

export function isLessonType(value: string | null): value is LessonType {
  return value !== null && (allLessonTypes as readonly string[]).includes(value);
}

export function isEnrolmentStatus(value: string | null): value is EnrolmentStatus {
  return value !== null && (allEnrolmentStatuses as readonly string[]).includes(value);
}

export const courseStatusOptions = (t: TFunction) => allCourseStatuses.map((status) => ({ value: status, label: t(`authoring.status.${status}`) }));
export const lessonTypeOptions = (t: TFunction) => allLessonTypes.map((type) => ({ value: type, label: t(`authoring.lessonTypes.${type}`) }));
export const enrolmentStatusOptions = (t: TFunction) => allEnrolmentStatuses.map((status) => ({ value: status, label: t(`authoring.enrolmentStatus.${status}`) }));
