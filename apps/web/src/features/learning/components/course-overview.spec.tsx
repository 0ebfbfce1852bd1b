import type { CatalogCourse } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { COURSE_ID, LESSON, lessonProgress, makeCatalogCourse, makeProgress } from '../testing/fixtures';
import { CourseOverview } from './course-overview';

function renderCourse() {
  return renderWithProviders(
    <CourseOverview slug="an-toan-tren-mang" catalogHref="/khoa-hoc" lessonHref={(slug, id) => `/khoa-hoc/${slug}/bai/${id}`} />,
    { path: '/khoa-hoc/an-toan-tren-mang', session: makeSession(makeMe({ roles: ['learner'], audiences: ['resident'] })) },
  );
}

const enrolment = {
  id: '33000000-0000-4000-8000-000000000001',
  courseId: COURSE_ID,
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
};

describe('CourseOverview', () => {
  it('enrols: the progress bar and "continue" appear, and progress is asked for only once enrolled', async () => {
    let course: CatalogCourse = makeCatalogCourse();
    const api = mockApi(
      route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(course)),
      route('POST', `/api/courses/${COURSE_ID}/enrol`, () => {
        course = { ...course, myEnrolment: { status: 'active', progressPercent: 0, dueAt: null } };
        return jsonResponse(enrolment, { status: 201 });
      }),
      route('GET', `/api/progress/courses/${COURSE_ID}`, () => jsonResponse(makeProgress())),
    );
    const { user } = renderCourse();

    expect(await screen.findByRole('heading', { level: 1, name: 'An toàn trên mạng' })).toBeInTheDocument();
    expect(screen.getByText('Video: các chiêu lừa đảo')).toBeInTheDocument();
    // Not enrolled: lessons are listed without links and no progress is requested (it would 404).
    expect(screen.queryByRole('link', { name: 'Video: các chiêu lừa đảo' })).not.toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(api.find('GET', `/api/progress/courses/${COURSE_ID}`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Ghi danh' }));

    const progress = await screen.findByRole('progressbar', { name: 'Tiến độ khóa học' });
    expect(progress).toHaveAttribute('aria-valuenow', '0');
    expect(api.find('POST', `/api/courses/${COURSE_ID}/enrol`)).toHaveLength(1);
    expect(await screen.findByRole('link', { name: 'Tiếp tục học' })).toHaveAttribute('href', `/khoa-hoc/an-toan-tren-mang/bai/${LESSON.video}`);
    expect(await screen.findByText('0/2 bài bắt buộc đã hoàn thành')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Video: các chiêu lừa đảo' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ghi danh' })).not.toBeInTheDocument();
  });

  it('shows progress, lesson statuses, the due date and where to continue', async () => {
    const course = makeCatalogCourse({ myEnrolment: { status: 'active', progressPercent: 50, dueAt: '2099-03-31T16:59:59.000Z' } });
    mockApi(
      route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(course)),
      route('GET', `/api/progress/courses/${COURSE_ID}`, () =>
        jsonResponse(makeProgress({ progressPercent: 50, completedLessons: 1, lessons: [lessonProgress(LESSON.video, 'completed'), lessonProgress(LESSON.text, 'in_progress')] })),
      ),
    );
    renderCourse();

    const progress = await screen.findByRole('progressbar', { name: 'Tiến độ khóa học' });
    expect(progress).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('Hoàn thành 50%')).toBeInTheDocument();
    expect(await screen.findByText('1/2 bài bắt buộc đã hoàn thành')).toBeInTheDocument();
    expect(screen.getByText(/Hạn hoàn thành: 31\/03\/2099/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tiếp tục học' })).toHaveAttribute('href', `/khoa-hoc/an-toan-tren-mang/bai/${LESSON.text}`);

    const outline = within(screen.getByRole('region', { name: 'Chương 1: Nhận biết lừa đảo' }));
    const items = outline.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Đã hoàn thành');
    expect(items[1]).toHaveTextContent('Đang học');
    expect(items[2]).toHaveTextContent('Chưa học');
    expect(items[2]).toHaveTextContent('Không bắt buộc');
  });

  it('locks later lessons under strict order', async () => {
    const course = makeCatalogCourse({ strictOrder: true, myEnrolment: { status: 'active', progressPercent: 0, dueAt: null } });
    mockApi(
      route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(course)),
      route('GET', `/api/progress/courses/${COURSE_ID}`, () => jsonResponse(makeProgress())),
    );
    renderCourse();

    const outline = within(await screen.findByRole('region', { name: 'Chương 1: Nhận biết lừa đảo' }));
    await waitFor(() => expect(outline.getAllByText('Chưa mở khóa')).toHaveLength(2));
    expect(outline.getByRole('link', { name: 'Video: các chiêu lừa đảo' })).toBeInTheDocument();
    expect(outline.queryByRole('link', { name: 'Đọc: năm dấu hiệu' })).not.toBeInTheDocument();
  });

  it('asks before leaving the course, then offers enrolment again', async () => {
    let course = makeCatalogCourse({ myEnrolment: { status: 'active', progressPercent: 0, dueAt: null } });
    const api = mockApi(
      route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(course)),
      route('GET', `/api/progress/courses/${COURSE_ID}`, () => jsonResponse(makeProgress())),
      route('DELETE', `/api/courses/${COURSE_ID}/enrol`, () => {
        course = { ...course, myEnrolment: null };
        return new Response(null, { status: 204 });
      }),
    );
    const { user } = renderCourse();

    await user.click(await screen.findByRole('button', { name: 'Rời khóa học' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rời khóa học này?' });
    expect(api.find('DELETE', `/api/courses/${COURSE_ID}/enrol`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Rời khóa học' }));

    expect(await screen.findByRole('button', { name: 'Ghi danh' })).toBeInTheDocument();
    expect(api.find('DELETE', `/api/courses/${COURSE_ID}/enrol`)).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(api.find('GET', `/api/progress/courses/${COURSE_ID}`)).toHaveLength(1);
  });

  it('explains when the course is not open to the learner', async () => {
    mockApi(route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(makeCatalogCourse({ openToMe: false }))));
    renderCourse();

    expect(await screen.findByText(/Khóa học này dành cho nhóm đối tượng hoặc đơn vị khác/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ghi danh' })).not.toBeInTheDocument();
  });

  it('shows a missing course as an error', async () => {
    mockApi(route('GET', '/api/catalog/an-toan-tren-mang', () => apiError(404, 'NOT_FOUND', 'Không tìm thấy khóa học.')));
    renderCourse();

    expect(await screen.findByRole('alert')).toHaveTextContent('Không tải được khóa học');
  });
});
