import { assignmentListSchema, type AssignmentDto } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { authoringQueryKeys } from './keys';

/** While an assignment is enrolling learners, the list refreshes at this pace. */
export const ASSIGNMENT_POLL_INTERVAL_MS = 2_000;

export function isAssignmentActive(assignment: Pick<AssignmentDto, 'status'>): boolean {
  return assignment.status === 'queued' || assignment.status === 'running';
}

/** GET /api/courses/:courseId/assignments: newest first. */
export function listAssignments(courseId: string, signal?: AbortSignal): Promise<AssignmentDto[]> {
  return apiClient.get(`/courses/${encodeURIComponent(courseId)}/assignments`, { schema: assignmentListSchema, signal }).then((list) => list.items);
}

export function getAssignmentsQueryOptions(courseId: string) {
  return queryOptions({
    queryKey: authoringQueryKeys.assignments(courseId),
    queryFn: ({ signal }) => listAssignments(courseId, signal),
    refetchInterval: (query) => (query.state.data?.some(isAssignmentActive) ? ASSIGNMENT_POLL_INTERVAL_MS : false),
  });
}

export function useAssignments(courseId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getAssignmentsQueryOptions(courseId), enabled });
}
