import { Box, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { CourseDetail, LessonDetail } from '@bdhv/contracts';
import { IconFileText } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { useMedia } from '../api/get-media';
import { useUploadLessonAttachment } from '../api/upload-attachment';
import { authoringErrorMessage } from '../utils/errors';
import { ATTACHMENT_ACCEPT, checkAttachmentFile, type FileProblem } from '../utils/files';
import { formatBytes } from '../utils/format';
import { FileField } from './file-field';
import { UploadStatus } from './upload-status';
import classes from './authoring.module.css';

export interface AttachmentLessonPanelProps {
  course: CourseDetail;
  lesson: LessonDetail;
  readOnly: boolean;
}

/** An attachment lesson's document (PDF or office file): the current file and a picker that uploads and attaches at once. */
export function AttachmentLessonPanel({ course, lesson, readOnly }: AttachmentLessonPanelProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const upload = useUploadLessonAttachment();
  const media = useMedia(lesson.mediaId);
  const [problem, setProblem] = useState<FileProblem | null>(null);

  const handleFile = (file: File) => {
    const found = checkAttachmentFile(file);
    setProblem(found);
    if (found) return;
    upload.mutate({ courseId: course.id, lessonId: lesson.id, file });
  };

  return (
    <Box component="section" aria-labelledby={titleId}>
      <Title order={3} size="h4" id={titleId} mb="sm">
        {t('authoring.attachment.title')}
      </Title>
      <Stack gap="sm">
        {lesson.mediaId && media.data ? (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconFileText size={24} aria-hidden="true" />
            <div className={classes.wrap}>
              <Text fw={600}>{media.data.originalName}</Text>
              {media.data.sizeBytes !== null ? (
                <Text size="sm" c="dimmed">
                  {formatBytes(media.data.sizeBytes, i18n.language)}
                </Text>
              ) : null}
            </div>
          </Group>
        ) : lesson.mediaId && media.isPending ? (
          <Group gap="xs" role="status">
            <Loader size="xs" aria-hidden="true" />
            <Text size="sm">{t('authoring.attachment.loading')}</Text>
          </Group>
        ) : !lesson.mediaId ? (
          <Text c="dimmed">{t('authoring.attachment.none')}</Text>
        ) : null}
        {upload.isError ? <FormError title={t('authoring.attachment.failed')}>{authoringErrorMessage(upload.error, t)}</FormError> : null}
        {readOnly ? null : (
          <FileField
            label={lesson.mediaId ? t('authoring.attachment.replace') : t('authoring.attachment.choose')}
            description={t('authoring.attachment.hint')}
            error={problem ? t(`authoring.attachment.problems.${problem}`) : undefined}
            accept={ATTACHMENT_ACCEPT}
            disabled={upload.isPending}
            onFile={handleFile}
          />
        )}
        <UploadStatus pending={upload.isPending} done={upload.isSuccess} pendingLabel={t('authoring.attachment.uploading')} doneLabel={t('authoring.attachment.done')} />
      </Stack>
    </Box>
  );
}
