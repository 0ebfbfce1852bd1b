import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { degradedResponse, healthyResponse, jsonResponse, renderWithProviders, stubFetch } from '@/test/render';
import { HealthSummaryCard } from './health-summary-card';

function card() {
  return within(screen.getByRole('region', { name: /Trạng thái hệ thống|System status/ }));
}

function row(name: string) {
  // dt and dd share a wrapper per component.
  return within(card().getByText(name).parentElement!);
}

describe('HealthSummaryCard', () => {
  it('shows a loading state, then database and queue "up" with their drivers', async () => {
    const fetchMock = stubFetch(() => jsonResponse(healthyResponse));
    renderWithProviders(<HealthSummaryCard detailsPath="/trang-thai" />);

    expect(card().getByRole('status')).toHaveTextContent('Đang kiểm tra trạng thái hệ thống…');

    expect(await card().findByText('Hệ thống hoạt động bình thường')).toBeInTheDocument();
    expect(row('Cơ sở dữ liệu').getByText('Hoạt động')).toBeInTheDocument();
    expect(row('Cơ sở dữ liệu').getByText('Trình điều khiển: SQLite')).toBeInTheDocument();
    expect(row('Hàng đợi tác vụ').getByText('Hoạt động')).toBeInTheDocument();
    expect(row('Hàng đợi tác vụ').getByText('Trình điều khiển: Inline')).toBeInTheDocument();
    expect(card().getByRole('link', { name: 'Xem chi tiết trạng thái hệ thống' })).toHaveAttribute('href', '/trang-thai');
    expect(fetchMock).toHaveBeenCalledWith('/api/health', expect.objectContaining({ method: 'GET', credentials: 'include' }));
  });

  it('shows a "down" component from a 503 health response', async () => {
    stubFetch(() => jsonResponse(degradedResponse, { status: 503 }));
    renderWithProviders(<HealthSummaryCard />);

    expect(await card().findByText('Hệ thống đang gặp sự cố')).toBeInTheDocument();
    expect(row('Cơ sở dữ liệu').getByText('Ngừng hoạt động')).toBeInTheDocument();
    expect(row('Cơ sở dữ liệu').getByText('Trình điều khiển: MySQL')).toBeInTheDocument();
    expect(row('Hàng đợi tác vụ').getByText('Hoạt động')).toBeInTheDocument();
    expect(row('Hàng đợi tác vụ').getByText('Trình điều khiển: BullMQ')).toBeInTheDocument();
  });

  it('is translated to English', async () => {
    await i18n.changeLanguage('en');
    stubFetch(() => jsonResponse(degradedResponse, { status: 503 }));
    renderWithProviders(<HealthSummaryCard />);

    expect(await card().findByText('The system is experiencing problems')).toBeInTheDocument();
    expect(row('Database').getByText('Down')).toBeInTheDocument();
    expect(row('Database').getByText('Driver: MySQL')).toBeInTheDocument();
    expect(row('Job queue').getByText('Up')).toBeInTheDocument();
  });

  it('shows an error with a retry when the request fails, and recovers', async () => {
    let fail = true;
    stubFetch(() => {
      if (fail) throw new TypeError('Failed to fetch');
      return jsonResponse(healthyResponse);
    });
    const { user } = renderWithProviders(<HealthSummaryCard />);

    const alert = await card().findByRole('alert');
    expect(alert).toHaveTextContent('Không thể tải trạng thái hệ thống');
    expect(alert).toHaveTextContent('Không thể kết nối tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.');

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Thử lại' }));

    expect(await card().findByText('Hệ thống hoạt động bình thường')).toBeInTheDocument();
    expect(card().queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the API error message and request id for an error response', async () => {
    stubFetch(() =>
      jsonResponse({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Unexpected', requestId: 'req-health-1' }, { status: 500 }),
    );
    renderWithProviders(<HealthSummaryCard />);

    const alert = await card().findByRole('alert');
    expect(alert).toHaveTextContent('Máy chủ gặp lỗi. Vui lòng thử lại sau.');
    expect(alert).toHaveTextContent('Mã yêu cầu: req-health-1');
  });
});
