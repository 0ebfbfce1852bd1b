import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface DeleteModuleVariables {
  courseId: string;
  moduleId: string;
}

/** DELETE /api/courses/:id/modules/:moduleId: the module and its lessons. */
export function deleteModule({ courseId, moduleId }: DeleteModuleVariables): Promise<CourseDetail> {
  return apiClient.delete(courseApiPath(courseId, 'modules', moduleId), { schema: courseDetailSchema });
}

export function useDeleteModule() {
  return useCourseWrite(deleteModule);
}
