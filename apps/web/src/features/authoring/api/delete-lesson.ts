import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface DeleteLessonVariables {
  courseId: string;
  lessonId: string;
}

/** DELETE /api/courses/:id/lessons/:lessonId. */
export function deleteLesson({ courseId, lessonId }: DeleteLessonVariables): Promise<CourseDetail> {
  return apiClient.delete(courseApiPath(courseId, 'lessons', lessonId), { schema: courseDetailSchema });
}

export function useDeleteLesson() {
  return useCourseWrite(deleteLesson);
}
