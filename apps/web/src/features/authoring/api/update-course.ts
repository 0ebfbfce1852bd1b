import { courseDetailSchema, type CourseDetail, type UpdateCourseRequest } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

export interface UpdateCourseVariables {
  courseId: string;
  body: UpdateCourseRequest;
}

/** PATCH /api/courses/:id: title, slug (drafts only), summary, category, tags, audiences, time, order. */
export function updateCourse({ courseId, body }: UpdateCourseVariables): Promise<CourseDetail> {
  return apiClient.patch(courseApiPath(courseId), body, { schema: courseDetailSchema });
}

export function useUpdateCourse() {
  return useCourseWrite(updateCourse);
}
