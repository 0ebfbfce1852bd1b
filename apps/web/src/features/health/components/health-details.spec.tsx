import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/lib/i18n';
import { degradedResponse, healthyResponse, jsonResponse, renderWithProviders, stubFetch } from '@/test/render';
import { HEALTH_REFRESH_INTERVAL_MS, HealthDetails } from './health-details';

function componentCard(name: string) {
  return within(screen.getByRole('region', { name }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HealthDetails', () => {
  it('lists every component with status, driver, latency and error, plus version and uptime', async () => {
    stubFetch(() => jsonResponse({ ...degradedResponse, uptimeSeconds: 93_784 }, { status: 503 }));
    renderWithProviders(<HealthDetails />);

    expect(await screen.findByText('Hệ thống đang gặp sự cố')).toBeInTheDocument();

    const database = componentCard('Cơ sở dữ liệu');
    expect(database.getByRole('heading', { level: 2, name: 'Cơ sở dữ liệu' })).toBeInTheDocument();
    expect(database.getByText('Ngừng hoạt động')).toBeInTheDocument();
    expect(database.getByText('Trình điều khiển')).toBeInTheDocument();
    expect(database.getByText('MySQL')).toBeInTheDocument();
    expect(database.getByText('Không có dữ liệu')).toBeInTheDocument();
    expect(database.getByText('connect ECONNREFUSED 127.0.0.1:3306')).toBeInTheDocument();

    const queue = componentCard('Hàng đợi tác vụ');
    expect(queue.getByText('Hoạt động')).toBeInTheDocument();
    expect(queue.getByText('BullMQ')).toBeInTheDocument();
    expect(queue.getByText('3 ms')).toBeInTheDocument();
    expect(queue.getByText('Không có lỗi')).toBeInTheDocument();

    expect(screen.getByText('0.1.0')).toBeInTheDocument();
    expect(screen.getByText('1 ngày 2 giờ 3 phút')).toBeInTheDocument();
    expect(screen.getByText(/^Cập nhật lúc /)).toBeInTheDocument();
  });

  it('formats for English readers', async () => {
    await i18n.changeLanguage('en');
    stubFetch(() => jsonResponse({ ...healthyResponse, uptimeSeconds: 3_660 }));
    renderWithProviders(<HealthDetails />);

    expect(await screen.findByText('All systems operational')).toBeInTheDocument();
    expect(componentCard('Database').getByText('1.4 ms')).toBeInTheDocument();
    expect(componentCard('Database').getByText('SQLite')).toBeInTheDocument();
    expect(componentCard('Job queue').getByText('Up')).toBeInTheDocument();
    expect(screen.getByText('1 hour 1 minute')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeInTheDocument();
  });

  it('refreshes on demand', async () => {
    let call = 0;
    const fetchMock = stubFetch(() => {
      call += 1;
      return call === 1 ? jsonResponse(healthyResponse) : jsonResponse(degradedResponse, { status: 503 });
    });
    const { user } = renderWithProviders(<HealthDetails />);
    expect(await screen.findByText('Hệ thống hoạt động bình thường')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Làm mới' }));

    expect(await screen.findByText('Hệ thống đang gặp sự cố')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('polls every 30 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetchMock = stubFetch(() => jsonResponse(healthyResponse));
    renderWithProviders(<HealthDetails />);
    expect(await screen.findByText('Hệ thống hoạt động bình thường')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await act(() => vi.advanceTimersByTimeAsync(HEALTH_REFRESH_INTERVAL_MS));

    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('keeps the last status and warns when a refresh fails', async () => {
    let fail = false;
    stubFetch(() => {
      if (fail) throw new TypeError('Failed to fetch');
      return jsonResponse(healthyResponse);
    });
    const { user } = renderWithProviders(<HealthDetails />);
    expect(await screen.findByText('Hệ thống hoạt động bình thường')).toBeInTheDocument();

    fail = true;
    await user.click(screen.getByRole('button', { name: 'Làm mới' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Không thể làm mới. Đang hiển thị trạng thái lần cuối nhận được.');
    expect(screen.getByText('Hệ thống hoạt động bình thường')).toBeInTheDocument();
  });

  it('shows an error state when the first request fails', async () => {
    stubFetch(() => new Response('not json', { status: 200 }));
    renderWithProviders(<HealthDetails />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Không thể tải trạng thái hệ thống');
    expect(alert).toHaveTextContent('Máy chủ trả về dữ liệu không hợp lệ. Vui lòng thử lại sau.');
  });
});
