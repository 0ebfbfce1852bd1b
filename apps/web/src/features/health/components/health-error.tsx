import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RefreshButton } from '@/components/ui/refresh-button';
import { getErrorMessage, getErrorRequestId } from '@/lib/error-message';

export interface HealthErrorProps {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}

export function HealthError({ error, onRetry, retrying }: HealthErrorProps) {
  const { t } = useTranslation();
  const requestId = getErrorRequestId(error);
  return (
    <Alert
      color="red.9"
      variant="light"
      title={t('health.loadError')}
      icon={<IconAlertTriangle aria-hidden="true" />}
      role="alert"
      styles={{ title: { color: 'var(--mantine-color-gray-9)' } }}
    >
      <Text size="sm" c="gray.9">
        {getErrorMessage(error, t)}
      </Text>
      {requestId ? (
        <Text size="sm" c="gray.9" mt={4}>
          {t('errorPage.requestId', { requestId })}
        </Text>
      ) : null}
      <RefreshButton mt="sm" color="red.9" onClick={onRetry} busy={retrying}>
        {t('common.retry')}
      </RefreshButton>
    </Alert>
  );
}
