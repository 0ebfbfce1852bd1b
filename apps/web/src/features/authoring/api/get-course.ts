import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { courseApiPath } from './course-cache';
import { authoringQueryKeys } from './keys';

/** GET /api/courses/:id: the course with its modules and lessons, as its owners see it. */
export function getCourse(id: string, signal?: AbortSignal): Promise<CourseDetail> {
  return apiClient.get(courseApiPath(id), { schema: courseDetailSchema, signal });
}

export function getCourseQueryOptions(id: string) {
  return queryOptions({ queryKey: authoringQueryKeys.course(id), queryFn: ({ signal }) => getCourse(id, signal) });
}

export function useCourse(id: string) {
  return useQuery(getCourseQueryOptions(id));
}
