import type { CatalogCourse, CourseProgress } from '@bdhv/contracts';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { COURSE_ID, LESSON, lessonProgress, makeCatalogCourse, makeLearnerLesson, makeProgress, makeUpdate } from '../testing/fixtures';
import { LearnerLessonView } from './learner-lesson-view';

function renderLesson(lessonId: string = LESSON.text) {
  return renderWithProviders(
    <LearnerLessonView
      slug="an-toan-tren-mang"
      lessonId={lessonId}
      catalogHref="/khoa-hoc"
      courseHref={(slug) => `/khoa-hoc/${slug}`}
      lessonHref={(slug, id) => `/khoa-hoc/${slug}/bai/${id}`}
    />,
    { path: `/khoa-hoc/an-toan-tren-mang/bai/${lessonId}`, session: makeSession(makeMe({ roles: ['learner'] })) },
  );
}

/** A learner enrolled in the course, with the text lesson's completion recorded by the fake server. */
function enrolledApi({ course = makeCatalogCourse({ myEnrolment: { status: 'active', progressPercent: 0, dueAt: null } }) }: { course?: CatalogCourse } = {}) {
  let progress: CourseProgress = makeProgress({ lessons: [lessonProgress(LESSON.video, 'in_progress', 42)] });
  return mockApi(
    route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(course)),
    route('GET', `/api/progress/courses/${COURSE_ID}`, () => jsonResponse(progress)),
    route('GET', `/api/learn/lessons/${LESSON.text}`, () => jsonResponse(makeLearnerLesson())),
    route('POST', `/api/progress/lessons/${LESSON.text}/complete`, () => {
      const done = lessonProgress(LESSON.text, 'completed');
      progress = { ...progress, progressPercent: 50, completedLessons: 1, lessons: [...progress.lessons, done] };
      return jsonResponse(makeUpdate(done, 50));
    }),
  );
}

