import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { course } from '../testing/fixtures';
import { CourseCreateForm } from './course-create-form';

function renderForm() {
  const onCreated = vi.fn();
  const view = renderWithProviders(<CourseCreateForm cancelHref="/giang-day" onCreated={onCreated} />, {
    path: '/giang-day/khoa-hoc/moi',
    session: makeSession(makeMe({ roles: ['trainer'] })),
  });
  return { ...view, onCreated };
}

describe('CourseCreateForm', () => {
  it('checks the form with the contract before sending anything', async () => {
    const api = mockApi();
    const { user } = renderForm();

    await user.click(screen.getByRole('button', { name: 'Tạo khóa học' }));
    expect(await screen.findByText('Cần nhập tiêu đề.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Tên khóa học/)).toHaveFocus();

    await user.type(screen.getByLabelText(/Tên khóa học/), 'Kỹ năng số cơ bản');
    await user.type(screen.getByLabelText('Đường dẫn'), 'Kỹ Năng');
    await user.click(screen.getByRole('button', { name: 'Tạo khóa học' }));
    expect(await screen.findByText('Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.')).toBeInTheDocument();
    expect(screen.getByLabelText('Đường dẫn')).toHaveAttribute('aria-invalid', 'true');
    expect(api.find('POST', '/api/courses')).toHaveLength(0);
  });

  it('creates the course with normalized tags and minutes, then hands it over', async () => {
    const created = course({ title: 'Kỹ năng số cơ bản' });
    const api = mockApi(route('POST', '/api/courses', () => jsonResponse(created, { status: 201 })));
    const { user, onCreated } = renderForm();

    await user.type(screen.getByLabelText(/Tên khóa học/), 'Kỹ năng số cơ bản');
    await user.type(screen.getByLabelText('Mô tả ngắn'), 'Dùng điện thoại an toàn.');
    await user.type(screen.getByLabelText('Chủ đề'), 'Kỹ năng số');
    await user.type(screen.getByRole('textbox', { name: 'Thẻ' }), 'Chuyển đổi số{Enter}');
    await user.click(screen.getByRole('checkbox', { name: 'Người dân' }));
    await user.type(screen.getByLabelText('Thời lượng ước tính (giờ)'), '1,5');
    await user.click(screen.getByRole('switch', { name: /^Học lần lượt theo thứ tự/ }));
    await user.click(screen.getByRole('button', { name: 'Tạo khóa học' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.find('POST', '/api/courses')[0]!.json).toEqual({
      title: 'Kỹ năng số cơ bản',
      summary: 'Dùng điện thoại an toàn.',
      category: 'Kỹ năng số',
      tags: ['chuyen-doi-so'],
      targetAudiences: ['resident'],
      targetUnitIds: [],
      estimatedMinutes: 90,
      strictOrder: true,
    });
  });

  it('shows the server’s field errors next to their fields', async () => {
    mockApi(
      route('POST', '/api/courses', () =>
        apiError(400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', { errors: [{ field: 'slug', message: 'Đường dẫn này đã được dùng cho khóa học khác.' }] }),
      ),
    );
    const { user, onCreated } = renderForm();

    await user.type(screen.getByLabelText(/Tên khóa học/), 'Kỹ năng số');
    await user.type(screen.getByLabelText('Đường dẫn'), 'ky-nang-so');
    await user.click(screen.getByRole('button', { name: 'Tạo khóa học' }));

    expect(await screen.findByText('Đường dẫn này đã được dùng cho khóa học khác.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Đường dẫn')).toHaveFocus());
    expect(onCreated).not.toHaveBeenCalled();
  });
});
