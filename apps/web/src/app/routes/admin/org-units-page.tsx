import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { OrgUnitTree } from '@/features/org-units';
import { hasAnyRole, useSession } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';

export function OrgUnitsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.units.title'));
  const { user } = useSession();
  const canEdit = hasAnyRole(user, ['admin']);
  return (
    <>
      <PageHeader title={t('admin.units.title')} description={canEdit ? t('admin.units.leadAdmin') : t('admin.units.leadManager')} />
      <OrgUnitTree canEdit={canEdit} />
    </>
  );
}
