import { enrolmentSchema, type EnrolmentDto } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';
import { setCachedEnrolment } from './progress-cache';

/** POST /api/courses/:courseId/enrol: self-enrolment (idempotent: 201 new, 200 existing). */
export function enrol(courseId: string): Promise<EnrolmentDto> {
  return apiClient.post(`/courses/${encodeURIComponent(courseId)}/enrol`, undefined, { schema: enrolmentSchema });
}

export function useEnrol() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enrol,
    onSuccess: async (enrolment) => {
      // Show the learner's state at once; the refetch below confirms it.
      setCachedEnrolment(queryClient, enrolment.courseId, {
        status: enrolment.status === 'completed' ? 'completed' : 'active',
        progressPercent: enrolment.progressPercent,
        dueAt: enrolment.dueAt,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: learningQueryKeys.courses() }),
        queryClient.invalidateQueries({ queryKey: learningQueryKeys.progress(enrolment.courseId) }),
        queryClient.invalidateQueries({ queryKey: learningQueryKeys.myLearning() }),
      ]);
    },
  });
}

/** DELETE /api/courses/:courseId/enrol: leaves the course (204). */
export async function unenrol(courseId: string): Promise<void> {
  await apiClient.delete(`/courses/${encodeURIComponent(courseId)}/enrol`);
}

export function useUnenrol() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unenrol,
    onSuccess: async (_result, courseId) => {
      setCachedEnrolment(queryClient, courseId, null);
      // Not refetched: the API answers 404 for the progress of a course one is not enrolled in.
      queryClient.removeQueries({ queryKey: learningQueryKeys.progress(courseId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: learningQueryKeys.courses() }),
        queryClient.invalidateQueries({ queryKey: learningQueryKeys.myLearning() }),
      ]);
    },
  });
}
