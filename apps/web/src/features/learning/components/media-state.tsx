import { Alert } from '@mantine/core';
import type { LearnerLesson } from '@bdhv/contracts';
import { IconAlertTriangle, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** What to say when a lesson's file cannot be shown yet (none attached, processing, failed); null when ready. */
export function MediaStateNotice({ media, kind }: { media: LearnerLesson['media']; kind: 'video' | 'attachment' }) {
  const { t } = useTranslation();
  const messageStyles = { message: { color: 'var(--mantine-color-gray-9)' }, title: { color: 'var(--mantine-color-gray-9)' } };
  if (!media) {
    return (
      <Alert variant="light" color="gray.8" icon={<IconAlertTriangle aria-hidden="true" />} styles={messageStyles}>
        {t(`learning.media.missing.${kind}`)}
      </Alert>
    );
  }
  if (media.status === 'failed') {
    return (
      <Alert variant="light" color="red.9" role="alert" title={t('learning.media.failedTitle')} icon={<IconAlertTriangle aria-hidden="true" />} styles={messageStyles}>
        {t(`learning.media.failed.${kind}`)}
      </Alert>
    );
  }
  if (media.status !== 'ready') {
    return (
      <Alert variant="light" color="blue.9" role="status" title={t('learning.media.processingTitle')} icon={<IconHourglass aria-hidden="true" />} styles={messageStyles}>
        {t(`learning.media.processing.${kind}`)}
      </Alert>
    );
  }
  return null;
}
