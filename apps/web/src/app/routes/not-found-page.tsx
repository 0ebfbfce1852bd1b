import { Button } from '@mantine/core';
import { IconHome, IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <ErrorState
      title={t('notFound.title')}
      description={t('notFound.body')}
      icon={<IconMapQuestion size={40} />}
      iconColor="blue.9"
      actions={
        <Button component={Link} to="/" leftSection={<IconHome size={18} aria-hidden="true" />}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
