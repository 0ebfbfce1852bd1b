import { Center } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ResetPasswordForm } from '@/features/auth';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.reset.title'));
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('auth.reset.title')} description={t('auth.reset.lead')} />
      <Center>
        <ResetPasswordForm
          token={searchParams.get('token')}
          forgotPasswordPath={paths.forgotPassword}
          onReset={() => {
            notifications.show({ color: 'teal.9', title: t('auth.reset.doneTitle'), message: t('auth.reset.doneBody') });
            navigate(paths.signIn, { replace: true });
          }}
        />
      </Center>
    </>
  );
}
