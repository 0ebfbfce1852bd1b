import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, storeCourse } from './course-cache';
import { authoringQueryKeys } from './keys';

export interface ReorderLessonsVariables {
  courseId: string;
  moduleId: string;
  /** Every lesson id of the module, in the new order. */
  ids: string[];
}

/** PUT /api/courses/:id/modules/:moduleId/lessons/order. */
export function reorderLessons({ courseId, moduleId, ids }: ReorderLessonsVariables): Promise<CourseDetail> {
  return apiClient.put(courseApiPath(courseId, 'modules', moduleId, 'lessons', 'order'), { ids }, { schema: courseDetailSchema });
}

/** Moves the lessons on screen at once; the server's answer (or the old order, on failure) follows. */
export function useReorderLessons() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reorderLessons,
    onMutate: async ({ courseId, moduleId, ids }) => {
      const key = authoringQueryKeys.course(courseId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CourseDetail>(key);
      if (previous) {
        const modules = previous.modules.map((m) => {
          if (m.id !== moduleId) return m;
          const byId = new Map(m.lessons.map((l) => [l.id, l]));
          const lessons = ids.flatMap((id, position) => {
            const found = byId.get(id);
            return found ? [{ ...found, position }] : [];
          });
          return { ...m, lessons };
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
