import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

/** POST /api/courses/:id/archive: hidden from the catalog and read-only. */
export function archiveCourse(courseId: string): Promise<CourseDetail> {
  return apiClient.post(courseApiPath(courseId, 'archive'), undefined, { schema: courseDetailSchema });
}

export function useArchiveCourse() {
  return useCourseWrite(archiveCourse);
}
