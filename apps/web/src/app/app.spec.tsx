import { ApiRequestError } from '@/lib/api-client';
import { reloadPage } from '@/lib/browser';
import { LANGUAGE_STORAGE_KEY } from '@/lib/i18n';
import { healthyResponse, jsonResponse, renderApp, stubFetch } from '@/test/render';
import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from './providers';
import { AppLayout } from './layout/app-layout';
import { RouteErrorPage } from './routes/route-error-page';

vi.mock('@/lib/browser', () => ({ reloadPage: vi.fn() }));

beforeEach(() => {
  stubFetch(() => jsonResponse(healthyResponse));
});

function mainNav() {
  return screen.getAllByRole('navigation', { name: /Điều hướng chính|Main navigation/ })[0]!;
}

describe('app shell', () => {
  it('renders the home page in Vietnamese with landmarks and navigation', async () => {
    renderApp('/');

    expect(screen.getByRole('heading', { level: 1, name: 'Bình dân học vụ số' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toHaveTextContent('Tỉnh Lạng Sơn');
    const nav = within(mainNav());
    expect(nav.getByRole('link', { name: 'Trang chủ' })).toHaveAttribute('aria-current', 'page');
    expect(nav.getByRole('link', { name: 'Giới thiệu' })).toHaveAttribute('href', '/gioi-thieu');
    expect(nav.getByRole('link', { name: 'Trạng thái hệ thống' })).toHaveAttribute('href', '/trang-thai');
    expect(screen.getByRole('link', { name: 'Bình dân học vụ số' })).toHaveAttribute('href', '/');
    expect(document.documentElement.lang).toBe('vi');
    await waitFor(() => expect(document.title).toBe('Bình dân học vụ số'));
  });

  it('switches to English, updating headings, navigation and the document language, and remembers it', async () => {
    const { user } = renderApp('/');

    const languageSwitch = screen.getByRole('radiogroup', { name: 'Ngôn ngữ' });
    expect(within(languageSwitch).getByRole('radio', { name: 'Tiếng Việt' })).toBeChecked();

    await user.click(within(languageSwitch).getByRole('radio', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Digital Literacy for All' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Language' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'English' })).toBeChecked();
    const nav = within(screen.getByRole('navigation', { name: 'Main navigation' }));
    expect(nav.getByRole('link', { name: 'Home' })).toBeInTheDocument();
    expect(nav.getByRole('link', { name: 'About' })).toBeInTheDocument();
    expect(nav.getByRole('link', { name: 'System status' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Giới thiệu' })).not.toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    await user.click(screen.getByRole('radio', { name: 'Tiếng Việt' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bình dân học vụ số' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('vi');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('vi');
  });

  it('navigates with the main navigation and moves focus to the new content', async () => {
    const { user, router } = renderApp('/');

    await user.click(within(mainNav()).getByRole('link', { name: 'Giới thiệu' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Giới thiệu' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/gioi-thieu');
    expect(within(mainNav()).getByRole('link', { name: 'Giới thiệu' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('main')).toHaveFocus();
    expect(document.title).toBe('Giới thiệu | Bình dân học vụ số');
    for (const name of ['Người dân', 'Cán bộ và người làm công tác truyền thông', 'Giảng viên', 'Quản lý đơn vị', 'Quản trị viên']) {
      expect(screen.getByRole('heading', { level: 3, name })).toBeInTheDocument();
    }
  });

  it('offers a skip link that moves focus to the main content', async () => {
    const { user } = renderApp('/');

    await user.tab();
    const skipLink = screen.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    expect(skipLink).toHaveFocus();

    await user.click(skipLink);
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('opens the phone menu from the burger and closes it after choosing a page', async () => {
    const { user } = renderApp('/');

    const burger = screen.getByRole('button', { name: 'Mở menu điều hướng' });
    expect(burger).toHaveAttribute('aria-expanded', 'false');
    await user.click(burger);

    const dialog = await screen.findByRole('dialog', { name: 'Menu' });
    expect(burger).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(dialog).getByRole('link', { name: 'Trạng thái hệ thống' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Trạng thái hệ thống' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows the not-found page for an unknown route, with a way home', async () => {
    const { user, router } = renderApp('/khong-co-trang-nay');

    expect(screen.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Không tìm thấy trang | Bình dân học vụ số'));
    // The shell stays usable.
    expect(screen.getByRole('banner')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Về trang chủ' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bình dân học vụ số' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('shows the not-found page in English', async () => {
    const { user } = renderApp('/does-not-exist');
    await user.click(screen.getByRole('radio', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });
});

describe('error handling', () => {
  function Boom({ error }: { error: unknown }): never {
    throw error;
  }

  it('renders the route error page inside the layout, with the request id of an API error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const apiError = new ApiRequestError({ status: 500, code: 'INTERNAL_ERROR', message: 'boom', requestId: 'req-abc-123' });

    renderApp('/', {
      routes: [
        {
          path: '/',
          element: <AppLayout />,
          children: [{ errorElement: <RouteErrorPage />, children: [{ index: true, element: <Boom error={apiError} /> }] }],
        },
      ],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Đã có lỗi xảy ra' })).toBeInTheDocument();
    expect(screen.getByText('Máy chủ gặp lỗi. Vui lòng thử lại sau.')).toBeInTheDocument();
    expect(screen.getByText('Mã yêu cầu: req-abc-123')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tải lại trang' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
  });

  it('reloads the page from the error page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const { user } = renderApp('/', {
      routes: [{ path: '/', element: <Boom error={new Error('render failed')} />, errorElement: <RouteErrorPage standalone /> }],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Đã có lỗi xảy ra' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.queryByText(/render failed/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tải lại trang' }));
    expect(reloadPage).toHaveBeenCalledOnce();
  });

  it('catches errors outside the router with the top-level boundary', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const apiError = new ApiRequestError({ status: 503, code: 'SERVICE_UNAVAILABLE', message: 'down', requestId: 'req-top' });

    render(
      <AppProviders>
        <Boom error={apiError} />
      </AppProviders>,
    );

    expect(screen.getByRole('heading', { level: 1, name: 'Đã có lỗi xảy ra' })).toBeInTheDocument();
    expect(screen.getByText('Mã yêu cầu: req-top')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Về trang chủ' })).toHaveAttribute('href', '/');
  });
});
