import { mediaAssetSchema, type CourseDetail, type MediaAsset } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { attachLessonMedia } from './attach-lesson-media';
import { storeCourse } from './course-cache';
import { authoringQueryKeys } from './keys';

/** Large documents on slow rural connections need longer than an ordinary request. */
const ATTACHMENT_UPLOAD_TIMEOUT_MS = 5 * 60_000;

export interface UploadAttachmentVariables {
  courseId: string;
  lessonId: string;
  file: File;
}

/** POST /api/media/attachments?courseId= (multipart field `file`): a PDF or office document. */
export function uploadAttachment({ courseId, file }: Omit<UploadAttachmentVariables, 'lessonId'>): Promise<MediaAsset> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiClient.post('/media/attachments', body, { query: { courseId }, schema: mediaAssetSchema, timeoutMs: ATTACHMENT_UPLOAD_TIMEOUT_MS });
}

/** Uploads the file, then makes it the attachment lesson's file. */
export async function uploadLessonAttachment(variables: UploadAttachmentVariables): Promise<{ media: MediaAsset; course: CourseDetail }> {
  const media = await uploadAttachment(variables);
  const course = await attachLessonMedia({ courseId: variables.courseId, lessonId: variables.lessonId, mediaId: media.id });
  return { media, course };
}

export function useUploadLessonAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadLessonAttachment,
    onSuccess: ({ media, course }) => {
      queryClient.setQueryData(authoringQueryKeys.media(media.id), media);
      storeCourse(queryClient, course);
    },
  });
}
