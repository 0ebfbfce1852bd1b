import { courseEnrolmentListSchema, type CourseEnrolmentRow } from '@bdhv/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { authoringQueryKeys, type CourseEnrolmentsParams } from './keys';

export interface CourseEnrolmentPage {
  items: CourseEnrolmentRow[];
  page: number;
  pageSize: number;
  total: number;
}

/** GET /api/courses/:courseId/enrolments: learners and their progress (a unit manager sees their subtree). */
export function listCourseEnrolments(courseId: string, params: CourseEnrolmentsParams, signal?: AbortSignal): Promise<CourseEnrolmentPage> {
  return apiClient.get(`/courses/${encodeURIComponent(courseId)}/enrolments`, { query: { ...params }, schema: courseEnrolmentListSchema, signal });
}

export function getCourseEnrolmentsQueryOptions(courseId: string, params: CourseEnrolmentsParams) {
  return queryOptions({
    queryKey: authoringQueryKeys.enrolments(courseId, params),
    queryFn: ({ signal }) => listCourseEnrolments(courseId, params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCourseEnrolments(courseId: string, params: CourseEnrolmentsParams) {
  return useQuery(getCourseEnrolmentsQueryOptions(courseId, params));
}
