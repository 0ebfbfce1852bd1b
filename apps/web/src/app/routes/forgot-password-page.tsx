import { Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ForgotPasswordForm } from '@/features/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgot.title'));
  return (
    <>
      <PageHeader title={t('auth.forgot.title')} description={t('auth.forgot.lead')} />
      <Center>
        <ForgotPasswordForm signInPath={paths.signIn} />
      </Center>
    </>
  );
}
