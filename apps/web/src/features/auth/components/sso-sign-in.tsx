import { Button } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OIDC_START_URL, useOidcConfig } from '../api/get-oidc-config';
import { rememberSsoNext } from '../utils/sso-next';

export interface SsoSignInProps {
  next: string;
  /** Rendered above the button, only when single sign-on is offered. */
  divider?: ReactNode;
}

/** "Sign in with <provider>": a full page navigation to the API, which hands over to the provider. */
export function SsoSignIn({ next, divider }: SsoSignInProps) {
  const { t } = useTranslation();
  const config = useOidcConfig();
  if (!config.data?.enabled) return null;
  const provider = config.data.displayName || t('auth.sso.defaultProvider');
  return (
    <>
      {divider}
      <Button
        component="a"
        href={OIDC_START_URL}
        variant="default"
        size="md"
        leftSection={<IconKey size={18} aria-hidden="true" />}
        onClick={() => rememberSsoNext(next)}
      >
        {t('auth.sso.button', { provider })}
      </Button>
    </>
  );
}
