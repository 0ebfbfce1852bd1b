import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';

/** GET /api/courses/:id: the trainer's view of a course (drafts too), for the learner preview. */
export function getCoursePreview(courseId: string, signal?: AbortSignal): Promise<CourseDetail> {
  return apiClient.get(`/courses/${encodeURIComponent(courseId)}`, { schema: courseDetailSchema, signal });
}

export function getCoursePreviewQueryOptions(courseId: string) {
  return queryOptions({ queryKey: learningQueryKeys.preview(courseId), queryFn: ({ signal }) => getCoursePreview(courseId, signal) });
}

export function useCoursePreview(courseId: string) {
  return useQuery(getCoursePreviewQueryOptions(courseId));
}
