import type { Role } from '@bdhv/contracts';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { hasAnyRole, useSession } from '@/lib/session';
import { ForbiddenPage } from '../routes/forbidden-page';

/** Inside RequireAuth: pages for some roles only; others get a clear "no access" page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const { user } = useSession();
  if (!hasAnyRole(user, roles)) return <ForbiddenPage />;
  return children ?? <Outlet />;
}
