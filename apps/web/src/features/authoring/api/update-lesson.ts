import { courseDetailSchema, type CourseDetail, type UpdateLessonRequest } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface UpdateLessonVariables {
  courseId: string;
  lessonId: string;
  body: UpdateLessonRequest;
}

/** PATCH /api/courses/:id/lessons/:lessonId: title, required, text (sanitized by the server). */
export function updateLesson({ courseId, lessonId, body }: UpdateLessonVariables): Promise<CourseDetail> {
  return apiClient.patch(courseApiPath(courseId, 'lessons', lessonId), body, { schema: courseDetailSchema });
}

export function useUpdateLesson() {
  return useCourseWrite(updateLesson);
}
