import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { AuditLog } from '@/features/audit';
import { useDocumentTitle } from '@/lib/use-document-title';

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.audit.title'));
  return (
    <>
      <PageHeader title={t('admin.audit.title')} description={t('admin.audit.lead')} />
      <AuditLog />
    </>
  );
}
