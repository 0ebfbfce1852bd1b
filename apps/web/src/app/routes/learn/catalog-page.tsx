import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { CatalogList } from '@/features/learning';
import { useDocumentTitle } from '@/lib/use-document-title';
import { coursePath } from '../../paths';

export function CatalogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learning.catalog.title'));
  return (
    <>
      <PageHeader title={t('learning.catalog.title')} description={t('learning.catalog.lead')} />
      <CatalogList courseHref={coursePath} />
    </>
  );
}
