import { Alert, Box, Button, Group, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import type { CourseDetail, LessonDetail, MediaAsset } from '@bdhv/contracts';
import { IconAlertTriangle, IconPlayerPause, IconPlayerPlay, IconRefresh, IconUpload } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '@/components/ui/query-error';
import { StatusBadge } from '@/components/ui/status-badge';
import { useMedia } from '../api/get-media';
import { useFinishVideoUpload } from '../hooks/use-finish-video-upload';
import { useVideoUpload, type VideoUploadState } from '../upload/video-upload-store';
import { checkVideoFile, VIDEO_ACCEPT, type FileProblem } from '../utils/files';
import { formatBytes, formatDuration, formatRenditions, percentOf } from '../utils/format';
import { CaptionsField } from './captions-field';
import { FileField } from './file-field';
import classes from './authoring.module.css';

export interface VideoLessonPanelProps {
  course: CourseDetail;
  lesson: LessonDetail;
  readOnly: boolean;
}

/**
 * A video lesson's video: choose a file (the upload starts at once and survives a dropped
 * connection), follow the upload, then the server's processing until the video is ready.
 */
export function VideoLessonPanel({ course, lesson, readOnly }: VideoLessonPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const upload = useVideoUpload(lesson.id);
  const finish = useFinishVideoUpload(course.id, lesson.id);
  const [replacing, setReplacing] = useState(false);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const focusPicker = useRef(false);
  const showMedia = !upload.state && lesson.mediaId !== null && !replacing;
  const media = useMedia(showMedia ? lesson.mediaId : null);

  // "Upload again" replaces the status with the file picker: keyboard focus follows.
  useEffect(() => {
    if (!focusPicker.current || !fileRef.current) return;
    fileRef.current.focus();
    focusPicker.current = false;
  });

  const chooseFile = (file: File) => {
    const found = checkVideoFile(file);
    setProblem(found);
    if (found) return;
    setReplacing(false);
    upload.start(file, finish);
  };

  const pickAgain = () => {
    upload.dismiss();
    setReplacing(true);
    focusPicker.current = true;
  };

  let body;
  if (upload.state) {
    body = <UploadProgress state={upload.state} onPause={upload.pause} onResume={upload.resume} onPickAgain={pickAgain} />;
  } else if (showMedia) {
    body = media.isPending ? (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t('authoring.video.loading')}</Text>
      </Group>
    ) : media.isError ? (
      <QueryError title={t('authoring.video.loadError')} error={media.error} onRetry={() => void media.refetch()} retrying={media.isFetching} />
    ) : (
      <MediaStatus media={media.data} readOnly={readOnly} onUploadAgain={pickAgain} />
    );
  } else if (readOnly) {
    body = <Text c="dimmed">{t('authoring.video.none')}</Text>;
  } else {
    body = (
      <Stack gap="sm">
        <FileField
          inputRef={fileRef}
          label={t('authoring.video.choose')}
          description={t('authoring.video.chooseHint')}
          error={problem ? t(`authoring.video.problems.${problem}`) : undefined}
          accept={VIDEO_ACCEPT}
          onFile={chooseFile}
        />
        {replacing && lesson.mediaId ? (
          <Group>
            <Button variant="default" onClick={() => setReplacing(false)}>
              {t('authoring.video.keepCurrent')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    );
  }

  return (
    <Box component="section" aria-labelledby={titleId}>
      <Title order={3} size="h4" id={titleId} mb="sm">
        {t('authoring.video.title')}
      </Title>
      {body}
    </Box>
  );
}

interface UploadProgressProps {
  state: VideoUploadState;
  onPause: () => void;
  onResume: () => void;
  onPickAgain: () => void;
}

export function UploadProgress({ state, onPause, onResume, onPickAgain }: UploadProgressProps) {
  const { t, i18n } = useTranslation();
  const percent = state.phase === 'finishing' ? 100 : percentOf(state.bytesUploaded, state.bytesTotal);
  const amounts = t('authoring.video.amounts', {
    uploaded: formatBytes(state.bytesUploaded, i18n.language),
    total: formatBytes(state.bytesTotal, i18n.language),
    percent,
  });
  const error = state.error;
  const canContinue = error?.kind === 'network';
  const message = !error
    ? null
    : error.kind === 'network'
      ? t('authoring.video.errors.network')
      : error.kind === 'auth'
        ? t('authoring.video.errors.auth')
        : (error.serverMessage ?? t('authoring.video.errors.rejected'));

  return (
    <Stack gap="sm">
      <Text fw={600} className={classes.wrap}>
        {state.fileName}
      </Text>
      {/* Announced when the phase changes, not on every byte count. */}
      <Text role="status" size="sm">
        {t(`authoring.video.phase.${state.phase}`)}
        {state.resumed && state.phase === 'uploading' ? ` ${t('authoring.video.resumed')}` : ''}
      </Text>
      {state.phase !== 'error' || canContinue ? (
        <>
          <Progress.Root
            size="xl"
            radius="md"
            role="progressbar"
            aria-label={t('authoring.video.uploadProgress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={amounts}
          >
            <Progress.Section
              value={percent}
              withAria={false}
              color={state.phase === 'error' ? 'red.9' : 'blue.9'}
              striped={state.phase === 'uploading' || state.phase === 'finishing'}
              animated={state.phase === 'uploading' || state.phase === 'finishing'}
            />
          </Progress.Root>
          <Text size="sm">{amounts}</Text>
        </>
      ) : null}
      {message ? (
        <Alert color="red.9" variant="light" role="alert" title={t('authoring.video.errors.title')} icon={<IconAlertTriangle aria-hidden="true" />} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
          <Text size="sm" c="gray.9">
            {message}
          </Text>
        </Alert>
      ) : null}
      <Group gap="sm">
        {state.phase === 'uploading' ? (
          <Button variant="default" leftSection={<IconPlayerPause size={18} aria-hidden="true" />} onClick={onPause}>
            {t('authoring.video.pause')}
          </Button>
        ) : null}
        {state.phase === 'paused' || canContinue ? (
          <Button leftSection={<IconPlayerPlay size={18} aria-hidden="true" />} onClick={onResume}>
            {t('authoring.video.resume')}
          </Button>
        ) : null}
        {state.phase === 'error' ? (
          <Button variant={canContinue ? 'default' : 'filled'} leftSection={<IconUpload size={18} aria-hidden="true" />} onClick={onPickAgain}>
            {canContinue ? t('authoring.video.chooseOther') : t('authoring.video.uploadAgain')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

interface MediaStatusProps {
  media: MediaAsset;
  readOnly: boolean;
  onUploadAgain: () => void;
}

/** What processing made of the video: progress, the ready video's facts, or why it failed. */
export function MediaStatus({ media, readOnly, onUploadAgain }: MediaStatusProps) {
  const { t, i18n } = useTranslation();
  const statusLabel = t(`authoring.video.status.${media.status}`);
  const tone = media.status === 'ready' ? 'success' : media.status === 'failed' ? 'danger' : 'neutral';

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap">
        <div role="status">
          <StatusBadge tone={tone}>{statusLabel}</StatusBadge>
        </div>
        <Text size="sm" className={classes.wrap}>
          {media.originalName}
        </Text>
      </Group>

      {media.status === 'processing' ? (
        <>
          <Progress.Root
            size="xl"
            radius="md"
            role="progressbar"
            aria-label={t('authoring.video.processingProgress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={media.progress}
            aria-valuetext={`${media.progress}%`}
          >
            <Progress.Section value={media.progress} withAria={false} color="blue.9" striped animated />
          </Progress.Root>
          <Text size="sm">{t('authoring.video.processingHint', { percent: media.progress })}</Text>
        </>
      ) : null}

      {media.status === 'uploading' ? <Text size="sm">{t('authoring.video.stillUploading')}</Text> : null}

      {media.status === 'ready' ? (
        <Group align="flex-start" gap="lg" wrap="wrap">
          {media.posterUrl ? <img src={media.posterUrl} alt={t('authoring.video.posterAlt')} className={classes.poster} /> : null}
          <Box component="dl" className={`${classes.details} ${classes.facts}`}>
            <div>
              <dt>{t('authoring.video.duration')}</dt>
              <dd>{media.durationSeconds !== null ? formatDuration(media.durationSeconds) : t('authoring.video.unknown')}</dd>
            </div>
            <div>
              <dt>{t('authoring.video.renditions')}</dt>
              <dd>{media.renditions?.length ? formatRenditions(media.renditions) : t('authoring.video.unknown')}</dd>
            </div>
            <div>
              <dt>{t('authoring.video.size')}</dt>
              <dd>{media.sizeBytes !== null ? formatBytes(media.sizeBytes, i18n.language) : t('authoring.video.unknown')}</dd>
            </div>
            <div>
              <dt>{t('authoring.video.captions')}</dt>
              <dd>{media.hasCaptions ? t('authoring.video.hasCaptions') : t('authoring.video.noCaptions')}</dd>
            </div>
          </Box>
        </Group>
      ) : null}

      {media.status === 'failed' ? (
        <Alert color="red.9" variant="light" role="alert" title={t('authoring.video.failedTitle')} icon={<IconAlertTriangle aria-hidden="true" />} styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}>
          <Text size="sm" c="gray.9">
            {media.error ?? t('authoring.video.failedBody')}
          </Text>
        </Alert>
      ) : null}

      {readOnly ? null : (
        <>
          {media.status === 'ready' ? <CaptionsField media={media} /> : null}
          <Group gap="sm">
            {media.status === 'failed' || media.status === 'uploading' ? (
              <Button leftSection={<IconUpload size={18} aria-hidden="true" />} onClick={onUploadAgain}>
                {t('authoring.video.uploadAgain')}
              </Button>
            ) : media.status === 'ready' ? (
              <Button variant="default" leftSection={<IconRefresh size={18} aria-hidden="true" />} onClick={onUploadAgain}>
                {t('authoring.video.replace')}
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </Stack>
  );
}
