import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ChangePasswordForm, ProfileCard, useMe } from '@/features/auth';
import { useSession, useSignOut } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const { user } = useSession();
  // Refresh the profile: roles or the unit may have changed since sign-in.
  useMe();
  const signOutTitleId = useId();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  if (!user) return null;

  const handleSignOut = async () => {
    setSigningOut(true);
    // Leave the signed-in page first, so its guard does not send us to the sign-in page.
    navigate(paths.home, { replace: true });
    await signOut();
    notifications.show({ color: 'teal.9', message: t('account.signedOut') });
  };

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="xl">
        <ProfileCard user={user} />
        <Card withBorder radius="md" padding="lg">
          <ChangePasswordForm />
        </Card>
        <Card component="section" aria-labelledby={signOutTitleId} withBorder radius="md" padding="lg">
          <Title order={2} id={signOutTitleId} mb="xs">
            {t('account.signOutTitle')}
          </Title>
          <Text mb="md">{t('account.signOutHint')}</Text>
          <Button
            variant="outline"
            color="red.9"
            leftSection={<IconLogout size={18} aria-hidden="true" />}
            loading={signingOut}
            onClick={() => void handleSignOut()}
          >
            {t('account.signOut')}
          </Button>
        </Card>
      </Stack>
    </>
  );
}
