import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoader } from '@/components/ui/page-loader';
import { signInPathFor } from '@/lib/redirect';
import { ensureSession, useSession } from '@/lib/session';
import { paths } from '../paths';

/**
 * Pages behind sign-in: ask the server when the session is not known yet (the refresh cookie may
 * be valid), wait, and go to /dang-nhap?next=<here> only when there is no session.
 */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useSession();
  const location = useLocation();
  useEffect(() => {
    if (status === 'unknown') ensureSession();
  }, [status]);
  if (status === 'loading' || status === 'unknown') return <PageLoader label={t('session.checking')} />;
  if (status === 'anonymous') return <Navigate to={signInPathFor(paths.signIn, location)} replace />;
  return children ?? <Outlet />;
}