/** A controllable IntersectionObserver: `emit(visible)` reports the sentinel's visibility. */
function stubIntersectionObserver() {
  const observers: { callback: IntersectionObserverCallback; disconnected: boolean }[] = [];
  class FakeObserver {
    private readonly entry: { callback: IntersectionObserverCallback; disconnected: boolean };
    constructor(callback: IntersectionObserverCallback) {
      this.entry = { callback, disconnected: false };
      observers.push(this.entry);
    }
    observe() {}
    unobserve() {}
    disconnect() {
      this.entry.disconnected = true;
    }
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  return {
    emit(visible: boolean) {
      for (const observer of observers.filter((o) => !o.disconnected)) {
        observer.callback([{ isIntersecting: visible } as IntersectionObserverEntry], observer as unknown as IntersectionObserver);
      }
    },
  };
}

describe('LearnerLessonView', () => {
  it('renders a text lesson with the outline and lesson navigation; "Tôi đã đọc xong" completes it', async () => {
    const api = enrolledApi();
    const { user } = renderLesson();

    expect(await screen.findByRole('heading', { level: 1, name: 'Đọc: năm dấu hiệu' })).toBeInTheDocument();
    expect(await screen.findByText('Không bao giờ cung cấp mã OTP cho bất kỳ ai.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'An toàn trên mạng' })).toHaveAttribute('href', '/khoa-hoc/an-toan-tren-mang');
    expect(screen.getByRole('link', { name: /Bài trước: Video: các chiêu lừa đảo/ })).toHaveAttribute('href', `/khoa-hoc/an-toan-tren-mang/bai/${LESSON.video}`);
    expect(screen.getByRole('link', { name: /Bài tiếp theo: Tài liệu tham khảo/ })).toHaveAttribute('href', `/khoa-hoc/an-toan-tren-mang/bai/${LESSON.attachment}`);
    expect(screen.getByRole('progressbar', { name: 'Tiến độ khóa học' })).toHaveAttribute('aria-valuenow', '0');

    await user.click(screen.getByRole('button', { name: 'Tôi đã đọc xong' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Đã hoàn thành');
    expect(api.find('POST', `/api/progress/lessons/${LESSON.text}/complete`)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Tôi đã đọc xong' })).not.toBeInTheDocument();
    // The course progress is refreshed.
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Tiến độ khóa học' })).toHaveAttribute('aria-valuenow', '50'));
    expect(screen.getByText('1/2 bài bắt buộc đã hoàn thành')).toBeInTheDocument();
  });

  it('completes a text lesson when the learner scrolls to its end, not merely by opening it', async () => {
    const io = stubIntersectionObserver();
    const api = enrolledApi();
    renderLesson();
    await screen.findByText('Không bao giờ cung cấp mã OTP cho bất kỳ ai.');

    // The end is not on screen when the lesson opens; the learner scrolls to it.
    act(() => io.emit(false));
    act(() => io.emit(true));

    expect(await screen.findByRole('status')).toHaveTextContent('Đã hoàn thành');
    expect(api.find('POST', `/api/progress/lessons/${LESSON.text}/complete`)).toHaveLength(1);
  });

  it('does not complete a short text just because it is fully visible when opened', async () => {
    const io = stubIntersectionObserver();
    const api = enrolledApi();
    renderLesson();
    await screen.findByText('Không bao giờ cung cấp mã OTP cho bất kỳ ai.');

    act(() => io.emit(true));

    expect(screen.getByRole('button', { name: 'Tôi đã đọc xong' })).toBeInTheDocument();
    expect(api.find('POST', `/api/progress/lessons/${LESSON.text}/complete`)).toHaveLength(0);
  });

  it('explains a lesson locked by strict order without asking for its content', async () => {
    const api = enrolledApi({ course: makeCatalogCourse({ strictOrder: true, myEnrolment: { status: 'active', progressPercent: 0, dueAt: null } }) });
    renderLesson();

    expect(await screen.findByText('Bài học chưa mở')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Học bài: Video: các chiêu lừa đảo' })).toHaveAttribute('href', `/khoa-hoc/an-toan-tren-mang/bai/${LESSON.video}`);
    expect(api.find('GET', `/api/learn/lessons/${LESSON.text}`)).toHaveLength(0);
  });

  it('sends a learner who is not enrolled to the course page, without failing requests', async () => {
    const api = mockApi(route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(makeCatalogCourse())));
    renderLesson();

    expect(await screen.findByText('Bạn chưa ghi danh khóa học này')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Đến trang khóa học để ghi danh' })).toHaveAttribute('href', '/khoa-hoc/an-toan-tren-mang');
    expect(api.find('GET', `/api/progress/courses/${COURSE_ID}`)).toHaveLength(0);
    expect(api.find('GET', `/api/learn/lessons/${LESSON.text}`)).toHaveLength(0);
  });

  it("shows the server's reason when the lesson is refused", async () => {
    mockApi(
      route('GET', '/api/catalog/an-toan-tren-mang', () => jsonResponse(makeCatalogCourse({ myEnrolment: { status: 'active', progressPercent: 0, dueAt: null } }))),
      route('GET', `/api/progress/courses/${COURSE_ID}`, () => jsonResponse(makeProgress())),
      route('GET', `/api/learn/lessons/${LESSON.text}`, () => apiError(403, 'FORBIDDEN', 'Bạn cần hoàn thành các bài học trước theo đúng thứ tự của khóa học.')),
    );
    renderLesson();

    expect(await screen.findByRole('alert')).toHaveTextContent('Bạn cần hoàn thành các bài học trước theo đúng thứ tự của khóa học.');
  });

  it('shows a quiz placeholder', async () => {
    mockApi(
      route('GET', '/api/catalog/an-toan-tren-mang', () =>
        jsonResponse(
          makeCatalogCourse({
            myEnrolment: { status: 'active', progressPercent: 0, dueAt: null },
            modules: [{ id: 'm', title: 'Kiểm tra', position: 0, lessons: [{ id: 'q1', title: 'Bài kiểm tra cuối khóa', type: 'quiz', position: 0, required: true, durationSeconds: null }] }],
          }),
        ),
      ),
      route('GET', `/api/progress/courses/${COURSE_ID}`, () => jsonResponse(makeProgress())),
      route('GET', '/api/learn/lessons/q1', () => jsonResponse(makeLearnerLesson({ id: 'q1', type: 'quiz', title: 'Bài kiểm tra cuối khóa', textHtml: null }))),
    );
    renderLesson('q1');

    expect(await screen.findByText(/Bài kiểm tra sẽ có khi hệ thống kiểm tra được đưa vào sử dụng/)).toBeInTheDocument();
  });
});
