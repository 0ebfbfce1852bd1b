import { Button, Group } from '@mantine/core';
import { IconHome, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <ErrorState
      title={t('forbidden.title')}
      description={t('forbidden.body')}
      icon={<IconLock size={40} />}
      iconColor="orange.9"
      actions={
        <Group justify="center" gap="sm">
          <Button component={Link} to={paths.home} leftSection={<IconHome size={18} aria-hidden="true" />}>
            {t('notFound.home')}
          </Button>
          <Button component={Link} to={paths.account} variant="default">
            {t('forbidden.account')}
          </Button>
        </Group>
      }
    />
  );
}
