import { courseDetailSchema, type CourseDetail } from '@bdhv/contracts';
import { apiClient } from '@/lib/api-client';
import { courseApiPath, useCourseWrite } from './course-cache';

/** Slow rural connections need longer than an ordinary request for a 2 MiB image. */
const COVER_UPLOAD_TIMEOUT_MS = 2 * 60_000;

export interface UploadCourseCoverVariables {
  courseId: string;
  file: File;
}

/** POST /api/courses/:id/cover (multipart field `file`): JPEG, PNG or WebP, replaces the current cover. */
export function uploadCourseCover({ courseId, file }: UploadCourseCoverVariables): Promise<CourseDetail> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiClient.post(courseApiPath(courseId, 'cover'), body, { schema: courseDetailSchema, timeoutMs: COVER_UPLOAD_TIMEOUT_MS });
}

export function useUploadCourseCover() {
  return useCourseWrite(uploadCourseCover);
}
