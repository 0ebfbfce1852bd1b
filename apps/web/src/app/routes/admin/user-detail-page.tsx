import { useParams } from 'react-router';
import { useOidcConfig } from '@/features/auth';
import { toOrgUnitOptions, useOrgUnits } from '@/features/org-units';
import { UserDetailView } from '@/features/users';
import { hasAnyRole, useSession } from '@/lib/session';
import { paths } from '../../paths';

export function UserDetailPage() {
  const { userId = '' } = useParams();
  const { user } = useSession();
  const units = useOrgUnits();
  const isAdmin = hasAnyRole(user, ['admin']);
  const oidc = useOidcConfig();
  return (
    <UserDetailView
      key={userId}
      userId={userId}
      unitOptions={toOrgUnitOptions(units.data)}
      unitOptionsLoading={units.isPending}
      canAssignAdmin={isAdmin}
      canForceReset={isAdmin}
      ssoProvider={isAdmin && oidc.data?.enabled ? (oidc.data.displayName ?? 'VNeID') : null}
      backHref={paths.adminUsers}
    />
  );
}
