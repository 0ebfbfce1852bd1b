import { courseListSchema, type CourseList } from '@bdhv/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { authoringQueryKeys, type MyCoursesParams } from './keys';

/** GET /api/courses: the courses the caller owns or co-owns (all of them for administrators). */
export function listMyCourses(params: MyCoursesParams, signal?: AbortSignal): Promise<CourseList> {
  return apiClient.get('/courses', { query: { ...params }, schema: courseListSchema, signal });
}

export function getMyCoursesQueryOptions(params: MyCoursesParams) {
  return queryOptions({
    queryKey: authoringQueryKeys.courseList(params),
    queryFn: ({ signal }) => listMyCourses(params, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function useMyCourses(params: MyCoursesParams) {
  return useQuery(getMyCoursesQueryOptions(params));
}
