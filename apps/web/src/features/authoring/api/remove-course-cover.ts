import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

/** DELETE /api/courses/:id/cover. */
export function removeCourseCover(courseId: string): Promise<CourseDetail> {
  return apiClient.delete(courseApiPath(courseId, 'cover'), { schema: courseDetailSchema });
}

export function useRemoveCourseCover() {
  return useCourseWrite(removeCourseCover);
}
