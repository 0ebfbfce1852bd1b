import { Alert, Anchor, Button, Group, Loader, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { ErrorCode, oidcLinkConfirmRequestSchema, type Me } from '@bdhv/contracts';
import { IconLink, IconShieldLock } from '@tabler/icons-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '@/components/ui/form-error';
import { ApiRequestError } from '@/lib/api-client';
import { fieldErrorsFromApi, useFormState, validateForm } from '@/lib/form';
import { toLocale } from '@/lib/i18n';
import { useCancelOidcLink, useConfirmOidcLink, useOidcLink } from '../api/oidc-link';
import { getAuthErrorMessage } from '../utils/auth-error';

export interface SsoLinkConfirmProps {
  forgotPasswordPath: string;
  /** Called once linked and signed in (the session is already stored). */
  onSignedIn?: (user: Me) => void;
  /** Shown below when there is nothing (left) to confirm: usually the password sign-in form. */
  fallback: ReactNode;
}

const isLinkGone = (error: unknown) => error instanceof ApiRequestError && error.code === ErrorCode.OIDC_LINK_INVALID;

/**
 * Back from single sign-on (`?sso=link`) with an identity that matches an administrator's, unit
 * manager's or trainer's account: the person types that account's password once to link it, or
 * declines. Nothing is linked until then.
 */
export function SsoLinkConfirm({ forgotPasswordPath, onSignedIn, fallback }: SsoLinkConfirmProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const link = useOidcLink();
  const form = useFormState({ password: '' });
  const confirm = useConfirmOidcLink({ onSuccess: (session) => onSignedIn?.(session.user) });
  const cancel = useCancelOidcLink();
  const [cancelled, setCancelled] = useState(false);

  if (cancelled) {
    return (
      <>
        <Alert color="gray" variant="light" role="status" title={t('auth.sso.link.cancelledTitle')}>
          <Text size="sm">{t('auth.sso.link.cancelledBody')}</Text>
        </Alert>
        {fallback}
      </>
    );
  }

  if (link.isPending) {
    return (
      <Group justify="center" p="xl" role="status">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t('auth.sso.link.loading')}</Text>
      </Group>
    );
  }

  const gone = link.isError ? link.error : isLinkGone(confirm.error) ? confirm.error : null;
  if (gone || !link.data) {
    return (
      <>
        <FormError title={t('auth.sso.link.goneTitle')}>
          {/* The server says why (expired, used, or given up after wrong passwords). */}
          {gone instanceof ApiRequestError && gone.message ? gone.message : getAuthErrorMessage(gone, t)}
        </FormError>
        {fallback}
      </>
    );
  }

  const { provider, account, via, expiresAt } = link.data;
  const expiresAtText = new Date(expiresAt).toLocaleTimeString(toLocale(i18n.language), { hour: '2-digit', minute: '2-digit' });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateForm(oidcLinkConfirmRequestSchema, form.values, t);
    if (!result.ok) {
      form.showErrors(result.errors);
      return;
    }
    confirm.mutate(result.data, {
      onError: (error) => {
        const fieldErrors = fieldErrorsFromApi(error);
        if (Object.keys(fieldErrors).length > 0) form.showErrors(fieldErrors);
      },
    });
  };

  const fieldErrorShown = confirm.isError && Boolean(form.errors.password);

  return (
    <Paper component="section" aria-labelledby={titleId} withBorder radius="md" p={{ base: 'md', sm: 'xl' }} maw={480} w="100%">
      <form {...form.formProps} onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Group gap="xs" wrap="nowrap">
            <IconShieldLock size={24} aria-hidden="true" />
            <Title order={2} size="h3" id={titleId}>
              {t('auth.sso.link.title', { provider })}
            </Title>
          </Group>
          <Text>
            <Trans
              i18nKey={via === 'email' ? 'auth.sso.link.leadEmail' : 'auth.sso.link.leadPhone'}
              values={{ provider, account }}
              components={{ strong: <strong /> }}
            />
          </Text>
          <Text>{t('auth.sso.link.why', { provider })}</Text>
          {confirm.isError && !fieldErrorShown ? <FormError>{getAuthErrorMessage(confirm.error, t)}</FormError> : null}
          <PasswordInput
            label={t('auth.sso.link.password', { account })}
            autoComplete="current-password"
            size="md"
            {...form.textProps('password')}
          />
          <Text size="sm" c="dimmed">
            {t('auth.sso.link.expires', { time: expiresAtText })}
          </Text>
          <Button type="submit" size="md" loading={confirm.isPending} leftSection={<IconLink size={18} aria-hidden="true" />}>
            {t('auth.sso.link.submit')}
          </Button>
          <Button
            variant="default"
            size="md"
            loading={cancel.isPending}
            disabled={confirm.isPending}
            onClick={() => cancel.mutate(undefined, { onSettled: () => setCancelled(true) })}
          >
            {t('auth.sso.link.cancel')}
          </Button>
          <Text size="sm">
            {t('auth.sso.link.forgot', { provider })}{' '}
            <Anchor component={Link} to={forgotPasswordPath}>
              {t('auth.sso.link.forgotLink')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
