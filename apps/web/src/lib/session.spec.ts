import { describe, expect, it } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, returningVisitor, route } from '@/test/api-mock';
import { jsonResponse } from '@/test/render';
import { apiClient, ApiRequestError } from './api-client';
import { ensureSession, getAccessToken, getSession, refreshSession, restoreSession, setSession } from './session';

/** Resolves after the current macrotask queue, so concurrent requests can pile up. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('api client with a session', () => {
  it('sends the access token as a bearer token', async () => {
    setSession(makeSession(makeMe(), 'token-a'));
    const api = mockApi(route('GET', '/api/users', () => jsonResponse({ ok: true })));

    await apiClient.get('/users');

    expect(api.find('GET', '/api/users')[0]!.headers.get('Authorization')).toBe('Bearer token-a');
  });

  it('refreshes once on a 401 and retries; concurrent 401s share that one refresh', async () => {
    setSession(makeSession(makeMe(), 'expired'));
    const api = mockApi(
      route('POST', '/api/auth/refresh', async () => {
        await tick();
        return jsonResponse(makeSession(makeMe(), 'fresh'));
      }),
      route('GET', /^\/api\/(users|org-units|audit)$/, (request) =>
        request.headers.get('Authorization') === 'Bearer fresh'
          ? jsonResponse({ path: request.path })
          : apiError(401, 'UNAUTHENTICATED', 'Token expired'),
      ),
    );

    const results = await Promise.all([apiClient.get('/users'), apiClient.get('/org-units'), apiClient.get('/audit')]);

    expect(results).toEqual([{ path: '/api/users' }, { path: '/api/org-units' }, { path: '/api/audit' }]);
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1);
    // Each call: one refused attempt with the old token, one retry with the new one.
    expect(api.find('GET', '/api/users').map((call) => call.headers.get('Authorization'))).toEqual(['Bearer expired', 'Bearer fresh']);
    expect(getAccessToken()).toBe('fresh');
    expect(getSession()).toMatchObject({ status: 'authenticated', user: { fullName: 'Nguyễn Văn Quản' } });
  });

  it('retries a late 401 with the token another request already refreshed, without refreshing again', async () => {
    setSession(makeSession(makeMe(), 'expired'));
    let releaseSlow: () => void = () => undefined;
    const api = mockApi(
      route('POST', '/api/auth/refresh', () => jsonResponse(makeSession(makeMe(), 'fresh'))),
      route('GET', '/api/slow', (request) =>
        request.headers.get('Authorization') === 'Bearer fresh'
          ? jsonResponse({ ok: 'slow' })
          : new Promise<Response>((resolve) => (releaseSlow = () => resolve(apiError(401, 'UNAUTHENTICATED', 'Token expired'))))),
      route('GET', '/api/fast', (request) =>
        request.headers.get('Authorization') === 'Bearer fresh' ? jsonResponse({ ok: 'fast' }) : apiError(401, 'UNAUTHENTICATED', 'Token expired'),
      ),
    );

    const slow = apiClient.get('/slow');
    await expect(apiClient.get('/fast')).resolves.toEqual({ ok: 'fast' });
    releaseSlow();
    await expect(slow).resolves.toEqual({ ok: 'slow' });
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1);
  });

  it('gives up after one retry and ends the session when the refresh is refused', async () => {
    setSession(makeSession(makeMe(), 'expired'));
    const api = mockApi(route('GET', '/api/users', () => apiError(401, 'UNAUTHENTICATED', 'Token expired')));

    const error = await apiClient.get('/users').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 401 });
    expect(api.find('GET', '/api/users')).toHaveLength(1);
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(getSession()).toEqual({ status: 'anonymous', user: null, accessToken: null });
  });

  it('never refreshes for a 401 from the auth endpoints themselves', async () => {
    const api = mockApi(route('POST', '/api/auth/login', () => apiError(401, 'INVALID_CREDENTIALS', 'Sai mật khẩu')));

    await expect(apiClient.post('/auth/login', { identifier: 'x', password: 'y' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });

    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(0);
  });

  it('retries /auth/change-password after a refresh: it authenticates with the bearer token', async () => {
    setSession(makeSession(makeMe(), 'expired'));
    const api = mockApi(
      route('POST', '/api/auth/refresh', () => jsonResponse(makeSession(makeMe(), 'fresh'))),
      route('POST', '/api/auth/change-password', (request) =>
        request.headers.get('Authorization') === 'Bearer fresh' ? new Response(null, { status: 204 }) : apiError(401, 'UNAUTHENTICATED', 'Token expired'),
      ),
    );

    await expect(apiClient.post('/auth/change-password', { currentPassword: 'a', newPassword: 'b' })).resolves.toBeUndefined();
    expect(api.find('POST', '/api/auth/change-password')).toHaveLength(2);
  });

  it('does not retry a 403', async () => {
    setSession(makeSession());
    const api = mockApi(route('GET', '/api/audit', () => apiError(403, 'FORBIDDEN', 'Không có quyền')));

    await expect(apiClient.get('/audit')).rejects.toMatchObject({ status: 403 });

    expect(api.find('GET', '/api/audit')).toHaveLength(1);
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(0);
  });
});

describe('session restore', () => {
  it('does not ask a browser that never signed in', () => {
    const api = mockApi();
    restoreSession();
    expect(getSession().status).toBe('unknown');
    expect(api.calls).toHaveLength(0);
  });

  it('asks when a page needs the session, even without the hint', async () => {
    const api = mockApi(route('POST', '/api/auth/refresh', () => jsonResponse(makeSession())));
    ensureSession();
    expect(getSession().status).toBe('loading');
    await refreshSession();
    expect(getSession().status).toBe('authenticated');
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(window.localStorage.getItem('bdhv.session')).toBe('1');
  });

  it('restores the session once per page load from the refresh cookie', async () => {
    returningVisitor();
    const api = mockApi(route('POST', '/api/auth/refresh', () => jsonResponse(makeSession(makeMe({ fullName: 'Hoàng Thị Lan' }), 'restored'))));
    expect(getSession().status).toBe('loading');

    restoreSession();
    restoreSession();
    await refreshSession();

    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(api.find('POST', '/api/auth/refresh')[0]!.init).toMatchObject({ credentials: 'include' });
    expect(getSession()).toMatchObject({ status: 'authenticated', user: { fullName: 'Hoàng Thị Lan' } });
  });

  it('settles on signed out when the cookie is refused, and forgets the hint', async () => {
    returningVisitor();
    mockApi();
    restoreSession();
    await refreshSession();
    expect(getSession().status).toBe('anonymous');
    expect(window.localStorage.getItem('bdhv.session')).toBeNull();
  });

  it('settles on signed out when the server cannot be reached, keeping the hint for next time', async () => {
    returningVisitor();
    mockApi(() => {
      throw new TypeError('Failed to fetch');
    });
    restoreSession();
    await refreshSession();
    expect(getSession().status).toBe('anonymous');
    expect(window.localStorage.getItem('bdhv.session')).toBe('1');
  });
});
