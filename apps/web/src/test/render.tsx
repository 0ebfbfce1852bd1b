import type { AuthSession } from '@bdhv/contracts';
import type { ReactElement } from 'react';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { App } from '@/app/app';
import { createAppRoutes } from '@/app/routes';
import { clearSession, setSession } from '@/lib/session';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/**
 * Renders the whole app (providers, layout, routes) at `path` with an in-memory router.
 * `queryClient`: the app's own (`createQueryClient()`, with its stale time) instead of the test one.
 */
export function renderApp(path = '/', { routes, queryClient = createTestQueryClient() }: { routes?: RouteObject[]; queryClient?: QueryClient } = {}) {
  const router = createMemoryRouter(routes ?? createAppRoutes(queryClient), { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(<App router={router} queryClient={queryClient} mantineEnv="test" />);
  return { ...view, user, router, queryClient };
}

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });
}

type FetchHandler = (url: string, init?: RequestInit) => Response | Promise<Response>;

/** Replaces `fetch` for the current test (restored automatically via `unstubGlobals`). */
export function stubFetch(handler: FetchHandler) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return Promise.resolve(handler(url, init));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export const healthyResponse = {
  status: 'ok',
  version: '0.1.0',
  uptimeSeconds: 93_784,
  database: { status: 'up', driver: 'sqlite', latencyMs: 1.4 },
  queue: { status: 'up', driver: 'inline' },
} as const;

export const degradedResponse = {
  status: 'error',
  version: '0.1.0',
  uptimeSeconds: 42,
  database: { status: 'down', driver: 'mysql', error: 'connect ECONNREFUSED 127.0.0.1:3306' },
  queue: { status: 'up', driver: 'bullmq', latencyMs: 3 },
} as const;

/**
 * Renders a single component with the real providers and a memory router, for feature tests
 * that should not depend on the app's route tree. The session is settled up front (signed out,
 * or `session`), so no restore request is made.
 */
export function renderWithProviders(ui: ReactElement, { path = '/', session = null }: { path?: string; session?: AuthSession | null } = {}) {
  if (session) setSession(session);
  else clearSession();
  return renderApp(path, { routes: [{ path: '*', element: ui }] });
}
