import type { ImportJob } from '@bdhv/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { saveBlob } from '@/lib/download';
import { makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { buildImportTemplateCsv } from '../utils/template';
import { ImportPanel } from './import-panel';

// jsdom cannot save files; the download helper is observed instead.
vi.mock('@/lib/download', () => ({ saveBlob: vi.fn() }));

const JOB_ID = '30000000-0000-4000-8000-000000000001';

function job(overrides: Partial<ImportJob>): ImportJob {
  return {
    id: JOB_ID,
    fileName: 'can-bo-so-noi-vu.csv',
    status: 'queued',
    totalRows: 0,
    processedRows: 0,
    created: 0,
    updated: 0,
    rejected: 0,
    error: null,
    createdAt: '2026-03-02T02:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

const stages: ImportJob[] = [
  job({ status: 'running', totalRows: 100, processedRows: 40, created: 30, updated: 8, rejected: 2 }),
  job({ status: 'completed', totalRows: 100, processedRows: 100, created: 80, updated: 15, rejected: 5, finishedAt: '2026-03-02T02:00:05.000Z' }),
];

function renderPanel() {
  return renderWithProviders(<ImportPanel />, { path: '/quan-tri/nhap-du-lieu', session: makeSession(makeMe()) });
}

function fileInput() {
  return screen.getByLabelText('Tệp dữ liệu (CSV hoặc XLSX)');
}

describe('ImportPanel', () => {
  it('uploads a file and follows the job from queued through running to completed', async () => {
    let polls = 0;
    const api = mockApi(
      route('POST', '/api/imports', () => jsonResponse(job({}), { status: 202 })),
      route('GET', `/api/imports/${JOB_ID}`, () => jsonResponse(stages[Math.min(polls++, stages.length - 1)])),
      route('GET', '/api/imports', () => jsonResponse({ items: [], page: 1, pageSize: 10, total: 0 })),
      route('GET', `/api/imports/${JOB_ID}/report.csv`, () => new Response('row,reason\r\n3,Số điện thoại không hợp lệ\r\n', { headers: { 'Content-Type': 'text/csv' } })),
    );
    const { user } = renderPanel();
    expect(await screen.findByText('Chưa có lần nhập nào.')).toBeInTheDocument();

    const file = new File(['full_name,phone\nNguyễn Văn An,0912345678\n'], 'can-bo-so-noi-vu.csv', { type: 'text/csv' });
    await user.upload(fileInput(), file);
    await user.click(screen.getByRole('button', { name: 'Tải lên và nhập' }));

    // Queued: the answer to the upload.
    const progress = await screen.findByRole('progressbar', { name: 'Tiến độ nhập dữ liệu' });
    expect(screen.getByText('Đang chờ xử lý…')).toBeInTheDocument();
    expect(progress).toHaveAttribute('aria-valuenow', '0');
    const upload = api.find('POST', '/api/imports')[0]!;
    expect(upload.init?.body).toBeInstanceOf(FormData);
    expect((upload.init?.body as FormData).get('file')).toBeInstanceOf(File);
    expect(upload.headers.get('Content-Type')).toBeNull();
    expect(upload.headers.get('Authorization')).toBe('Bearer access-1');

    // Running: polled a second later.
    expect(await screen.findByText('Đang xử lý…', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Tiến độ nhập dữ liệu' })).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText('40/100 dòng')).toBeInTheDocument();

    // Completed: counts, summary and the report link.
    expect(await screen.findByText('Hoàn tất', {}, { timeout: 3000 })).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Tiến độ nhập dữ liệu' });
    expect(bar).toHaveAttribute('aria-valuenow', '100');
    expect(bar).toHaveAttribute('aria-valuetext', '100/100 dòng (100%)');
    const counts = (name: string) => screen.getByText(name).nextElementSibling;
    expect(counts('Tạo mới')).toHaveTextContent('80');
    expect(counts('Cập nhật')).toHaveTextContent('15');
    expect(counts('Bị từ chối')).toHaveTextContent('5');
    expect(screen.getByText('Tạo mới 80, cập nhật 15, bị từ chối 5 dòng.')).toBeInTheDocument();
    const report = screen.getByRole('link', { name: 'Tải báo cáo dòng bị từ chối' });
    expect(report).toHaveAttribute('href', `/api/imports/${JOB_ID}/report.csv`);

    // Polling stops once the job is finished.
    const pollsWhenDone = api.find('GET', `/api/imports/${JOB_ID}`).length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(api.find('GET', `/api/imports/${JOB_ID}`)).toHaveLength(pollsWhenDone);

    // The report downloads with the bearer token (a plain link could not send it).
    await user.click(report);
    await waitFor(() => expect(saveBlob).toHaveBeenCalledOnce());
    expect(api.find('GET', `/api/imports/${JOB_ID}/report.csv`)[0]!.headers.get('Authorization')).toBe('Bearer access-1');
    const [blob, fileName] = vi.mocked(saveBlob).mock.calls[0]!;
    expect(fileName).toBe('can-bo-so-noi-vu-dong-bi-tu-choi.csv');
    expect(await blob.text()).toContain('Số điện thoại không hợp lệ');
  }, 10_000);

  it('checks the file before uploading', async () => {
    const api = mockApi(route('GET', '/api/imports', () => jsonResponse({ items: [], page: 1, pageSize: 10, total: 0 })));
    const { user } = renderPanel();

    await user.click(screen.getByRole('button', { name: 'Tải lên và nhập' }));
    expect(await screen.findByText('Hãy chọn tệp dữ liệu.')).toBeInTheDocument();
    expect(fileInput()).toHaveFocus();

    const big = new File(['x'], 'danh-sach.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    await user.upload(fileInput(), big);
    expect(await screen.findByText('Tệp lớn hơn 10 MB.')).toBeInTheDocument();
    expect(fileInput()).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Tải lên và nhập' }));
    expect(api.find('POST', '/api/imports')).toHaveLength(0);
  });

  it('offers a template built from IMPORT_COLUMNS with two example rows', async () => {
    mockApi(route('GET', '/api/imports', () => jsonResponse({ items: [], page: 1, pageSize: 10, total: 0 })));
    renderPanel();

    const template = screen.getByRole('link', { name: 'Tải tệp mẫu (CSV)' });
    expect(template).toHaveAttribute('download', 'mau-nhap-can-bo.csv');
    const csv = buildImportTemplateCsv();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('full_name,phone,email,unit_code,audiences,position,citizen_id');
    expect(lines[1]).toContain('"official;communications"');
    expect(decodeURIComponent(template.getAttribute('href')!.split(',')[1]!)).toBe(`\uFEFF${csv}`);
  });

  it('lists recent imports with a report link for rejected rows', async () => {
    mockApi(
      route('GET', '/api/imports', () =>
        jsonResponse({ items: [stages[1], job({ id: 'other', fileName: 'xa-tan-lien.xlsx', status: 'failed', error: 'Tệp hỏng' })], page: 1, pageSize: 10, total: 2 }),
      ),
    );
    renderPanel();

    const table = within(await screen.findByRole('region', { name: 'Bảng các lần nhập gần đây' }));
    expect(table.getByText('Mới 80 · Cập nhật 15 · Từ chối 5')).toBeInTheDocument();
    expect(table.getByRole('link', { name: 'Tải báo cáo của tệp can-bo-so-noi-vu.csv' })).toHaveAttribute('href', `/api/imports/${JOB_ID}/report.csv`);
    expect(table.getByText('Thất bại')).toBeInTheDocument();
  });
});
