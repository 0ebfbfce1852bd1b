import type { Me } from '@bdhv/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import { matchRoutes, type LoaderFunction, type LoaderFunctionArgs } from 'react-router';
import { describe, expect, it } from 'vitest';
import { catalogParamsFromSearch, learningQueryKeys } from '@/features/learning';
import { usersQueryKeys, userListParamsFromSearch } from '@/features/users';
import { createQueryClient } from '@/lib/query-client';
import { setSession } from '@/lib/session';
import { makeMe, makeSession, mockApi, returningVisitor, route, type MockRequest } from '@/test/api-mock';
import { createTestQueryClient, jsonResponse, renderApp } from '@/test/render';
import { createAppRoutes } from './routes';

const emptyPage = (request: MockRequest) =>
  jsonResponse({ items: [], page: Number(request.url.searchParams.get('page') ?? 1), pageSize: Number(request.url.searchParams.get('pageSize') ?? 20), total: 0 });

/** Runs the loader of the deepest route matching `path`, as a navigation there would. */
function runLoader(path: string, queryClient: QueryClient = createTestQueryClient()) {
  const url = new URL(path, 'http://localhost');
  const matches = matchRoutes(createAppRoutes(queryClient), url.pathname) ?? [];
  const leaf = matches[matches.length - 1];
  if (!leaf?.route.loader) throw new Error(`no loader for ${path}`);
  const loader = leaf.route.loader as LoaderFunction;
  const result = loader({ request: new Request(url), params: leaf.params, context: undefined } as LoaderFunctionArgs);
  return { result, queryClient };
}

/** The GET requests made, as "path?query" with the query sorted. */
function requested(api: ReturnType<typeof mockApi>): string[] {
  return api.calls
    .filter((call) => call.method === 'GET')
    .map((call) => {
      const query = [...call.url.searchParams].sort(([a], [b]) => a.localeCompare(b));
      return query.length ? `${call.path}?${new URLSearchParams(query).toString()}` : call.path;
    })
    .sort();
}

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

const users = {
  learner: makeMe({ roles: ['learner'] }),
  trainer: makeMe({ roles: ['trainer', 'learner'] }),
  admin: makeMe({ roles: ['admin'] }),
  'unit manager': makeMe({ roles: ['unit_manager'] }),
} satisfies Record<string, Me>;
type Who = keyof typeof users;
const { learner, admin } = users;

