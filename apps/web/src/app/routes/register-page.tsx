import { Center } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { RegisterForm } from '@/features/auth';
import { useSession } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.register.title'));
  const session = useSession();
  // Registration signs the resident in; the account page is the next step.
  if (session.status === 'authenticated') return <Navigate to={paths.account} replace />;
  return (
    <>
      <PageHeader title={t('auth.register.title')} description={t('auth.register.lead')} />
      <Center>
        <RegisterForm
          signInPath={paths.signIn}
          onRegistered={(user) => notifications.show({ color: 'teal.9', message: t('auth.register.welcome', { name: user.fullName }) })}
        />
      </Center>
    </>
  );
}
