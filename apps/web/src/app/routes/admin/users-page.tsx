import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { toOrgUnitOptions, useOrgUnits } from '@/features/org-units';
import { UserList } from '@/features/users';
import { useDocumentTitle } from '@/lib/use-document-title';
import { adminUserPath, paths } from '../../paths';

export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.users.title'));
  const units = useOrgUnits();
  return (
    <>
      <PageHeader title={t('admin.users.title')} description={t('admin.users.lead')} />
      <UserList
        unitOptions={toOrgUnitOptions(units.data)}
        unitOptionsLoading={units.isPending}
        userHref={adminUserPath}
        createHref={paths.adminUserNew}
      />
    </>
  );
}
