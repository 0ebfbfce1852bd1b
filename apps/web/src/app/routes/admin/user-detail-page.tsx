import { useParams } from 'react-router';
import { toOrgUnitOptions, useOrgUnits } from '@/features/org-units';
import { UserDetailView } from '@/features/users';
import { hasAnyRole, useSession } from '@/lib/session';
import { paths } from '../../paths';

export function UserDetailPage() {
  const { userId = '' } = useParams();
  const { user } = useSession();
  const units = useOrgUnits();
  const isAdmin = hasAnyRole(user, ['admin']);
  return (
    <UserDetailView
      key={userId}
      userId={userId}
      unitOptions={toOrgUnitOptions(units.data)}
      unitOptionsLoading={units.isPending}
      canAssignAdmin={isAdmin}
      canForceReset={isAdmin}
      backHref={paths.adminUsers}
    />
  );
}
