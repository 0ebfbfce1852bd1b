import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, returningVisitor, route } from '@/test/api-mock';
import { jsonResponse, renderApp } from '@/test/render';

const emptyPage = { items: [], page: 1, pageSize: 20, total: 0 };

function restoring(user = makeMe()) {
  return route('POST', '/api/auth/refresh', () => jsonResponse(makeSession(user)));
}

describe('route guards', () => {
  it('sends a signed-out visitor to /dang-nhap?next=<the page>, after trying to restore the session', async () => {
    const api = mockApi();
    const { router } = renderApp('/quan-tri/nguoi-dung?q=lan');

    expect(await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dang-nhap');
    expect(router.state.location.search).toBe('?next=%2Fquan-tri%2Fnguoi-dung%3Fq%3Dlan');
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(api.find('GET', '/api/users')).toHaveLength(0);
  });

  it('shows a loading status, not a redirect, while the session is being restored', async () => {
    let release: () => void = () => undefined;
    mockApi(
      route(
        'POST',
        '/api/auth/refresh',
        () => new Promise<Response>((resolve) => (release = () => resolve(jsonResponse(makeSession(makeMe({ roles: ['learner'] })))))),
      ),
    );
    const { router } = renderApp('/tai-khoan');

    expect(screen.getByRole('status')).toHaveTextContent('Đang kiểm tra phiên đăng nhập…');
    expect(router.state.location.pathname).toBe('/tai-khoan');
    release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeInTheDocument();
  });

  it('tells a learner the administration area is not for them', async () => {
    mockApi(restoring(makeMe({ roles: ['learner'] })));
    renderApp('/quan-tri/nguoi-dung');

    expect(await screen.findByRole('heading', { level: 1, name: 'Bạn không có quyền truy cập trang này' })).toBeInTheDocument();
    expect(document.title).toBe('Bạn không có quyền truy cập trang này | Bình dân học vụ số');
  });

  it('lets a unit manager manage users but keeps the audit log for administrators', async () => {
    mockApi(
      restoring(makeMe({ roles: ['unit_manager'] })),
      route('GET', '/api/org-units', () => jsonResponse({ items: [] })),
      route('GET', '/api/users', () => jsonResponse(emptyPage)),
    );
    const { router } = renderApp('/quan-tri');

    expect(await screen.findByRole('heading', { level: 1, name: 'Quản lý người dùng' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/quan-tri/nguoi-dung');
    const adminNav = within(screen.getByRole('navigation', { name: 'Điều hướng quản trị' }));
    expect(adminNav.queryByRole('link', { name: 'Nhật ký' })).not.toBeInTheDocument();
    expect(adminNav.getByRole('link', { name: 'Người dùng' })).toHaveAttribute('aria-current', 'page');

    await router.navigate('/quan-tri/nhat-ky');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bạn không có quyền truy cập trang này' })).toBeInTheDocument();
  });
});

describe('header account menu', () => {
  it('offers "Đăng nhập" and "Đăng ký" to a new visitor, without asking the server for a session', async () => {
    const api = mockApi();
    renderApp('/');
    const banner = within(screen.getByRole('banner'));
    await waitFor(() => expect(banner.getAllByRole('link', { name: 'Đăng nhập' }).length).toBeGreaterThan(0));
    expect(banner.getAllByRole('link', { name: 'Đăng nhập' })[0]).toHaveAttribute('href', '/dang-nhap');
    expect(banner.getByRole('link', { name: 'Đăng ký' })).toHaveAttribute('href', '/dang-ky');
    // No refresh cookie is expected: no request that would fail with 401.
    expect(api.find('POST', '/api/auth/refresh')).toHaveLength(0);
  });

  it('restores a returning visitor, shows the user menu, and signs out clearing the session', async () => {
    returningVisitor();
    const api = mockApi(restoring(), route('POST', '/api/auth/logout', () => new Response(null, { status: 204 })));
    const { user, router } = renderApp('/gioi-thieu');

    const trigger = await within(screen.getByRole('banner')).findByRole('button', { name: 'Menu tài khoản: Nguyễn Văn Quản' });
    await user.click(trigger);
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: 'Tài khoản' })).toHaveAttribute('href', '/tai-khoan');
    expect(within(menu).getByRole('menuitem', { name: 'Quản trị' })).toHaveAttribute('href', '/quan-tri/nguoi-dung');

    await user.click(within(menu).getByRole('menuitem', { name: 'Đăng xuất' }));

    expect(await screen.findByText('Bạn đã đăng xuất.')).toBeInTheDocument();
    expect(api.find('POST', '/api/auth/logout')).toHaveLength(1);
    expect(router.state.location.pathname).toBe('/');
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Đăng ký' })).toBeInTheDocument();
    expect(window.localStorage.getItem('bdhv.session')).toBeNull();
  });

  it('signs out from the account page', async () => {
    const api = mockApi(
      restoring(makeMe({ roles: ['learner'], phone: '+84987654321' })),
      route('GET', '/api/auth/me', () => jsonResponse(makeMe({ roles: ['learner'], phone: '+84987654321' }))),
      route('POST', '/api/auth/logout', () => new Response(null, { status: 204 })),
    );
    const { user, router } = renderApp('/tai-khoan');

    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeInTheDocument();
    expect(screen.getByText('0987 654 321')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(api.find('POST', '/api/auth/logout')).toHaveLength(1);
  });
});

describe('main navigation by role', () => {
  const navLinks = () =>
    within(screen.getAllByRole('navigation', { name: 'Điều hướng chính' })[0]!)
      .getAllByRole('link')
      .map((link) => link.textContent);

  it('gives a learner the catalog and their learning, with about and status moved to the footer', async () => {
    returningVisitor();
    mockApi(restoring(makeMe({ roles: ['learner'] })));
    renderApp('/');
    await waitFor(() => expect(navLinks()).toEqual(['Trang chủ', 'Khóa học', 'Học tập của tôi']));
    const footer = within(screen.getByRole('navigation', { name: 'Liên kết chân trang' }));
    expect(footer.getByRole('link', { name: 'Trạng thái hệ thống' })).toHaveAttribute('href', '/trang-thai');
  });

  it('adds the teaching area for a trainer', async () => {
    returningVisitor();
    mockApi(restoring(makeMe({ roles: ['trainer', 'learner'] })));
    renderApp('/');
    await waitFor(() => expect(navLinks()).toEqual(['Trang chủ', 'Khóa học', 'Học tập của tôi', 'Giảng dạy']));
  });
});