describe('route loaders (prefetch)', () => {
  it.each<[string, Who, string[]]>([
    ['/khoa-hoc?q=an+toan&audience=resident&page=2&other=1', 'learner', ['/api/catalog-categories', '/api/catalog?audience=resident&page=2&pageSize=12&q=an+toan']],
    ['/khoa-hoc?audience=nobody', 'learner', ['/api/catalog-categories', '/api/catalog?page=1&pageSize=12']],
    ['/khoa-hoc/an-toan-tren-mang', 'learner', ['/api/catalog/an-toan-tren-mang']],
    ['/khoa-hoc/an-toan-tren-mang/bai/lesson-1', 'learner', ['/api/catalog/an-toan-tren-mang']],
    ['/hoc-tap-cua-toi', 'learner', ['/api/me/learning']],
    ['/giang-day?status=draft&q=so', 'trainer', ['/api/courses?page=1&pageSize=20&q=so&status=draft']],
    ['/giang-day/khoa-hoc/course-1', 'trainer', ['/api/courses/course-1']],
    ['/giang-day/khoa-hoc/course-1', 'admin', ['/api/courses/course-1', '/api/org-units']],
    ['/giang-day/khoa-hoc/course-1/xem-truoc/lesson-1', 'trainer', ['/api/courses/course-1']],
    ['/quan-tri/nguoi-dung?role=trainer&unit=u1&page=3', 'unit manager', ['/api/org-units', '/api/users?orgUnitId=u1&page=3&pageSize=20&role=trainer']],
    ['/quan-tri/nguoi-dung/moi', 'admin', ['/api/org-units']],
    ['/quan-tri/nguoi-dung/user-1', 'admin', ['/api/org-units', '/api/users/user-1']],
    ['/quan-tri/don-vi', 'unit manager', ['/api/org-units']],
    ['/quan-tri/nhap-du-lieu', 'admin', ['/api/imports?page=1&pageSize=10']],
    ['/quan-tri/nhat-ky?action=nope&page=2', 'admin', ['/api/audit?page=2&pageSize=25']],
  ])('%s prefetches for a signed-in %s what the page asks for first, and returns at once', async (path, who, expected) => {
    const api = mockApi();
    setSession(makeSession(users[who]));
    const { result } = runLoader(path);
    expect(result).toBeNull();
    await waitFor(() => expect(requested(api)).toEqual(expected));
  });

  it.each<[string, Who]>([
    ['/giang-day', 'learner'],
    ['/giang-day/khoa-hoc/course-1', 'unit manager'],
    ['/quan-tri/nguoi-dung', 'learner'],
    ['/quan-tri/don-vi', 'trainer'],
    ['/quan-tri/nhat-ky', 'unit manager'],
  ])('%s prefetches nothing for a %s, who is not allowed there', async (path, who) => {
    const api = mockApi();
    setSession(makeSession(users[who]));
    runLoader(path);
    await nextTick();
    expect(requested(api)).toEqual([]);
  });

  it('prefetches nothing while nobody is signed in', async () => {
    const api = mockApi();
    runLoader('/khoa-hoc');
    runLoader('/hoc-tap-cua-toi');
    await nextTick();
    expect(requested(api)).toEqual([]);
  });

  it('while the session is being restored, starts once it turns out signed in', async () => {
    let restore: (response: Response) => void = () => undefined;
    returningVisitor();
    const api = mockApi(route('POST', '/api/auth/refresh', () => new Promise<Response>((resolve) => (restore = resolve))));
    renderApp('/gioi-thieu');
    await waitFor(() => expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1));

    runLoader('/hoc-tap-cua-toi');
    await nextTick();
    expect(requested(api)).toEqual([]);

    restore(jsonResponse(makeSession(learner)));
    await waitFor(() => expect(requested(api)).toEqual(['/api/me/learning']));
  });

  it('while the session is being restored, prefetches nothing if it ends signed out', async () => {
    let restore: (response: Response) => void = () => undefined;
    returningVisitor();
    const api = mockApi(route('POST', '/api/auth/refresh', () => new Promise<Response>((resolve) => (restore = resolve))));
    renderApp('/gioi-thieu');
    await waitFor(() => expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1));

    runLoader('/hoc-tap-cua-toi');
    restore(jsonResponse({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'No session', requestId: 'r' }, { status: 401 }));
    await screen.findByRole('link', { name: 'Đăng ký' });
    await nextTick();
    expect(requested(api)).toEqual([]);
  });

  it('the page uses the prefetched query: one cache entry, one request', async () => {
    const api = mockApi(route('GET', '/api/catalog', emptyPage), route('GET', '/api/catalog-categories', () => jsonResponse({ items: [] })));
    setSession(makeSession(learner));
    const { router, queryClient } = renderApp('/', { queryClient: createQueryClient() });

    await router.navigate('/khoa-hoc?q=khong+co&page=1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Khóa học' })).toBeInTheDocument();
    expect(await screen.findByText('Không tìm thấy khóa học phù hợp')).toBeInTheDocument();
    const params = catalogParamsFromSearch(new URLSearchParams('q=khong+co&page=1'));
    expect(queryClient.getQueryCache().findAll({ queryKey: learningQueryKeys.catalogs() }).map((query) => query.queryKey)).toEqual([learningQueryKeys.catalog(params)]);
    expect(api.find('GET', '/api/catalog')).toHaveLength(1);
  });

  it('the users page uses the prefetched list', async () => {
    const api = mockApi(route('GET', '/api/users', emptyPage), route('GET', '/api/org-units', () => jsonResponse({ items: [] })));
    setSession(makeSession(admin));
    const { router, queryClient } = renderApp('/', { queryClient: createQueryClient() });

    await router.navigate('/quan-tri/nguoi-dung?status=disabled');

    expect(await screen.findByRole('heading', { level: 1, name: 'Quản lý người dùng' })).toBeInTheDocument();
    const params = userListParamsFromSearch(new URLSearchParams('status=disabled'));
    await waitFor(() => expect(queryClient.getQueryState(usersQueryKeys.list(params))?.status).toBe('success'));
    expect(queryClient.getQueryCache().findAll({ queryKey: usersQueryKeys.lists() })).toHaveLength(1);
    expect(api.find('GET', '/api/users')).toHaveLength(1);
  });
});
