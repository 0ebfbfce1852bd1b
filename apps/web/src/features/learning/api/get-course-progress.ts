import { courseProgressSchema, type CourseProgress } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';

/** GET /api/progress/courses/:courseId: the caller's progress (404 when not enrolled). */
export function getCourseProgress(courseId: string, signal?: AbortSignal): Promise<CourseProgress> {
  return apiClient.get(`/progress/courses/${encodeURIComponent(courseId)}`, { schema: courseProgressSchema, signal });
}

export function getCourseProgressQueryOptions(courseId: string) {
  return queryOptions({ queryKey: learningQueryKeys.progress(courseId), queryFn: ({ signal }) => getCourseProgress(courseId, signal) });
}

/**
 * Only asks when the caller is enrolled (`enabled`): the API answers 404 otherwise, and a failed
 * request shows up as an error in the browser console.
 */
export function useCourseProgress(courseId: string | undefined, enabled: boolean) {
  return useQuery({ ...getCourseProgressQueryOptions(courseId ?? ''), enabled: enabled && Boolean(courseId) });
}
