import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { HealthDetails } from '@/features/health';
import { useDocumentTitle } from '@/lib/use-document-title';

export function StatusPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('statusPage.title'));
  return (
    <>
      <PageHeader title={t('statusPage.title')} description={t('statusPage.intro')} />
      <HealthDetails />
    </>
  );
}
