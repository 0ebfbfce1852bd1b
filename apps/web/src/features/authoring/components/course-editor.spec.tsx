import type { CourseDetail } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { course, COURSE_ID, lesson, LESSON_FILE, LESSON_TEXT, LESSON_VIDEO, MODULE_1, MODULE_2 } from '../testing/fixtures';
import { CourseEditor } from './course-editor';

const base = `/giang-day/khoa-hoc/${COURSE_ID}`;

function renderEditor(search = '', { canAssign = false }: { canAssign?: boolean } = {}) {
  const onDeleted = vi.fn();
  const view = renderWithProviders(
    <CourseEditor
      courseId={COURSE_ID}
      backHref="/giang-day"
      previewHref={(lessonId) => `${base}/xem-truoc${lessonId ? `/${lessonId}` : ''}`}
      onDeleted={onDeleted}
      canAssign={canAssign}
      unitOptions={[]}
    />,
    { path: `${base}${search}`, session: makeSession(makeMe({ roles: ['trainer'] })) },
  );
  return { ...view, onDeleted };
}

/** A course write answered with the course `change` makes of the current one. */
function courseApi(initial: CourseDetail) {
  let current = initial;
  return {
    get: () => current,
    answer: (change: (previous: CourseDetail) => CourseDetail) => () => {
      current = change(current);
      return jsonResponse(current);
    },
  };
}

function moduleLessons(detail: CourseDetail, moduleId: string) {
  return detail.modules.find((m) => m.id === moduleId)!.lessons;
}

