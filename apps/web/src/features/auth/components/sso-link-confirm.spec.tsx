import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderApp } from '@/test/render';

const pending = { provider: 'VNeID', account: 'ad•••n@demo.hocvuso.vn', via: 'email', expiresAt: '2026-11-27T03:10:00.000Z' };
const LINK_PAGE = '/dang-nhap?sso=link&next=%2Fquan-tri%2Fnguoi-dung';
// The account page is in the entry chunk: no lazy page to wait for.
const LINK_PAGE_TO_ACCOUNT = '/dang-nhap?sso=link&next=%2Ftai-khoan';

function passwordField() {
  return screen.getByLabelText('Mật khẩu của tài khoản ad•••n@demo.hocvuso.vn', { selector: 'input' });
}

describe('confirming a single sign-on link to a privileged account', () => {
  // Typing, a sign-in and a route change: several seconds on a busy two-core machine.
  it('names the account, asks for its password once, then signs in and goes on', async () => {
    const api = mockApi(
      route('GET', '/api/auth/oidc/link', () => jsonResponse(pending)),
      route('POST', '/api/auth/oidc/link', () => jsonResponse(makeSession(makeMe({ roles: ['admin'], fullName: 'Quản Trị Viên' }), 'tok-link'))),
      route('GET', '/api/auth/me', () => jsonResponse(makeMe({ roles: ['admin'], fullName: 'Quản Trị Viên' }))),
    );
    const { user, router } = renderApp(LINK_PAGE_TO_ACCOUNT);

    expect(await screen.findByRole('heading', { level: 2, name: 'Xác nhận liên kết với VNeID' })).toBeInTheDocument();
    expect(screen.getByText(/có cùng email với tài khoản/)).toHaveTextContent('Tài khoản VNeID của bạn có cùng email với tài khoản ad•••n@demo.hocvuso.vn trên hệ thống.');
    expect(screen.getByRole('link', { name: 'Đặt lại mật khẩu' })).toHaveAttribute('href', '/quen-mat-khau');
    // The password sign-in form is not offered beside it: one decision at a time.
    expect(screen.queryByRole('button', { name: 'Đăng nhập' })).not.toBeInTheDocument();

    await user.type(passwordField(), 'QuanTri@2025');
    await user.click(screen.getByRole('button', { name: 'Xác nhận và liên kết' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tai-khoan');
    expect(await screen.findByText('Đăng nhập thành công. Xin chào Quản Trị Viên!')).toBeInTheDocument();
    expect(api.find('POST', '/api/auth/oidc/link')[0]!.json).toEqual({ password: 'QuanTri@2025' });
  }, 20_000);

  it('asks for the password before sending anything', async () => {
    const api = mockApi(route('GET', '/api/auth/oidc/link', () => jsonResponse(pending)));
    const { user } = renderApp(LINK_PAGE);
    await user.click(await screen.findByRole('button', { name: 'Xác nhận và liên kết' }));
    expect(await screen.findByText('Nhập mật khẩu.')).toBeInTheDocument();
    expect(api.find('POST', '/api/auth/oidc/link')).toHaveLength(0);
  });

  it('shows a wrong password under the field and lets the person try again', async () => {
    mockApi(
      route('GET', '/api/auth/oidc/link', () => jsonResponse(pending)),
      route('POST', '/api/auth/oidc/link', () =>
        apiError(400, 'VALIDATION_FAILED', 'Mật khẩu không đúng.', { errors: [{ field: 'password', message: 'Mật khẩu không đúng.' }] }),
      ),
    );
    const { user } = renderApp(LINK_PAGE);

    await user.type(await screen.findByLabelText('Mật khẩu của tài khoản ad•••n@demo.hocvuso.vn', { selector: 'input' }), 'sai-roi-123');
    await user.click(screen.getByRole('button', { name: 'Xác nhận và liên kết' }));

    expect(await screen.findByText('Mật khẩu không đúng.')).toBeInTheDocument();
    expect(passwordField()).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Xác nhận và liên kết' })).toBeEnabled();
  });

  it('explains a link that expired, was used or was given up, and offers the sign-in form', async () => {
    mockApi(
      route('GET', '/api/auth/oidc/link', () =>
        apiError(400, 'OIDC_LINK_INVALID', 'Yêu cầu liên kết tài khoản đã hết hạn hoặc đã được dùng. Vui lòng đăng nhập một lần lại từ đầu.'),
      ),
    );
    renderApp(LINK_PAGE);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Không thể liên kết tài khoản');
    expect(alert).toHaveTextContent('Yêu cầu liên kết tài khoản đã hết hạn hoặc đã được dùng.');
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeInTheDocument();
  });

  it('forgets the request when the person declines', async () => {
    const api = mockApi(
      route('GET', '/api/auth/oidc/link', () => jsonResponse(pending)),
      route('DELETE', '/api/auth/oidc/link', () => new Response(null, { status: 204 })),
    );
    const { user } = renderApp(LINK_PAGE);

    await user.click(await screen.findByRole('button', { name: 'Không liên kết' }));

    expect(await screen.findByText('Đã hủy yêu cầu liên kết')).toBeInTheDocument();
    expect(api.find('DELETE', '/api/auth/oidc/link')).toHaveLength(1);
    expect(api.find('POST', '/api/auth/oidc/link')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeInTheDocument();
  });

  it('tells someone whose privileged account has no password to set one or ask an administrator', async () => {
    mockApi();
    renderApp('/dang-nhap?sso=error&reason=link_needs_admin');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('chưa có mật khẩu');
    expect(alert).toHaveTextContent('nhờ quản trị viên cho phép liên kết');
  });
});
