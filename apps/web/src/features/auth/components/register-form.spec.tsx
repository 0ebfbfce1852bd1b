import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route, UUID } from '@/test/api-mock';
import { jsonResponse, renderApp } from '@/test/render';

const communes = {
  items: [
    { id: UUID.commune, code: 'XA-TAN-LIEN', name: 'Xã Tân Liên' },
    { id: UUID.commune2, code: 'P-DONG-KINH', name: 'Phường Đông Kinh' },
  ],
};

function communesRoute() {
  return route('GET', '/api/org-units/communes', () => jsonResponse(communes));
}

function field(name: string) {
  return screen.getByLabelText(name, { selector: 'input' });
}

describe('registration', () => {
  it('shows the contract validation messages next to the fields and sends nothing', async () => {
    const api = mockApi(communesRoute());
    const { user } = renderApp('/dang-ky');
    expect(screen.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' })).toBeInTheDocument();

    await user.type(field('Họ và tên'), 'A');
    await user.type(field('Số điện thoại'), '12345');
    await user.type(field('Mật khẩu'), 'abcdefgh');
    await user.type(field('Nhập lại mật khẩu'), 'abcdefgX');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));

    expect(await screen.findByText('Họ và tên cần ít nhất 2 ký tự.')).toBeInTheDocument();
    expect(screen.getByText('Số điện thoại không hợp lệ.')).toBeInTheDocument();
    expect(screen.getByText('Mật khẩu cần có cả chữ và số.')).toBeInTheDocument();
    expect(screen.getByText('Mật khẩu nhập lại không khớp.')).toBeInTheDocument();
    expect(screen.getByText('Hãy chọn xã, phường.')).toBeInTheDocument();
    // The message is tied to its field, and focus moves to the first problem.
    expect(field('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Họ và tên')).toHaveAccessibleDescription('Họ và tên cần ít nhất 2 ký tự.');
    expect(field('Họ và tên')).toHaveFocus();
    expect(api.find('POST', '/api/auth/register')).toHaveLength(0);
  });

  it('asks for a phone number or an email', async () => {
    mockApi(communesRoute());
    const { user } = renderApp('/dang-ky');

    await user.type(field('Họ và tên'), 'Hoàng Thị Lan');
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));

    expect(await screen.findByText('Cần số điện thoại hoặc email.')).toBeInTheDocument();
    expect(screen.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeInTheDocument();
  });

  it('registers, signs in and goes to the account page; the commune search ignores diacritics', async () => {
    const me = makeMe({
      id: UUID.learner,
      fullName: 'Hoàng Thị Lan',
      phone: '+84912345678',
      email: null,
      roles: ['learner'],
      audiences: ['resident'],
      orgUnit: { id: UUID.commune, code: 'XA-TAN-LIEN', name: 'Xã Tân Liên', kind: 'commune' },
    });
    const api = mockApi(
      communesRoute(),
      route('POST', '/api/auth/register', () => jsonResponse(makeSession(me), { status: 201 })),
      route('GET', '/api/auth/me', () => jsonResponse(me)),
    );
    const { user, router } = renderApp('/dang-ky');

    await user.type(field('Họ và tên'), 'Hoàng Thị Lan');
    await user.type(field('Số điện thoại'), '0912 345 678');
    await user.type(field('Mật khẩu'), 'matkhau123');
    await user.type(field('Nhập lại mật khẩu'), 'matkhau123');
    const commune = screen.getByRole('textbox', { name: 'Xã, phường nơi bạn sinh sống' });
    await waitFor(() => expect(commune).toBeEnabled());
    await user.type(commune, 'tan lien');
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).queryByRole('option', { name: 'Phường Đông Kinh' })).not.toBeInTheDocument();
    await user.click(within(listbox).getByRole('option', { name: 'Xã Tân Liên' }));
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tai-khoan');
    expect(api.find('POST', '/api/auth/register')[0]!.json).toEqual({
      fullName: 'Hoàng Thị Lan',
      phone: '+84912345678',
      password: 'matkhau123',
      orgUnitId: UUID.commune,
    });
    expect(await screen.findByText('Đăng ký thành công. Chào mừng Hoàng Thị Lan!')).toBeInTheDocument();
    expect(screen.getByText('0912 345 678')).toBeInTheDocument();
    expect(screen.getByText('Người học')).toBeInTheDocument();
    expect(screen.getByText('Người dân')).toBeInTheDocument();
    // Signed in: the header offers the account menu instead of "Đăng nhập".
    expect(within(screen.getByRole('banner')).getByRole('button', { name: 'Menu tài khoản: Hoàng Thị Lan' })).toBeInTheDocument();
  });

  it('shows a field error the server returns (e.g. the phone is taken)', async () => {
    mockApi(
      communesRoute(),
      route('POST', '/api/auth/register', () =>
        apiError(409, 'CONFLICT', 'Đã tồn tại', { errors: [{ field: 'phone', message: 'Số điện thoại đã được đăng ký.' }] }),
      ),
    );
    const { user } = renderApp('/dang-ky');

    await user.type(field('Họ và tên'), 'Hoàng Thị Lan');
    await user.type(field('Số điện thoại'), '0912345678');
    await user.type(field('Mật khẩu'), 'matkhau123');
    await user.type(field('Nhập lại mật khẩu'), 'matkhau123');
    const commune = screen.getByRole('textbox', { name: 'Xã, phường nơi bạn sinh sống' });
    await waitFor(() => expect(commune).toBeEnabled());
    await user.click(commune);
    await user.click(await screen.findByRole('option', { name: 'Phường Đông Kinh' }));
    await user.click(screen.getByRole('button', { name: 'Đăng ký' }));

    expect(await screen.findByText('Số điện thoại đã được đăng ký.')).toBeInTheDocument();
    expect(field('Số điện thoại')).toHaveAttribute('aria-invalid', 'true');
  });
});
