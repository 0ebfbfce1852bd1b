import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, storeCourse } from './course-cache';
import { authoringQueryKeys } from './keys';

export interface ReorderModulesVariables {
  courseId: string;
  /** Every module id of the course, in the new order. */
  ids: string[];
}

/** PUT /api/courses/:id/modules/order. */
export function reorderModules({ courseId, ids }: ReorderModulesVariables): Promise<CourseDetail> {
  return apiClient.put(courseApiPath(courseId, 'modules', 'order'), { ids }, { schema: courseDetailSchema });
}

/** Moves the modules on screen at once; the server's answer (or the old order, on failure) follows. */
export function useReorderModules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reorderModules,
    onMutate: async ({ courseId, ids }) => {
      const key = authoringQueryKeys.course(courseId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CourseDetail>(key);
      if (previous) {
        const byId = new Map(previous.modules.map((m) => [m.id, m]));
        const modules = ids.flatMap((id, position) => {
          const found = byId.get(id);
          return found ? [{ ...found, position }] : [];
        });
        queryClient.setQueryData<CourseDetail>(key, { ...previous, modules });
      }
      return { previous };
    },
    onError: (_error, { courseId }, context) => {
      if (context?.previous) queryClient.setQueryData(authoringQueryKeys.course(courseId), context.previous);
    },
    onSuccess: (course) => storeCourse(queryClient, course),
  });
}
