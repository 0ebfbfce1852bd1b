import { learnerLessonSchema, type LearnerLesson } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';

/** While a lesson's video is being processed, look again this often. */
export const PROCESSING_POLL_MS = 15_000;

/**
 * GET /api/learn/lessons/:lessonId: the lesson's content for an enrolled learner (403 when not
 * enrolled or locked by strict order), or a preview for the course's managers.
 */
export function getLearnerLesson(lessonId: string, signal?: AbortSignal): Promise<LearnerLesson> {
  return apiClient.get(`/learn/lessons/${encodeURIComponent(lessonId)}`, { schema: learnerLessonSchema, signal });
}

export function getLearnerLessonQueryOptions(lessonId: string) {
  return queryOptions({
    queryKey: learningQueryKeys.lesson(lessonId),
    queryFn: ({ signal }) => getLearnerLesson(lessonId, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.media?.status;
      return status === 'processing' || status === 'uploading' ? PROCESSING_POLL_MS : false;
    },
  });
}

export function useLearnerLesson(lessonId: string, enabled = true) {
  return useQuery({ ...getLearnerLessonQueryOptions(lessonId), enabled: enabled && Boolean(lessonId) });
}
