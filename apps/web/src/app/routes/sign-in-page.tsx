import { Center, Stack } from '@mantine/core';
import type { Me } from '@bdhv/contracts';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { PageHeader } from '@/components/ui/page-header';
import { PageLoader } from '@/components/ui/page-loader';
import { getSsoFailureMessage, readSsoNext, SignInForm, SsoLinkConfirm } from '@/features/auth';
import { safeNextPath } from '@/lib/redirect';
import { ensureSession, useSession } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

/** Where to land after signing in: ?next= (or the one remembered across single sign-on), never back to the auth pages. */
function useNextPath(): string {
  const [searchParams] = useSearchParams();
  const sso = searchParams.get('sso');
  const next = safeNextPath(searchParams.get('next') ?? (sso ? readSsoNext() : null), paths.account);
  const authPages: string[] = [paths.signIn, paths.register, paths.forgotPassword, paths.resetPassword];
  return authPages.some((page) => next === page || next.startsWith(`${page}?`)) ? paths.account : next;
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signIn.title'));
  const [searchParams] = useSearchParams();
  const session = useSession();
  const next = useNextPath();
  const sso = searchParams.get('sso');

  // Back from single sign-on: the provider set the refresh cookie; POST /api/auth/refresh finishes the job.
  useEffect(() => {
    if (sso === 'ok') ensureSession();
  }, [sso]);

  if (session.status === 'authenticated' && session.user) {
    // A forced reset must be dealt with before anything else.
    return <Navigate to={session.user.mustChangePassword ? paths.account : next} replace />;
  }

  if (sso === 'ok' && (session.status === 'loading' || session.status === 'unknown')) {
    return <PageLoader label={t('auth.sso.finishing')} />;
  }
  const ssoFailed = sso === 'error' || (sso === 'ok' && session.status === 'anonymous');
  const onSignedIn = (user: Me) => notifications.show({ color: 'teal.9', message: t('auth.signIn.welcome', { name: user.fullName }) });
  const signInForm = <SignInForm next={next} forgotPasswordPath={paths.forgotPassword} registerPath={paths.register} onSignedIn={onSignedIn} />;

  return (
    <>
      <PageHeader title={t('auth.signIn.title')} description={t('auth.signIn.lead')} />
      <Center>
        <Stack gap="md" w="100%" maw={480}>
          {ssoFailed ? (
            <FormError title={t('auth.sso.failedTitle')}>
              {getSsoFailureMessage(searchParams.get('reason'), t)}
              {searchParams.get('reason') ? ` (${t('auth.sso.reason', { reason: searchParams.get('reason') })})` : ''}
            </FormError>
          ) : null}
          {/* Single sign-on matched a privileged account: its password confirms the link first. */}
          {sso === 'link' ? <SsoLinkConfirm forgotPasswordPath={paths.forgotPassword} onSignedIn={onSignedIn} fallback={signInForm} /> : signInForm}
        </Stack>
      </Center>
    </>
  );
}
