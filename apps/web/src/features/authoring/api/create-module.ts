import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface CreateModuleVariables {
  courseId: string;
  title: string;
}

/** POST /api/courses/:id/modules: appended after the last module. */
export function createModule({ courseId, title }: CreateModuleVariables): Promise<CourseDetail> {
  return apiClient.post(courseApiPath(courseId, 'modules'), { title }, { schema: courseDetailSchema });
}

export function useCreateModule() {
  return useCourseWrite(createModule);
}
