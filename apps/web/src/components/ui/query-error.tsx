import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { getErrorMessage, getErrorRequestId } from '@/lib/error-message';
import { RefreshButton } from './refresh-button';

export interface QueryErrorProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed load: what failed, why (in the user's language), the request id, and a retry. */
export function QueryError({ title, error, onRetry, retrying = false }: QueryErrorProps) {
  const { t } = useTranslation();
  const requestId = getErrorRequestId(error);
  return (
    <Alert
      color="red.9"
      variant="light"
      title={title}
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
      {onRetry ? (
        <RefreshButton mt="sm" color="red.9" onClick={onRetry} busy={retrying}>
          {t('common.retry')}
        </RefreshButton>
      ) : null}
    </Alert>
  );
}
