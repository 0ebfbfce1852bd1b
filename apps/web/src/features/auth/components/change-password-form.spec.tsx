import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, makeSession, mockApi, route } from '@/test/api-mock';
import { renderWithProviders } from '@/test/render';
import { ChangePasswordForm } from './change-password-form';

const field = (name: string) => screen.getByLabelText(name, { selector: 'input' });

describe('ChangePasswordForm', () => {
  it('shows the server field error for a wrong current password next to that field', async () => {
    mockApi(
      route('POST', '/api/auth/change-password', () =>
        apiError(400, 'VALIDATION_FAILED', 'Sai', { errors: [{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }] }),
      ),
    );
    const { user } = renderWithProviders(<ChangePasswordForm />, { session: makeSession() });

    await user.type(field('Mật khẩu hiện tại'), 'cu123456');
    await user.type(field('Mật khẩu mới'), 'moi123456');
    await user.type(field('Nhập lại mật khẩu'), 'moi123456');
    await user.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));

    expect(await screen.findByText('Mật khẩu hiện tại không đúng.')).toBeInTheDocument();
    expect(field('Mật khẩu hiện tại')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Mật khẩu hiện tại')).toHaveFocus();
  });

  it('changes the password, clears the form and confirms', async () => {
    const api = mockApi(route('POST', '/api/auth/change-password', () => new Response(null, { status: 204 })));
    const { user } = renderWithProviders(<ChangePasswordForm />, { session: makeSession() });

    await user.type(field('Mật khẩu hiện tại'), 'cu123456');
    await user.type(field('Mật khẩu mới'), 'cu123456');
    await user.type(field('Nhập lại mật khẩu'), 'cu123456');
    await user.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));
    expect(await screen.findByText('Mật khẩu mới phải khác mật khẩu cũ.')).toBeInTheDocument();

    await user.clear(field('Mật khẩu mới'));
    await user.type(field('Mật khẩu mới'), 'moi123456');
    await user.clear(field('Nhập lại mật khẩu'));
    await user.type(field('Nhập lại mật khẩu'), 'moi123456');
    await user.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));

    expect(await screen.findByText('Đã đổi mật khẩu')).toBeInTheDocument();
    expect(api.find('POST', '/api/auth/change-password')[0]!.json).toEqual({ currentPassword: 'cu123456', newPassword: 'moi123456' });
    expect(field('Mật khẩu hiện tại')).toHaveValue('');
  });
});
