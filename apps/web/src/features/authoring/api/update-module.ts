import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface UpdateModuleVariables {
  courseId: string;
  moduleId: string;
  title: string;
}

/** PATCH /api/courses/:id/modules/:moduleId: renames a module. */
export function updateModule({ courseId, moduleId, title }: UpdateModuleVariables): Promise<CourseDetail> {
  return apiClient.patch(courseApiPath(courseId, 'modules', moduleId), { title }, { schema: courseDetailSchema });
}

export function useUpdateModule() {
  return useCourseWrite(updateModule);
}
