import { progressUpdateSchema, type ProgressUpdate } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { applyProgressUpdate } from './progress-cache';

/** POST /api/progress/lessons/:lessonId/complete: text lessons read to the end, attachments opened. Idempotent. */
export function completeLesson(lessonId: string): Promise<ProgressUpdate> {
  return apiClient.post(`/progress/lessons/${encodeURIComponent(lessonId)}/complete`, undefined, { schema: progressUpdateSchema });
}

export function useCompleteLesson(courseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeLesson,
    onSuccess: (update) => applyProgressUpdate(queryClient, courseId, update),
  });
}
