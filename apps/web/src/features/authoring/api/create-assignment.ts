import { assignmentSchema, type AssignmentDto, type CreateAssignmentRequest } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { authoringQueryKeys } from './keys';

export interface CreateAssignmentVariables {
  courseId: string;
  body: CreateAssignmentRequest;
}

/**
 * POST /api/courses/:courseId/assignments (administrators and unit managers, published courses):
 * enrols the unit subtree's matching users in a queue job.
 */
export function createAssignment({ courseId, body }: CreateAssignmentVariables): Promise<AssignmentDto> {
  return apiClient.post(`/courses/${encodeURIComponent(courseId)}/assignments`, body, { schema: assignmentSchema });
}

export function useCreateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAssignment,
    onSuccess: async (_assignment, { courseId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: authoringQueryKeys.assignments(courseId) }),
        queryClient.invalidateQueries({ queryKey: authoringQueryKeys.enrolmentLists(courseId) }),
      ]);
    },
  });
}
