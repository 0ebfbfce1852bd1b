import { Button, Container, Group, Stack, Text } from '@mantine/core';
import { IconHome, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '@/components/ui/error-state';
import { ApiNetworkError, ApiRequestError, ApiResponseError } from '@/lib/api-client';
import { reloadPage } from '@/lib/browser';
import { getErrorMessage, getErrorRequestId } from '@/lib/error-message';
import { useDocumentTitle } from '@/lib/use-document-title';

export interface ErrorPageProps {
  error: unknown;
  /**
   * Rendered without the app layout (top-level boundary, root route): provides its own
   * `<main>` landmark. Uses plain links because a router may not be available.
   */
  standalone?: boolean;
}

function isApiError(error: unknown): boolean {
  return error instanceof ApiRequestError || error instanceof ApiNetworkError || error instanceof ApiResponseError;
}

export function ErrorPage({ error, standalone = false }: ErrorPageProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('errorPage.title'));
  const requestId = getErrorRequestId(error);

  const content = (
    <ErrorState
      title={t('errorPage.title')}
      description={t('errorPage.body')}
      actions={
        <Group justify="center" gap="sm">
          <Button leftSection={<IconRefresh size={18} aria-hidden="true" />} onClick={reloadPage}>
            {t('errorPage.reload')}
          </Button>
          <Button component="a" href="/" variant="default" leftSection={<IconHome size={18} aria-hidden="true" />}>
            {t('errorPage.home')}
          </Button>
        </Group>
      }
    >
      {/* Only API failures have a message worth showing; programming errors stay generic. */}
      {isApiError(error) ? <Text>{getErrorMessage(error, t)}</Text> : null}
      {requestId ? (
        <Stack gap={4} align="center">
          <Text fw={600} ff="monospace">
            {t('errorPage.requestId', { requestId })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('errorPage.requestIdHint')}
          </Text>
        </Stack>
      ) : null}
    </ErrorState>
  );

  if (!standalone) return content;
  return (
    <Container component="main" id="main-content" tabIndex={-1} size="md" py="xl">
      {content}
    </Container>
  );
}
