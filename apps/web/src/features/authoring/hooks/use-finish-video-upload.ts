import type { CourseDetail, MediaAsset } from '@bdhv/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { attachLessonMedia } from '../api/attach-lesson-media';
import { storeCourse } from '../api/course-cache';
import { getCourseQueryOptions } from '../api/get-course';
import { getMediaQueryOptions } from '../api/get-media';
import type { VideoUploadFinisher } from '../upload/video-upload-store';
import { authoringErrorMessage } from '../utils/errors';

/**
 * After the last byte: the server normally attached the video to the lesson itself (the lesson was
 * named when the upload was created). If it could not (checked on a fresh copy of the course), the
 * attach endpoint does it. Rejects with a message fit for the trainer when the video cannot be used.
 */
export function useFinishVideoUpload(courseId: string, lessonId: string): VideoUploadFinisher {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useCallback(
    async (mediaId: string) => {
      const explain = (error: unknown) => new Error(authoringErrorMessage(error, t), { cause: error });
      let media: MediaAsset;
      let course: CourseDetail;
      try {
        media = await queryClient.fetchQuery({ ...getMediaQueryOptions(mediaId), staleTime: 0 });
        course = await queryClient.fetchQuery({ ...getCourseQueryOptions(courseId), staleTime: 0 });
      } catch (error) {
        throw explain(error);
      }
      if (media.status === 'failed') throw new Error(media.error ?? t('authoring.video.failedBody'));
      const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonId);
      if (lesson && lesson.mediaId !== mediaId) {
        try {
          course = await attachLessonMedia({ courseId, lessonId, mediaId });
        } catch (error) {
          throw explain(error);
        }
      }
      storeCourse(queryClient, course);
    },
    [queryClient, courseId, lessonId, t],
  );
}
