import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { courseApiPath } from './course-cache';
import { authoringQueryKeys } from './keys';

/** DELETE /api/courses/:id: drafts only (a published course is archived instead). */
export async function deleteCourse(courseId: string): Promise<void> {
  await apiClient.delete(courseApiPath(courseId));
}

export function useDeleteCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCourse,
    // The editor leaves the page on success; its cached copy is dropped once nobody shows it.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: authoringQueryKeys.courseLists() }),
  });
}
