import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { useCourseWrite } from './course-cache';

export interface AttachLessonMediaVariables {
  courseId: string;
  lessonId: string;
  mediaId: string;
}

/** POST /api/courses/:courseId/lessons/:lessonId/media: a video for a video lesson, a file for an attachment lesson. */
export function attachLessonMedia({ courseId, lessonId, mediaId }: AttachLessonMediaVariables): Promise<CourseDetail> {
  const path = `/courses/${encodeURIComponent(courseId)}/lessons/${encodeURIComponent(lessonId)}/media`;
  return apiClient.post(path, { mediaId }, { schema: courseDetailSchema });
}

export function useAttachLessonMedia() {
  return useCourseWrite(attachLessonMedia);
}
