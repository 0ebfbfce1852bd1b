import type { CourseStatus, EnrolmentStatus } from '@bdhv/contracts';

export interface MyCoursesParams {
  page: number;
  pageSize: number;
  /** Title, summary, category or tags; the server ignores diacritics and case. */
  q?: string;
  status?: CourseStatus;
}

export interface CourseEnrolmentsParams {
  page: number;
  pageSize: number;
  status?: EnrolmentStatus;
}

// The feature's own root: authoring data is only shown here, nobody else invalidates it.
const root = ['authoring'] as const;

export const authoringQueryKeys = {
  all: root,
  courseLists: () => [...root, 'courses', 'list'] as const,
  courseList: (params: MyCoursesParams) => [...root, 'courses', 'list', params] as const,
  course: (id: string) => [...root, 'courses', 'detail', id] as const,
  media: (id: string) => [...root, 'media', id] as const,
  enrolmentLists: (courseId: string) => [...root, 'enrolments', courseId] as const,
  enrolments: (courseId: string, params: CourseEnrolmentsParams) => [...root, 'enrolments', courseId, params] as const,
  assignments: (courseId: string) => [...root, 'assignments', courseId] as const,
};
