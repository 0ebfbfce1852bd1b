import { MantineProvider, Notification } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';
import { AppErrorBoundary } from './app-error-boundary';
import { SessionBootstrap } from './session-bootstrap';
import { cssVariablesResolver, theme } from './theme';

export interface AppProvidersProps {
  children: ReactNode;
  /** Injected by tests; the app creates its own. */
  queryClient?: QueryClient;
  /** Tests use Mantine's 'test' environment: no transitions, no portals, dropdowns that jsdom can show. */
  mantineEnv?: 'default' | 'test';
}

export function AppProviders({ children, queryClient, mantineEnv = 'default' }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <LocalizedMantine env={mantineEnv}>
        <Notifications position="top-right" />
        <AppErrorBoundary>
          <QueryClientProvider client={client}>
            <SessionBootstrap>{children}</SessionBootstrap>
          </QueryClientProvider>
        </AppErrorBoundary>
      </LocalizedMantine>
    </I18nextProvider>
  );
}

/** Mantine with the theme's defaults that need words: the notifications' close button must have a name. */
function LocalizedMantine({ children, env }: { children: ReactNode; env: 'default' | 'test' }) {
  const { t } = useTranslation();
  const closeLabel = t('common.close');
  const localizedTheme = useMemo(
    () => ({
      ...theme,
      components: {
        ...theme.components,
        Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
      },
    }),
    [closeLabel],
  );
  return (
    <MantineProvider theme={localizedTheme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light" env={env}>
      {children}
    </MantineProvider>
  );
}
