import type { CourseEnrolmentRow } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, route, UUID } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { course, COURSE_ID } from '../testing/fixtures';
import { CourseLearnersTab } from './course-learners-tab';

const row: CourseEnrolmentRow = {
  id: 'e1',
  courseId: COURSE_ID,
  userId: UUID.learner,
  orgUnitId: UUID.commune,
  source: 'assignment',
  status: 'active',
  dueAt: '2026-04-30T16:59:59.000Z',
  progressPercent: 40,
  completedLessons: 1,
  completedAt: null,
  lastActivityAt: '2026-03-05T03:00:00.000Z',
  createdAt: '2026-03-01T03:00:00.000Z',
  learner: { id: UUID.learner, fullName: 'Hà Thị Người Dân' },
};

const unitOptions = [
  { value: UUID.province, label: 'Tỉnh Lạng Sơn', depth: 0 },
  { value: UUID.commune, label: 'Xã Tân Liên', depth: 1 },
];

describe('CourseLearnersTab', () => {
  it('shows learners with their progress and lets a manager assign the published course to a unit', async () => {
    let assigned = false;
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}/enrolments`, () => jsonResponse({ items: [row], page: 1, pageSize: 20, total: 1 })),
      route('GET', `/api/courses/${COURSE_ID}/assignments`, () =>
        jsonResponse({
          items: assigned
            ? [{ id: 'a1', courseId: COURSE_ID, orgUnitId: UUID.commune, audiences: ['resident'], dueAt: null, createdById: UUID.admin, status: 'completed', enrolled: 12, createdAt: '2026-03-06T03:00:00.000Z' }]
            : [],
        }),
      ),
      route('POST', `/api/courses/${COURSE_ID}/assignments`, (request) => {
        assigned = true;
        return jsonResponse({ id: 'a1', courseId: COURSE_ID, createdById: UUID.admin, status: 'queued', enrolled: 0, createdAt: '2026-03-06T03:00:00.000Z', dueAt: null, audiences: [], ...(request.json as object) }, { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<CourseLearnersTab course={course({ status: 'published' })} canAssign unitOptions={unitOptions} />, {
      session: makeSession(makeMe()),
    });

    const table = within(await screen.findByRole('region', { name: 'Bảng học viên của khóa học' }));
    expect(table.getByText('Hà Thị Người Dân')).toBeInTheDocument();
    expect(table.getByText('Được giao')).toBeInTheDocument();
    expect(table.getByRole('progressbar', { name: 'Tiến độ của Hà Thị Người Dân' })).toHaveAttribute('aria-valuenow', '40');
    // Required lessons of the course: video, text and attachment.
    expect(table.getByText('1/3')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Giao khóa học' }));
    expect(await screen.findByText('Hãy chọn đơn vị.')).toBeInTheDocument();
    expect(api.find('POST', `/api/courses/${COURSE_ID}/assignments`)).toHaveLength(0);

    await user.click(screen.getByRole('textbox', { name: /Đơn vị được giao/ }));
    await user.click(await screen.findByRole('option', { name: 'Xã Tân Liên' }));
    await user.click(screen.getByRole('checkbox', { name: 'Người dân' }));
    await user.type(screen.getByLabelText(/Hạn hoàn thành/), '2026-04-30');
    await user.click(screen.getByRole('button', { name: 'Giao khóa học' }));

    await waitFor(() => expect(api.find('POST', `/api/courses/${COURSE_ID}/assignments`)).toHaveLength(1));
    const body = api.find('POST', `/api/courses/${COURSE_ID}/assignments`)[0]!.json as { orgUnitId: string; audiences: string[]; dueAt: string };
    expect(body.orgUnitId).toBe(UUID.commune);
    expect(body.audiences).toEqual(['resident']);
    expect(new Date(body.dueAt).getTime()).toBe(new Date('2026-04-30T23:59:59').getTime());
    const assignments = within(await screen.findByRole('region', { name: 'Các lần giao khóa học' }));
    expect(assignments.getByText('Xã Tân Liên')).toBeInTheDocument();
    expect(assignments.getByText('Hoàn tất')).toBeInTheDocument();
  });

  it('explains that only published courses can be assigned, and hides the form from trainers', async () => {
    mockApi(route('GET', `/api/courses/${COURSE_ID}/enrolments`, () => jsonResponse({ items: [], page: 1, pageSize: 20, total: 0 })));
    const draft = renderWithProviders(<CourseLearnersTab course={course()} canAssign unitOptions={unitOptions} />, { session: makeSession(makeMe()) });
    expect(await screen.findByText('Chưa có học viên nào ghi danh.')).toBeInTheDocument();
    expect(screen.getByText('Chỉ giao được khóa học đã xuất bản.')).toBeInTheDocument();
    draft.unmount();

    renderWithProviders(<CourseLearnersTab course={course({ status: 'published' })} canAssign={false} unitOptions={[]} />, {
      session: makeSession(makeMe({ roles: ['trainer'] })),
    });
    expect(await screen.findByText('Chưa có học viên nào ghi danh.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Giao khóa học' })).not.toBeInTheDocument();
  });
});
