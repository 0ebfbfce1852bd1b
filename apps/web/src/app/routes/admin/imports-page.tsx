import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ImportPanel } from '@/features/imports';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ImportsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.imports.title'));
  return (
    <>
      <PageHeader title={t('admin.imports.title')} description={t('admin.imports.lead')} />
      <ImportPanel />
    </>
  );
}
