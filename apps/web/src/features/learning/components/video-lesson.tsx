import { Button, Group, Stack, Text } from '@mantine/core';
import type { LearnerLesson } from '@bdhv/contracts';
import { IconPlayerSkipBack } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useMediaPlayback } from '../api/get-media-playback';
import { applyProgressUpdate } from '../api/progress-cache';
import { shouldResume, useResumePosition } from '../hooks/use-resume-position';
import { useWatchHeartbeats } from '../hooks/use-watch-heartbeats';
import { formatClock } from '../utils/format';
import type { PlayerLike } from '../utils/player';
import { CompletedNote, PreviewNote } from './lesson-notes';
import { MediaStateNotice } from './media-state';
import { QualitySelect } from './quality-select';
import classes from './learning.module.css';

// video.js is large; it loads only when a video lesson is opened.
const VideoPlayer = lazy(() => import('./video-player'));

export interface VideoLessonProps {
  lesson: LearnerLesson;
  preview: boolean;
  completed: boolean;
  /** Where the learner stopped last time (seconds); read once when the lesson opens. */
  lastPosition: number;
}

/** A video lesson: the player in a region named after the lesson, resume, quality choice, and progress heartbeats. */
export function VideoLesson({ lesson, preview, completed, lastPosition }: VideoLessonProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const media = lesson.media;
  const ready = media?.status === 'ready';
  const playback = useMediaPlayback(media?.id, ready);
  const [player, setPlayer] = useState<PlayerLike | null>(null);
  const duration = lesson.durationSeconds ?? media?.durationSeconds ?? null;
  // Fixed when the lesson opens: later heartbeats move the saved position, not this one.
  const [resumeAt] = useState(() => (!preview && shouldResume(lastPosition, duration) ? Math.floor(lastPosition) : 0));
  const [restarted, setRestarted] = useState(false);

  const onUpdate = useCallback(
    (update: Parameters<typeof applyProgressUpdate>[2]) => void applyProgressUpdate(queryClient, lesson.courseId, update),
    [queryClient, lesson.courseId],
  );
  useWatchHeartbeats(player, { lessonId: lesson.id, enabled: !preview, onUpdate });
  useResumePosition(player, resumeAt);

  const restart = () => {
    player?.currentTime(0);
    setRestarted(true);
  };

  return (
    <section aria-label={lesson.title}>
      <Stack gap="md">
        {!ready ? (
          <MediaStateNotice media={media} kind="video" />
        ) : playback.isPending ? (
          <PageLoader label={t('learning.video.loading')} />
        ) : playback.isError ? (
          <QueryError title={t('learning.video.loadError')} error={playback.error} onRetry={() => void playback.refetch()} retrying={playback.isFetching} />
        ) : playback.data.hlsUrl || playback.data.mp4Url ? (
          <Suspense fallback={<PageLoader label={t('learning.video.loading')} />}>
            <VideoPlayer
              hlsUrl={playback.data.hlsUrl}
              mp4Url={playback.data.mp4Url}
              posterUrl={playback.data.posterUrl}
              captionsUrl={playback.data.captionsUrl}
              captionsLabel={t('learning.video.captionsVi')}
              language={i18n.language === 'en' ? 'en' : 'vi'}
              onPlayer={setPlayer}
            />
          </Suspense>
        ) : (
          <MediaStateNotice media={{ ...media, status: 'failed' }} kind="video" />
        )}

        {ready && resumeAt > 0 && !restarted ? (
          <Group gap="sm" className={classes.resume}>
            <Text fw={600}>{t('learning.video.resumeFrom', { time: formatClock(resumeAt) })}</Text>
            <Button variant="default" size="compact-md" leftSection={<IconPlayerSkipBack size={16} aria-hidden="true" />} onClick={restart} disabled={!player}>
              {t('learning.video.restart')}
            </Button>
          </Group>
        ) : null}

        {ready ? <QualitySelect player={player} /> : null}

        {preview ? <PreviewNote /> : completed ? <CompletedNote /> : ready ? <Text size="sm">{t('learning.video.completionRule')}</Text> : null}
      </Stack>
    </section>
  );
}
