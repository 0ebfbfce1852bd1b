import { Alert, Text } from '@mantine/core';
import { IconCircleCheckFilled, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './learning.module.css';

/** "Đã hoàn thành", announced when it replaces the completion button. */
export function CompletedNote() {
  const { t } = useTranslation();
  return (
    <Text fw={600} className={classes.statusCompleted} role="status">
      <IconCircleCheckFilled size={18} aria-hidden="true" style={{ verticalAlign: '-3px' }} /> {t('learning.status.completed')}
    </Text>
  );
}

/** In a preview nothing is recorded; says so where a learner would act. */
export function PreviewNote() {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="blue.9" icon={<IconEye aria-hidden="true" />} styles={{ message: { color: 'var(--mantine-color-gray-9)' } }}>
      {t('learning.preview.noProgress')}
    </Alert>
  );
}
