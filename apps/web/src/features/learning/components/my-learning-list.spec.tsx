import type { MyLearningItem } from '@bdhv/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { MyLearningList } from './my-learning-list';

function item(index: number, overrides: Partial<MyLearningItem> = {}): MyLearningItem {
  return {
    id: `33000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    courseId: `30000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    userId: '10000000-0000-4000-8000-000000000002',
    orgUnitId: '00000000-0000-4000-8000-000000000001',
    source: 'self',
    status: 'active',
    dueAt: null,
    progressPercent: 0,
    completedLessons: 0,
    completedAt: null,
    lastActivityAt: null,
    createdAt: '2026-02-01T08:00:00.000Z',
    course: { id: `30000000-0000-4000-8000-${String(index).padStart(12, '0')}`, slug: `khoa-hoc-${index}`, title: `Khóa học ${index}`, coverImageKey: null, coverUrl: null },
    completed: false,
    ...overrides,
  };
}

function renderList() {
  return renderWithProviders(<MyLearningList courseHref={(slug) => `/khoa-hoc/${slug}`} catalogHref="/khoa-hoc" />, {
    path: '/hoc-tap-cua-toi',
    session: makeSession(makeMe({ roles: ['learner'] })),
  });
}

describe('MyLearningList', () => {
  it('lists enrolments with progress and status, overdue ones flagged, finished ones last', async () => {
    mockApi(
      route('GET', '/api/me/learning', () =>
        jsonResponse({
          items: [
            item(1, { status: 'completed', completed: true, progressPercent: 100 }),
            item(2, { progressPercent: 40, dueAt: '2020-01-31T16:59:59.000Z', source: 'assignment' }),
            item(3, { progressPercent: 10 }),
          ],
        }),
      ),
    );
    renderList();

    const list = await screen.findByRole('list', { name: 'Khóa học của tôi' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => within(row).getByRole('heading').textContent)).toEqual(['Khóa học 2', 'Khóa học 3', 'Khóa học 1']);
    const overdue = within(rows[0]!);
    expect(overdue.getByText('Quá hạn')).toBeInTheDocument();
    expect(overdue.getByText(/Đã quá hạn hoàn thành \(31\/01\/2020\)/)).toBeInTheDocument();
    expect(overdue.getByText('Được giao bởi đơn vị')).toBeInTheDocument();
    expect(overdue.getByRole('progressbar', { name: 'Tiến độ: Khóa học 2' })).toHaveAttribute('aria-valuenow', '40');
    expect(overdue.getByRole('link', { name: 'Khóa học 2' })).toHaveAttribute('href', '/khoa-hoc/khoa-hoc-2');
    expect(overdue.getByRole('link', { name: 'Tiếp tục' })).toHaveAccessibleDescription('Khóa học 2');
    expect(within(rows[2]!).getByText('Đã hoàn thành')).toBeInTheDocument();
    expect(within(rows[2]!).getByRole('link', { name: 'Xem lại' })).toBeInTheDocument();
  });

  it('points to the catalog when there is nothing yet', async () => {
    mockApi(route('GET', '/api/me/learning', () => jsonResponse({ items: [] })));
    renderList();

    expect(await screen.findByText('Bạn chưa ghi danh khóa học nào.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem danh sách khóa học' })).toHaveAttribute('href', '/khoa-hoc');
  });
});
