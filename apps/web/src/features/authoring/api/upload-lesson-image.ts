import { courseImageSchema, type CourseImage } from '@bdhv/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { courseApiPath } from './course-cache';

/** Slow rural connections need longer than an ordinary request for a 2 MiB image. */
const IMAGE_UPLOAD_TIMEOUT_MS = 2 * 60_000;

export interface UploadLessonImageVariables {
  courseId: string;
  file: File;
}

/** POST /api/courses/:id/images (multipart field `file`): a picture for a text lesson; answers its public URL. */
export function uploadLessonImage({ courseId, file }: UploadLessonImageVariables): Promise<CourseImage> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiClient.post(courseApiPath(courseId, 'images'), body, { schema: courseImageSchema, timeoutMs: IMAGE_UPLOAD_TIMEOUT_MS });
}

/** Nothing cached changes: the picture only exists in the editor until the lesson is saved. */
export function useUploadLessonImage() {
  return useMutation({ mutationFn: uploadLessonImage });
}
