import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

/**
 * POST /api/courses/:id/publish. A course that is not ready answers 400 with one field error per
 * problem (`modules.1.lessons.0.mediaId`, …).
 */
export function publishCourse(courseId: string): Promise<CourseDetail> {
  return apiClient.post(courseApiPath(courseId, 'publish'), undefined, { schema: courseDetailSchema });
}

export function usePublishCourse() {
  return useCourseWrite(publishCourse);
}
