import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import type { AppRouter } from './router';
import { AppProviders } from './providers';

export interface AppProps {
  router: AppRouter;
  queryClient?: QueryClient;
  mantineEnv?: 'default' | 'test';
}

export function App({ router, queryClient, mantineEnv }: AppProps) {
  return (
    <AppProviders queryClient={queryClient} mantineEnv={mantineEnv}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
