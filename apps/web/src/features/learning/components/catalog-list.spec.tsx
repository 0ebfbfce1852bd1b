import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, makeSession, mockApi, route, type MockRequest } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { makeSummary } from '../testing/fixtures';
import { CatalogList } from './catalog-list';

/** A catalog of `total` courses; the search "khong co" finds nothing. */
function catalogApi(total: number) {
  return route('GET', '/api/catalog', (request: MockRequest) => {
    const page = Number(request.url.searchParams.get('page'));
    const pageSize = Number(request.url.searchParams.get('pageSize'));
    const count = request.url.searchParams.get('q') === 'khong co' ? 0 : total;
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, count - start)) }, (_, i) =>
      makeSummary(start + i + 1, i === 0 ? { category: 'An toàn thông tin', estimatedMinutes: 45, tags: ['nq57', 'an-toan'] } : {}),
    );
    return jsonResponse({ items, page, pageSize, total: count });
  });
}

const categoriesApi = route('GET', '/api/catalog-categories', () => jsonResponse({ items: ['An toàn thông tin', 'Kỹ năng số'] }));

function renderCatalog(path = '/khoa-hoc') {
  return renderWithProviders(<CatalogList courseHref={(slug) => `/khoa-hoc/${slug}`} />, {
    path,
    session: makeSession(makeMe({ roles: ['learner'], audiences: ['resident'] })),
  });
}

/** Requests for the cards. */
const cardRequests = (api: ReturnType<typeof mockApi>) => api.find('GET', '/api/catalog').filter((call) => call.url.searchParams.get('pageSize') === '12');

describe('CatalogList', () => {
  it('shows course cards that link to the course, with duration, category and tags', async () => {
    mockApi(categoriesApi, catalogApi(15));
    renderCatalog();

    expect(screen.getByRole('status')).toHaveTextContent('Đang tải danh sách khóa học…');
    const list = await screen.findByRole('list', { name: 'Danh sách khóa học' });
    expect(within(list).getAllByRole('heading', { level: 2 })).toHaveLength(12);
    expect(within(list).getByRole('link', { name: 'Kỹ năng số cơ bản 1' })).toHaveAttribute('href', '/khoa-hoc/khoa-hoc-1');
    expect(within(list).getByText('Khoảng 45 phút')).toBeInTheDocument();
    expect(within(list).getAllByText('Khoảng 1 giờ 30 phút')).toHaveLength(11);
    expect(within(list).getByText('An toàn thông tin')).toBeInTheDocument();
    expect(within(list).getByText('#nq57')).toBeInTheDocument();
    expect(screen.getByText('Hiển thị 1–12 trên tổng số 15')).toBeInTheDocument();
  });

  it('debounces the search into the address and asks the server once, from page 1', async () => {
    const api = mockApi(categoriesApi, catalogApi(15));
    const { user, router } = renderCatalog('/khoa-hoc?page=2');
    await screen.findByRole('link', { name: 'Kỹ năng số cơ bản 13' });
    const before = cardRequests(api).length;

    await user.type(screen.getByRole('searchbox', { name: 'Tìm khóa học' }), 'ky nang so');

    await waitFor(() => expect(router.state.location.search).toBe('?q=ky+nang+so'));
    await screen.findByRole('link', { name: 'Kỹ năng số cơ bản 1' });
    const searches = cardRequests(api).slice(before);
    expect(searches.map((call) => call.url.searchParams.get('q'))).toEqual(['ky nang so']);
    expect(searches[0]!.url.searchParams.get('page')).toBe('1');
  });

  it('says when nothing matches and clears the filters', async () => {
    mockApi(categoriesApi, catalogApi(3));
    const { user, router } = renderCatalog();
    await screen.findByRole('link', { name: 'Kỹ năng số cơ bản 1' });

    await user.type(screen.getByRole('searchbox', { name: 'Tìm khóa học' }), 'khong co{Enter}');

    expect(await screen.findByText('Không tìm thấy khóa học phù hợp')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Danh sách khóa học' })).not.toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Xóa bộ lọc' }).at(-1)!);
    expect(await screen.findByRole('link', { name: 'Kỹ năng số cơ bản 1' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('filters by audience and by a category of the published courses', async () => {
    const api = mockApi(categoriesApi, catalogApi(3));
    const { user, router } = renderCatalog();
    await screen.findByRole('link', { name: 'Kỹ năng số cơ bản 1' });

    await user.click(screen.getByRole('textbox', { name: 'Đối tượng' }));
    await user.click(await screen.findByRole('option', { name: 'Doanh nghiệp' }));
    await waitFor(() => expect(cardRequests(api).at(-1)!.url.searchParams.get('audience')).toBe('enterprise'));

    await user.click(screen.getByRole('textbox', { name: 'Chủ đề' }));
    await user.click(await screen.findByRole('option', { name: 'An toàn thông tin' }));
    await waitFor(() => expect(cardRequests(api).at(-1)!.url.searchParams.get('category')).toBe('An toàn thông tin'));
    expect(router.state.location.search).toBe('?audience=enterprise&category=An+to%C3%A0n+th%C3%B4ng+tin');
  });

  it('shows an error with a retry', async () => {
    let fail = true;
    mockApi(
      categoriesApi,
      route('GET', '/api/catalog', (request) =>
        fail ? jsonResponse({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'x', requestId: 'req-c' }, { status: 500 }) : catalogApi(2)(request)!,
      ),
    );
    const { user } = renderCatalog();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Không tải được danh sách khóa học');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('link', { name: 'Kỹ năng số cơ bản 1' })).toBeInTheDocument();
  });
});
