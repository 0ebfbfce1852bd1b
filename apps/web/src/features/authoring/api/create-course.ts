import { courseDetailSchema, type CourseDetail, type CreateCourseRequest } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { storeCourse } from './course-cache';

/** POST /api/courses: a new draft owned by the caller. */
export function createCourse(body: CreateCourseRequest): Promise<CourseDetail> {
  return apiClient.post('/courses', body, { schema: courseDetailSchema });
}

export function useCreateCourse() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createCourse, onSuccess: (course) => storeCourse(queryClient, course) });
}
