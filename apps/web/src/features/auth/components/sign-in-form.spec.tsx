import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderApp } from '@/test/render';

function field(name: string) {
  return screen.getByLabelText(name, { selector: 'input' });
}

describe('sign-in', () => {
  it("shows the server's own message when sign-in is rate limited (429)", async () => {
    mockApi(
      route('POST', '/api/auth/login', () =>
        apiError(429, 'TOO_MANY_REQUESTS', 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.', {}),
      ),
    );
    const { user } = renderApp('/dang-nhap');

    await user.type(field('Số điện thoại hoặc email'), '0912345678');
    await user.type(field('Mật khẩu'), 'sai-mat-khau');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeEnabled();
  });

  it('explains wrong credentials in the UI language', async () => {
    mockApi(route('POST', '/api/auth/login', () => apiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials')));
    const { user } = renderApp('/dang-nhap');

    await user.type(field('Số điện thoại hoặc email'), 'lan@example.vn');
    await user.type(field('Mật khẩu'), 'matkhau123');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Số điện thoại, email hoặc mật khẩu không đúng.');
  });

  it('validates before sending', async () => {
    const api = mockApi();
    const { user } = renderApp('/dang-nhap');

    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByText('Nhập số điện thoại hoặc email.')).toBeInTheDocument();
    expect(screen.getByText('Nhập mật khẩu.')).toBeInTheDocument();
    expect(api.find('POST', '/api/auth/login')).toHaveLength(0);
  });

  it('signs in and honours ?next=, and offers the links and single sign-on', async () => {
    const me = makeMe();
    const api = mockApi(
      route('GET', '/api/auth/oidc', () => jsonResponse({ enabled: true, displayName: 'VNeID' })),
      route('POST', '/api/auth/login', () => jsonResponse(makeSession(me, 'tok'))),
      route('GET', '/api/org-units', () => jsonResponse({ items: [] })),
      route('GET', '/api/users', () => jsonResponse({ items: [], page: 1, pageSize: 20, total: 0 })),
    );
    const { user, router } = renderApp('/dang-nhap?next=%2Fquan-tri%2Fnguoi-dung');

    expect(screen.getByRole('link', { name: 'Quên mật khẩu?' })).toHaveAttribute('href', '/quen-mat-khau');
    expect(screen.getByRole('link', { name: 'Tạo tài khoản mới' })).toHaveAttribute('href', '/dang-ky');
    expect(await screen.findByRole('link', { name: 'Đăng nhập bằng VNeID' })).toHaveAttribute('href', '/api/auth/oidc/start');

    await user.type(field('Số điện thoại hoặc email'), ' 0912 345 678 ');
    await user.type(field('Mật khẩu'), 'matkhau123');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Quản lý người dùng' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/quan-tri/nguoi-dung');
    expect(api.find('POST', '/api/auth/login')[0]!.json).toEqual({ identifier: '0912 345 678', password: 'matkhau123' });
    // Later calls carry the token.
    expect(api.find('GET', '/api/users')[0]!.headers.get('Authorization')).toBe('Bearer tok');
    expect(within(screen.getByRole('navigation', { name: 'Điều hướng quản trị' })).getByRole('link', { name: 'Nhật ký' })).toBeInTheDocument();
  });

  it('ignores a ?next= that points to another site', async () => {
    mockApi(route('POST', '/api/auth/login', () => jsonResponse(makeSession(makeMe({ roles: ['learner'] })))));
    const { user, router } = renderApp('/dang-nhap?next=%2F%2Fevil.example');

    await user.type(field('Số điện thoại hoặc email'), 'a@b.vn');
    await user.type(field('Mật khẩu'), 'matkhau123');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tai-khoan');
  });

  it('finishes single sign-on by restoring the session (?sso=ok) and reports a failure (?sso=error)', async () => {
    mockApi(route('POST', '/api/auth/refresh', () => jsonResponse(makeSession(makeMe({ roles: ['learner'] })))));
    const { router } = renderApp('/dang-nhap?sso=ok');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tai-khoan');
  });

  it('shows why single sign-on failed', async () => {
    mockApi();
    renderApp('/dang-nhap?sso=error&reason=state_mismatch');
    expect(await screen.findByRole('alert')).toHaveTextContent('Đăng nhập một lần không thành công');
    expect(screen.getByRole('alert')).toHaveTextContent('state_mismatch');
  });
});
