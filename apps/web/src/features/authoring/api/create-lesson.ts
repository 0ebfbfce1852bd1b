import { courseDetailSchema, type CourseDetail, type CreateLessonRequest } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface CreateLessonVariables {
  courseId: string;
  moduleId: string;
  body: CreateLessonRequest;
}

/** POST /api/courses/:id/modules/:moduleId/lessons: appended after the module's last lesson. */
export function createLesson({ courseId, moduleId, body }: CreateLessonVariables): Promise<CourseDetail> {
  return apiClient.post(courseApiPath(courseId, 'modules', moduleId, 'lessons'), body, { schema: courseDetailSchema });
}

export function useCreateLesson() {
  return useCourseWrite(createLesson);
}
