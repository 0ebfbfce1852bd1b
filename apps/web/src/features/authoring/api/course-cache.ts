import type { CourseDetail } from '@bdhv/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authoringQueryKeys } from './keys';

/** Every course write answers with the whole course: it replaces the cached copy as is. */
export function storeCourse(queryClient: QueryClient, course: CourseDetail): void {
  queryClient.setQueryData(authoringQueryKeys.course(course.id), course);
  // Titles, statuses and dates in "my courses" may have changed.
  void queryClient.invalidateQueries({ queryKey: authoringQueryKeys.courseLists() });
}

/** A mutation whose answer is the updated course. */
export function useCourseWrite<V>(mutationFn: (variables: V) => Promise<CourseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (course) => storeCourse(queryClient, course) });
}

export function courseApiPath(courseId: string, ...rest: string[]): string {
  return ['/courses', courseId, ...rest].map((part, index) => (index === 0 ? part : encodeURIComponent(part))).join('/');
}
