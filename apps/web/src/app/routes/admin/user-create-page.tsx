import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { toOrgUnitOptions, useOrgUnits } from '@/features/org-units';
import { UserCreateForm } from '@/features/users';
import { hasAnyRole, useSession } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { adminUserPath, paths } from '../../paths';

export function UserCreatePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.userNew.title'));
  const { user } = useSession();
  const units = useOrgUnits();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('admin.userNew.title')} description={t('admin.userNew.lead')} />
      <UserCreateForm
        unitOptions={toOrgUnitOptions(units.data)}
        unitOptionsLoading={units.isPending}
        canAssignAdmin={hasAnyRole(user, ['admin'])}
        cancelHref={paths.adminUsers}
        onCreated={(created) => navigate(adminUserPath(created.id))}
      />
    </>
  );
}
