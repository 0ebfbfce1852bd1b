import type { UserSummary } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, route, UUID, type MockRequest } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { UserList } from './user-list';

function makeUser(index: number): UserSummary {
  return {
    id: `20000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    fullName: `Nguyễn Văn ${index}`,
    phone: '+84912345678',
    email: `user${index}@langson.gov.vn`,
    roles: ['learner'],
    audiences: ['official'],
    position: null,
    orgUnit: { id: UUID.department, code: 'SO-NOI-VU', name: 'Sở Nội vụ', kind: 'department' },
    status: 'active',
    createdAt: '2026-01-05T08:00:00.000Z',
  };
}

/** A server with `total` users, 20 per page; `q` narrows nothing unless it is "khong-co". */
function usersApi(total: number) {
  return route('GET', '/api/users', (request: MockRequest) => {
    const page = Number(request.url.searchParams.get('page'));
    const pageSize = Number(request.url.searchParams.get('pageSize'));
    const count = request.url.searchParams.get('q') === 'khong co ai' ? 0 : total;
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, count - start)) }, (_, i) => makeUser(start + i + 1));
    return jsonResponse({ items, page, pageSize, total: count });
  });
}

const unitOptions = [
  { value: UUID.province, label: 'Tỉnh Lạng Sơn', depth: 0 },
  { value: UUID.department, label: 'Sở Nội vụ', depth: 1 },
];

function renderList() {
  return renderWithProviders(<UserList unitOptions={unitOptions} userHref={(id) => `/quan-tri/nguoi-dung/${id}`} createHref="/quan-tri/nguoi-dung/moi" />, {
    path: '/quan-tri/nguoi-dung',
    session: makeSession(makeMe()),
  });
}

describe('UserList', () => {
  it('shows a loading skeleton, then the first page with the total and links to each user', async () => {
    const api = mockApi(usersApi(45));
    renderList();

    expect(screen.getByRole('status')).toHaveTextContent('Đang tải danh sách người dùng…');
    const table = await screen.findByRole('table', { name: 'Danh sách người dùng' });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(within(table).getByRole('link', { name: 'Nguyễn Văn 1' })).toHaveAttribute(
      'href',
      '/quan-tri/nguoi-dung/20000000-0000-4000-8000-000000000001',
    );
    expect(within(table).getAllByText('0912 345 678')).toHaveLength(20);
    expect(screen.getByText('Hiển thị 1–20 trên tổng số 45')).toBeInTheDocument();
    expect(api.find('GET', '/api/users')[0]!.url.search).toBe('?page=1&pageSize=20');
  });

  it('pages through the results', async () => {
    const api = mockApi(usersApi(45));
    const { user, router } = renderList();
    await screen.findByRole('table', { name: 'Danh sách người dùng' });

    const pages = within(screen.getByRole('navigation', { name: 'Phân trang danh sách người dùng' }));
    expect(pages.getByRole('button', { name: 'Trang 1' })).toHaveAttribute('aria-current', 'page');
    await user.click(pages.getByRole('button', { name: 'Trang sau' }));

    expect(await screen.findByRole('link', { name: 'Nguyễn Văn 21' })).toBeInTheDocument();
    expect(screen.getByText('Hiển thị 21–40 trên tổng số 45')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=2');
    expect(api.find('GET', '/api/users').at(-1)!.url.searchParams.get('page')).toBe('2');

    await user.click(pages.getByRole('button', { name: 'Trang 3' }));
    expect(await screen.findByRole('link', { name: 'Nguyễn Văn 45' })).toBeInTheDocument();
    expect(screen.getByText('Hiển thị 41–45 trên tổng số 45')).toBeInTheDocument();
  });

  it('debounces the search: one request for the settled text, back to page 1', async () => {
    const api = mockApi(usersApi(45));
    const { user, router } = renderList();
    await screen.findByRole('table', { name: 'Danh sách người dùng' });
    await user.click(within(screen.getByRole('navigation', { name: 'Phân trang danh sách người dùng' })).getByRole('button', { name: 'Trang 2' }));
    await screen.findByRole('link', { name: 'Nguyễn Văn 21' });
    const before = api.find('GET', '/api/users').length;

    await user.type(screen.getByRole('searchbox', { name: 'Tìm theo tên, số điện thoại hoặc email' }), 'nguyen van');

    await waitFor(() => expect(router.state.location.search).toBe('?q=nguyen+van'));
    await screen.findByRole('link', { name: 'Nguyễn Văn 1' });
    const searches = api.find('GET', '/api/users').slice(before);
    expect(searches.map((call) => call.url.searchParams.get('q'))).toEqual(['nguyen van']);
    expect(searches[0]!.url.searchParams.get('page')).toBe('1');
  });

  it('shows an empty state with a way to clear the filters', async () => {
    mockApi(usersApi(45));
    const { user } = renderList();
    await screen.findByRole('table', { name: 'Danh sách người dùng' });

    await user.type(screen.getByRole('searchbox', { name: 'Tìm theo tên, số điện thoại hoặc email' }), 'khong co ai{Enter}');

    expect(await screen.findByText('Không tìm thấy người dùng nào phù hợp.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Xóa bộ lọc' })[0]!);
    expect(await screen.findByRole('table', { name: 'Danh sách người dùng' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Tìm theo tên, số điện thoại hoặc email' })).toHaveValue('');
  });

  it('filters by role and unit', async () => {
    const api = mockApi(usersApi(5));
    const { user } = renderList();
    await screen.findByRole('table', { name: 'Danh sách người dùng' });

    await user.click(screen.getByRole('textbox', { name: 'Vai trò' }));
    await user.click(await screen.findByRole('option', { name: 'Quản lý đơn vị' }));
    await waitFor(() => expect(api.find('GET', '/api/users').at(-1)!.url.searchParams.get('role')).toBe('unit_manager'));

    await user.type(screen.getByRole('textbox', { name: 'Đơn vị' }), 'so noi');
    await user.click(await screen.findByRole('option', { name: 'Sở Nội vụ' }));
    await waitFor(() => expect(api.find('GET', '/api/users').at(-1)!.url.searchParams.get('orgUnitId')).toBe(UUID.department));
  });

  it('shows an error with a retry', async () => {
    let fail = true;
    mockApi(route('GET', '/api/users', (request) => (fail ? jsonResponse({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'x', requestId: 'req-u' }, { status: 500 }) : usersApi(3)(request)!)));
    const { user } = renderList();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Không tải được danh sách người dùng');
    expect(alert).toHaveTextContent('Máy chủ gặp lỗi. Vui lòng thử lại sau.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('table', { name: 'Danh sách người dùng' })).toBeInTheDocument();
  });
});