describe('CourseEditor', () => {
  it('lists every reason publishing was refused, each opening what fixes it', async () => {
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(course())),
      route('POST', `/api/courses/${COURSE_ID}/publish`, () =>
        apiError(400, 'VALIDATION_FAILED', 'Chưa thể xuất bản khóa học: cần khắc phục các vấn đề sau.', {
          errors: [
            { field: 'summary', message: 'Khóa học chưa có mô tả ngắn.' },
            { field: 'modules.0.lessons.0.mediaId', message: 'Bài học video "Video: các chiêu lừa đảo" chưa có video.' },
            { field: 'modules.0.lessons.2.attachmentKey', message: 'Bài học "Tài liệu tham khảo" chưa có tệp đính kèm.' },
            { field: 'modules.1.lessons', message: 'Chương "Giữ an toàn tài khoản" chưa có bài học nào.' },
          ],
        }),
      ),
    );
    const { user, router } = renderEditor();
    expect(await screen.findByRole('heading', { level: 1, name: 'An toàn trên mạng cho người dân' })).toBeInTheDocument();
    expect(screen.getByText('Bản nháp')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem trước' })).toHaveAttribute('href', `${base}/xem-truoc`);

    await user.click(screen.getByRole('button', { name: 'Xuất bản' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xuất bản khóa học?' });
    await user.click(within(dialog).getByRole('button', { name: 'Xuất bản' }));

    const alert = await screen.findByRole('alert', { name: /Chưa thể xuất bản khóa học/ });
    const items = within(within(alert).getByRole('list', { name: 'Các vấn đề cần khắc phục' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Khóa học chưa có mô tả ngắn.',
      'Bài học video "Video: các chiêu lừa đảo" chưa có video.',
      'Bài học "Tài liệu tham khảo" chưa có tệp đính kèm.',
      'Chương "Giữ an toàn tài khoản" chưa có bài học nào.',
    ]);
    expect(within(alert).getByText('Cần khắc phục 4 vấn đề sau. Bấm vào từng vấn đề để mở phần cần sửa.')).toBeInTheDocument();
    expect(alert).toHaveFocus();
    expect(api.find('POST', `/api/courses/${COURSE_ID}/publish`)).toHaveLength(1);

    // The video problem opens the content tab on that lesson.
    await user.click(within(alert).getByRole('button', { name: 'Bài học video "Video: các chiêu lừa đảo" chưa có video.' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Video: các chiêu lừa đảo' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Nội dung' })).toHaveAttribute('aria-selected', 'true');
    expect(router.state.location.search).toBe(`?tab=noi-dung&bai=${LESSON_VIDEO}`);
    expect(screen.getByLabelText('Chọn tệp video')).toBeInTheDocument();
  });

  it('moves a lesson with the keyboard-reachable buttons and sends the new order', async () => {
    const state = courseApi(course());
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(state.get())),
      route(
        'PUT',
        `/api/courses/${COURSE_ID}/modules/${MODULE_1}/lessons/order`,
        (request) =>
          state.answer((previous) => {
            const ids = (request.json as { ids: string[] }).ids;
            const byId = new Map(moduleLessons(previous, MODULE_1).map((l) => [l.id, l]));
            return {
              ...previous,
              modules: previous.modules.map((m) => (m.id === MODULE_1 ? { ...m, lessons: ids.map((id, position) => ({ ...byId.get(id)!, position })) } : m)),
            };
          })(),
      ),
      route('PUT', `/api/courses/${COURSE_ID}/modules/order`, (request) =>
        state.answer((previous) => {
          const ids = (request.json as { ids: string[] }).ids;
          return { ...previous, modules: ids.map((id, position) => ({ ...previous.modules.find((m) => m.id === id)!, position })) };
        })(),
      ),
    );
    const { user } = renderEditor('?tab=noi-dung');
    const lessons = await screen.findByRole('list', { name: 'Bài học của chương “Nhận biết lừa đảo”' });
    expect(screen.getByRole('button', { name: 'Chuyển bài “Video: các chiêu lừa đảo” lên' })).toBeDisabled();

    const down = screen.getByRole('button', { name: 'Chuyển bài “Video: các chiêu lừa đảo” xuống' });
    down.focus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(api.find('PUT', `/api/courses/${COURSE_ID}/modules/${MODULE_1}/lessons/order`)).toHaveLength(1));
    expect(api.find('PUT', `/api/courses/${COURSE_ID}/modules/${MODULE_1}/lessons/order`)[0]!.json).toEqual({ ids: [LESSON_TEXT, LESSON_VIDEO, LESSON_FILE] });
    await waitFor(() =>
      expect(within(lessons).getAllByRole('link').map((link) => link.textContent)).toEqual([
        expect.stringMatching(/^1\. Đọc: năm dấu hiệu/),
        expect.stringMatching(/^2\. Video: các chiêu lừa đảo/),
        expect.stringMatching(/^3\. Tài liệu tham khảo/),
      ]),
    );
    // Focus stays on the moved lesson's button.
    expect(screen.getByRole('button', { name: 'Chuyển bài “Video: các chiêu lừa đảo” xuống' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Chuyển chương “Giữ an toàn tài khoản” lên' }));
    await waitFor(() => expect(api.find('PUT', `/api/courses/${COURSE_ID}/modules/order`)).toHaveLength(1));
    expect(api.find('PUT', `/api/courses/${COURSE_ID}/modules/order`)[0]!.json).toEqual({ ids: [MODULE_2, MODULE_1] });
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Giữ an toàn tài khoản', 'Nhận biết lừa đảo']));
  });

  it('puts the old order back when the server refuses it', async () => {
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(course())),
      route('PUT', `/api/courses/${COURSE_ID}/modules/${MODULE_1}/lessons/order`, () =>
        apiError(409, 'CONFLICT', 'Khóa học đã được lưu trữ, không thể chỉnh sửa.'),
      ),
    );
    const { user } = renderEditor('?tab=noi-dung');
    await user.click(await screen.findByRole('button', { name: 'Chuyển bài “Tài liệu tham khảo” lên' }));
    expect(await screen.findByText('Khóa học đã được lưu trữ, không thể chỉnh sửa.')).toBeInTheDocument();
    expect(api.find('PUT', `/api/courses/${COURSE_ID}/modules/${MODULE_1}/lessons/order`)).toHaveLength(1);
    const lessons = screen.getByRole('list', { name: 'Bài học của chương “Nhận biết lừa đảo”' });
    expect(within(lessons).getAllByRole('link').map((link) => link.textContent)).toEqual([
      expect.stringMatching(/^1\. Video/),
      expect.stringMatching(/^2\. Đọc/),
      expect.stringMatching(/^3\. Tài liệu/),
    ]);
  });

  it('adds a module and a video lesson, then opens the lesson on its upload panel', async () => {
    const NEW_MODULE = '41000000-0000-4000-8000-0000000000aa';
    const NEW_LESSON = '42000000-0000-4000-8000-0000000000aa';
    const state = courseApi(course({ modules: [] }));
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(state.get())),
      route('POST', `/api/courses/${COURSE_ID}/modules`, (request) =>
        state.answer((previous) => ({
          ...previous,
          modules: [{ id: NEW_MODULE, title: (request.json as { title: string }).title, position: 0, lessons: [] }],
        }))(),
      ),
      route('POST', `/api/courses/${COURSE_ID}/modules/${NEW_MODULE}/lessons`, (request) => {
        const body = request.json as { title: string; type: 'video' };
        return state.answer((previous) => ({
          ...previous,
          modules: previous.modules.map((m) => ({ ...m, lessons: [lesson({ id: NEW_LESSON, moduleId: NEW_MODULE, title: body.title, type: body.type })] })),
        }))();
      }),
    );
    const { user, router } = renderEditor();

    await user.click(await screen.findByRole('tab', { name: 'Nội dung' }));
    expect(await screen.findByText('Khóa học chưa có chương nào. Bấm “Thêm chương” để bắt đầu.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Thêm chương' }));
    await user.type(screen.getByLabelText('Tên chương'), 'Nhận biết lừa đảo');
    await user.click(screen.getByRole('button', { name: 'Lưu chương' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Nhận biết lừa đảo' })).toBeInTheDocument();
    expect(api.find('POST', `/api/courses/${COURSE_ID}/modules`)[0]!.json).toEqual({ title: 'Nhận biết lừa đảo' });
    expect(screen.queryByLabelText('Tên chương')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Thêm bài học/ }));
    await user.type(screen.getByLabelText('Tên bài học'), 'Video: các chiêu lừa đảo');
    await user.selectOptions(screen.getByLabelText('Loại bài học'), 'Video');
    await user.click(screen.getByRole('button', { name: 'Lưu bài học' }));

    expect(await screen.findByLabelText('Chọn tệp video')).toBeInTheDocument();
    expect(api.find('POST', `/api/courses/${COURSE_ID}/modules/${NEW_MODULE}/lessons`)[0]!.json).toEqual({ title: 'Video: các chiêu lừa đảo', type: 'video', required: true });
    expect(router.state.location.search).toBe(`?tab=noi-dung&bai=${NEW_LESSON}`);
    expect(screen.getByRole('heading', { level: 2, name: 'Video: các chiêu lừa đảo' })).toHaveFocus();
    expect(screen.getByText('Chưa có video')).toBeInTheDocument();
  });

  it('saves a text lesson from the rich-text editor and asks before leaving unsaved changes', async () => {
    const state = courseApi(course());
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(state.get())),
      route('PATCH', `/api/courses/${COURSE_ID}/lessons/${LESSON_TEXT}`, (request) => {
        const body = request.json as { title: string; required: boolean; textHtml: string };
        return state.answer((previous) => ({
          ...previous,
          modules: previous.modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => (l.id === LESSON_TEXT ? { ...l, ...body } : l)) })),
        }))();
      }),
    );
    const { user } = renderEditor(`?tab=noi-dung&bai=${LESSON_TEXT}`);

    const editor = await screen.findByRole('textbox', { name: 'Nội dung bài học' });
    expect(editor).toHaveAttribute('contenteditable', 'true');
    expect(editor).toHaveTextContent('Không cung cấp mã OTP.');
    expect(screen.getByRole('button', { name: 'In đậm' })).toBeInTheDocument();

    const title = screen.getByLabelText('Tiêu đề bài học');
    await user.clear(title);
    await user.type(title, 'Đọc: năm dấu hiệu lừa đảo');
    expect(screen.getByText('Có thay đổi chưa lưu')).toBeInTheDocument();

    // Leaving for another tab asks first; staying keeps the edit.
    await user.click(screen.getByRole('tab', { name: 'Thông tin' }));
    const ask = await screen.findByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' });
    await user.click(within(ask).getByRole('button', { name: 'Hủy' }));
    expect(screen.getByLabelText('Tiêu đề bài học')).toHaveValue('Đọc: năm dấu hiệu lừa đảo');

    await user.click(screen.getByRole('button', { name: 'Lưu nội dung' }));
    expect(await screen.findByText('Đã lưu')).toBeInTheDocument();
    expect(api.find('PATCH', `/api/courses/${COURSE_ID}/lessons/${LESSON_TEXT}`)[0]!.json).toEqual({
      title: 'Đọc: năm dấu hiệu lừa đảo',
      required: true,
      textHtml: '<p>Không cung cấp mã OTP.</p>',
    });

    // Saved: switching tabs no longer asks.
    await user.click(screen.getByRole('tab', { name: 'Thông tin' }));
    expect(await screen.findByLabelText(/Tên khóa học/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
  it('archives a published course after asking, then shows it read-only', async () => {
    const state = courseApi(course({ status: 'published', publishedAt: '2026-03-03T02:00:00.000Z' }));
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(state.get())),
      route('POST', `/api/courses/${COURSE_ID}/archive`, state.answer((previous) => ({ ...previous, status: 'archived' }))),
    );
    const { user } = renderEditor('?tab=noi-dung');
    expect(await screen.findByText('Đã xuất bản')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Xóa khóa học' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Lưu trữ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lưu trữ khóa học?' });
    await user.click(within(dialog).getByRole('button', { name: 'Lưu trữ' }));

    expect(await screen.findByText('Khóa học đã lưu trữ')).toBeInTheDocument();
    expect(api.find('POST', `/api/courses/${COURSE_ID}/archive`)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Xuất bản lại' })).toBeInTheDocument();
    // Read-only: no adding, moving or deleting.
    expect(screen.queryByRole('button', { name: 'Thêm chương' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Chuyển bài/ })).not.toBeInTheDocument();
  });

  it('deletes a draft after asking and leaves the page', async () => {
    const api = mockApi(
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(course())),
      route('DELETE', `/api/courses/${COURSE_ID}`, () => new Response(null, { status: 204 })),
    );
    const { user, onDeleted } = renderEditor();
    await user.click(await screen.findByRole('button', { name: 'Xóa khóa học' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xóa khóa học nháp?' });
    expect(within(dialog).getByText('Khóa học “An toàn trên mạng cho người dân” cùng mọi chương và bài học sẽ bị xóa vĩnh viễn.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Xóa khóa học' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledOnce());
    expect(api.find('DELETE', `/api/courses/${COURSE_ID}`)).toHaveLength(1);
  });
});
