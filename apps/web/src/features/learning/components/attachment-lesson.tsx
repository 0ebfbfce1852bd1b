import { Button, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { LearnerLesson } from '@bdhv/contracts';
import { IconExternalLink, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/ui/form-error';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useCompleteLesson } from '../api/complete-lesson';
import { useMediaPlayback } from '../api/get-media-playback';
import { learningErrorMessage } from '../utils/errors';
import { formatFileSize } from '../utils/format';
import { CompletedNote, PreviewNote } from './lesson-notes';
import { MediaStateNotice } from './media-state';

export interface AttachmentLessonProps {
  lesson: LearnerLesson;
  preview: boolean;
  completed: boolean;
}

/** A document to open; opening it completes the lesson. */
export function AttachmentLesson({ lesson, preview, completed }: AttachmentLessonProps) {
  const { t, i18n } = useTranslation();
  const media = lesson.media;
  const ready = media?.status === 'ready';
  const playback = useMediaPlayback(media?.id, ready);
  const complete = useCompleteLesson(lesson.courseId);
  const done = completed || complete.isSuccess;

  if (!media || !ready) return <MediaStateNotice media={media} kind="attachment" />;

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconPaperclip size={24} aria-hidden="true" style={{ flexShrink: 0 }} />
          <div style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {media.originalName}
            </Text>
            <Text size="sm" c="dimmed">
              {[media.mime, media.sizeBytes !== null ? formatFileSize(media.sizeBytes, i18n.language) : null].filter(Boolean).join(' · ')}
            </Text>
          </div>
        </Group>
      </Paper>
      {playback.isPending ? (
        <PageLoader label={t('learning.attachment.loading')} />
      ) : playback.isError ? (
        <QueryError title={t('learning.attachment.loadError')} error={playback.error} onRetry={() => void playback.refetch()} retrying={playback.isFetching} />
      ) : playback.data.fileUrl ? (
        <Group>
          <Button
            component="a"
            href={playback.data.fileUrl}
            target="_blank"
            rel="noopener noreferrer"
            leftSection={<IconExternalLink size={18} aria-hidden="true" />}
            onClick={() => {
              if (!preview && !done && !complete.isPending) complete.mutate(lesson.id);
            }}
          >
            {t('learning.attachment.open')}
            <VisuallyHidden>{t('learning.attachment.newTab')}</VisuallyHidden>
          </Button>
        </Group>
      ) : (
        <MediaStateNotice media={null} kind="attachment" />
      )}
      {complete.isError ? <FormError>{learningErrorMessage(complete.error, t, i18n.language)}</FormError> : null}
      {preview ? <PreviewNote /> : done ? <CompletedNote /> : <Text size="sm">{t('learning.attachment.hint')}</Text>}
    </Stack>
  );
}
