import type { CourseSummary } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { course } from '../testing/fixtures';
import { MyCoursesList } from './my-courses-list';

function summary(overrides: Partial<CourseSummary>): CourseSummary {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { owners, modules, ...rest } = course();
  return { ...rest, ...overrides };
}

function renderList(path = '/giang-day') {
  return renderWithProviders(<MyCoursesList courseHref={(id) => `/giang-day/khoa-hoc/${id}`} createHref="/giang-day/khoa-hoc/moi" />, {
    path,
    session: makeSession(makeMe({ roles: ['trainer'] })),
  });
}

describe('MyCoursesList', () => {
  it('lists the courses with their status and filters by status through the address', async () => {
    const api = mockApi(
      route('GET', '/api/courses', (request) => {
        const status = request.url.searchParams.get('status');
        const items = [
          summary({ id: 'c1', title: 'Kỹ năng số cơ bản', status: 'published', publishedAt: '2026-03-03T02:00:00.000Z' }),
          summary({ id: 'c2', title: 'An toàn trên mạng', status: 'draft' }),
        ].filter((item) => !status || item.status === status);
        return jsonResponse({ items, page: 1, pageSize: 20, total: items.length });
      }),
    );
    const { user, router } = renderList();

    const table = within(await screen.findByRole('region', { name: 'Bảng khóa học của tôi' }));
    expect(table.getByRole('link', { name: 'Kỹ năng số cơ bản' })).toHaveAttribute('href', '/giang-day/khoa-hoc/c1');
    expect(table.getByText('Đã xuất bản')).toBeInTheDocument();
    expect(table.getByText('Bản nháp')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tạo khóa học' })).toHaveAttribute('href', '/giang-day/khoa-hoc/moi');

    await user.click(screen.getByRole('textbox', { name: 'Trạng thái' }));
    await user.click(await screen.findByRole('option', { name: 'Bản nháp' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=draft'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Kỹ năng số cơ bản' })).not.toBeInTheDocument());
    expect(api.calls.some((call) => call.url.searchParams.get('status') === 'draft')).toBe(true);
  });

  it('searches by typed words and explains an empty result', async () => {
    const api = mockApi(route('GET', '/api/courses', () => jsonResponse({ items: [], page: 1, pageSize: 20, total: 0 })));
    const { user } = renderList();
    expect(await screen.findByText('Bạn chưa có khóa học nào.')).toBeInTheDocument();
    // The empty state points at the one "Create course" link instead of repeating it.
    expect(screen.getAllByRole('link', { name: 'Tạo khóa học' })).toHaveLength(1);

    await user.type(screen.getByRole('searchbox', { name: 'Tìm theo tên, chủ đề hoặc thẻ' }), 'ky nang{Enter}');
    expect(await screen.findByText('Không có khóa học nào phù hợp với bộ lọc.')).toBeInTheDocument();
    expect(api.calls.some((call) => call.url.searchParams.get('q') === 'ky nang')).toBe(true);
  });
});
