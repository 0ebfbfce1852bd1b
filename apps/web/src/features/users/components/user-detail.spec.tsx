import type { UserDetail } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, route, UUID } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { UserDetailView } from './user-detail';

const USER_ID = '20000000-0000-4000-8000-000000000007';
const detail: UserDetail = {
  id: USER_ID,
  fullName: 'Lý Thị Hoa',
  phone: '+84987654321',
  email: null,
  roles: ['learner'],
  audiences: ['official'],
  position: 'Văn thư',
  orgUnit: { id: UUID.commune, code: 'XA-TAN-LIEN', name: 'Xã Tân Liên', kind: 'commune' },
  status: 'active',
  createdAt: '2026-01-05T08:00:00.000Z',
  citizenIdMasked: '********1234',
  mustChangePassword: false,
  lastLoginAt: null,
  linkedIdentityProviders: [],
};
const unitOptions = [
  { value: UUID.province, label: 'Tỉnh Lạng Sơn', depth: 0 },
  { value: UUID.commune, label: 'Xã Tân Liên', depth: 1 },
];

function renderDetail(isAdmin = true, ssoProvider: string | null = null) {
  return renderWithProviders(
    <UserDetailView userId={USER_ID} unitOptions={unitOptions} canAssignAdmin={isAdmin} canForceReset={isAdmin} ssoProvider={ssoProvider} backHref="/quan-tri/nguoi-dung" />,
    { session: makeSession(makeMe()) },
  );
}

describe('UserDetailView', () => {
  it('shows the user with the citizen ID masked and the phone formatted', async () => {
    mockApi(route('GET', `/api/users/${USER_ID}`, () => jsonResponse(detail)));
    renderDetail();

    expect(await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' })).toBeInTheDocument();
    expect(screen.getByText('********1234')).toBeInTheDocument();
    expect(screen.getByText('0987 654 321')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Số định danh cá nhân mới' })).toHaveValue('');
    expect(screen.getByRole('link', { name: 'Quay lại danh sách người dùng' })).toHaveAttribute('href', '/quan-tri/nguoi-dung');
  });

  it('saves roles and audiences, sending the phone normalised and not the citizen ID when left empty', async () => {
    const api = mockApi(
      route('GET', `/api/users/${USER_ID}`, () => jsonResponse(detail)),
      route('PATCH', `/api/users/${USER_ID}`, (request) => jsonResponse({ ...detail, ...(request.json as object) })),
    );
    const { user } = renderDetail();
    await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' });

    await user.click(screen.getByRole('checkbox', { name: 'Giảng viên' }));
    await user.click(screen.getByRole('checkbox', { name: 'Làm công tác truyền thông' }));
    await user.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));

    expect(await screen.findByText('Đã lưu thông tin của Lý Thị Hoa.')).toBeInTheDocument();
    expect(api.find('PATCH', `/api/users/${USER_ID}`)[0]!.json).toEqual({
      fullName: 'Lý Thị Hoa',
      phone: '+84987654321',
      email: null,
      orgUnitId: UUID.commune,
      audiences: ['official', 'communications'],
      roles: ['learner', 'trainer'],
      position: 'Văn thư',
    });
  });

  it('asks before disabling the account', async () => {
    const api = mockApi(
      route('GET', `/api/users/${USER_ID}`, () => jsonResponse(detail)),
      route('PATCH', `/api/users/${USER_ID}`, () => jsonResponse({ ...detail, status: 'disabled' })),
    );
    const { user } = renderDetail();
    await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' });

    await user.click(screen.getByRole('button', { name: 'Vô hiệu hóa tài khoản' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vô hiệu hóa tài khoản của Lý Thị Hoa?' });
    expect(within(dialog).getByRole('button', { name: 'Hủy' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(api.find('PATCH', `/api/users/${USER_ID}`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Vô hiệu hóa tài khoản' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Vô hiệu hóa tài khoản' }));

    expect(await screen.findByText('Đã vô hiệu hóa tài khoản của Lý Thị Hoa.')).toBeInTheDocument();
    expect(api.find('PATCH', `/api/users/${USER_ID}`)[0]!.json).toEqual({ status: 'disabled' });
    expect(await screen.findByRole('button', { name: 'Kích hoạt lại tài khoản' })).toBeInTheDocument();
  });

  it('forces a password reset after confirmation (administrators only)', async () => {
    const api = mockApi(
      route('GET', `/api/users/${USER_ID}`, () => jsonResponse(detail)),
      route('POST', `/api/users/${USER_ID}/force-reset`, () => jsonResponse({ sent: true, channel: 'email' })),
    );
    const { user } = renderDetail();
    await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' });

    await user.click(screen.getByRole('button', { name: 'Buộc đặt lại mật khẩu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Buộc Lý Thị Hoa đặt lại mật khẩu?' });
    await user.click(within(dialog).getByRole('button', { name: 'Buộc đặt lại mật khẩu' }));

    expect(await screen.findByText('Đã gửi liên kết đặt lại mật khẩu tới email của Lý Thị Hoa.')).toBeInTheDocument();
    await waitFor(() => expect(api.find('POST', `/api/users/${USER_ID}/force-reset`)).toHaveLength(1));
  });

  it('hides the reset and the administrator role from unit managers', async () => {
    mockApi(route('GET', `/api/users/${USER_ID}`, () => jsonResponse(detail)));
    renderDetail(false);
    await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' });
    expect(screen.queryByRole('button', { name: 'Buộc đặt lại mật khẩu' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Quản trị viên' })).not.toBeInTheDocument();
  });

  it('lets an administrator allow a trainer to link single sign-on once, after confirmation', async () => {
    const api = mockApi(
      route('GET', `/api/users/${USER_ID}`, () => jsonResponse({ ...detail, roles: ['trainer'] })),
      route('POST', `/api/users/${USER_ID}/oidc-link-permit`, () => jsonResponse({ expiresAt: '2026-11-28T03:00:00.000Z' })),
    );
    const { user } = renderDetail(true, 'VNeID');
    await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' });

    await user.click(screen.getByRole('button', { name: 'Cho phép liên kết VNeID' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cho phép liên kết tài khoản của Lý Thị Hoa với VNeID?' });
    expect(dialog).toHaveTextContent('Trong 24 giờ tới');
    await user.click(within(dialog).getByRole('button', { name: 'Cho phép liên kết VNeID' }));

    expect(await screen.findByText(/^Đã cho phép Lý Thị Hoa liên kết với VNeID đến /)).toBeInTheDocument();
    await waitFor(() => expect(api.find('POST', `/api/users/${USER_ID}/oidc-link-permit`)).toHaveLength(1));
  });

  it('offers the single sign-on permission only for privileged accounts, when single sign-on is on', async () => {
    mockApi(route('GET', `/api/users/${USER_ID}`, () => jsonResponse(detail)));
    renderDetail(true, 'VNeID');
    await screen.findByRole('heading', { level: 1, name: 'Lý Thị Hoa' });
    // A learner links without a password anyway.
    expect(screen.queryByRole('button', { name: 'Cho phép liên kết VNeID' })).not.toBeInTheDocument();
  });
});
