import { expect, Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn, signOut, watchConsole } from './support';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ADMIN = { identifier: 'admin@demo.hocvuso.vn', password: 'QuanTri@2025' };
const UNIT_CODES = ['SKHCN', 'SNV', 'SVHTTDL', 'BLS', 'P-DONGKINH', 'P-TAMTHANH', 'X-MAUSON', 'X-BACSON'];

/** 1,000 officials; exactly 20 rows are invalid, each for a stated reason. Returns the file and the bad row numbers (header = row 1). */
function officialsCsv(): { file: string; badRows: number[] } {
  const lines = ['full_name,phone,email,unit_code,audiences,position,citizen_id'];
  const badRows: number[] = [];
  for (let i = 1; i <= 1000; i++) {
    const rowNumber = i + 1;
    let name = `Cán Bộ Nhập Thử ${String(i).padStart(4, '0')}`;
    let phone = `090${String(i).padStart(7, '0')}`;
    let unit = UNIT_CODES[i % UNIT_CODES.length];
    let audiences = i % 3 === 0 ? 'official;communications' : 'official';
    let citizenId = '';
    const bad = i % 50 === 0; // rows 50, 100, ... 1000: 20 rows
    if (bad) {
      badRows.push(rowNumber);
      switch ((i / 50) % 5) {
        case 0: phone = '12345'; break; // not a Vietnamese number
        case 1: unit = 'KHONG-TON-TAI'; break; // unknown unit
        case 2: audiences = 'nguoi-ngoai-hanh-tinh'; break; // unknown audience
        case 3: name = ''; break; // missing name
        case 4: citizenId = '12AB'; break; // malformed citizen ID
      }
    }
    lines.push([name, phone, `canbo.nhapthu${i}@lamthu.hocvuso.vn`, unit, audiences, 'Chuyên viên', citizenId].join(','));
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-import-')), 'can-bo-1000.csv');
  fs.writeFileSync(file, lines.join('\n'), 'utf8');
  return { file, badRows };
}

/** The users table's total, from its pagination summary. */
async function expectUserTotal(page: Page, query: string, total: number) {
  await page.goto('/quan-tri/nguoi-dung');
  await page.getByRole('searchbox', { name: 'Tìm theo tên, số điện thoại hoặc email' }).fill(query);
  await expect(page.getByText(`trên tổng số ${total}`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
}

test.describe('identity', () => {
  test('a resident registers, signs out and signs in again', async ({ page }) => {
    const problems = watchConsole(page);
    const phone = `097${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    await page.goto('/dang-ky');
    await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Họ và tên').fill('Lộc Thị Hoa');
    await page.getByLabel('Số điện thoại', { exact: true }).fill(phone);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('HoaMai2025');
    await page.getByLabel('Nhập lại mật khẩu').fill('HoaMai2025');
    // The commune picker ignores diacritics.
    await page.getByRole('textbox', { name: 'Xã, phường nơi bạn sinh sống' }).fill('mau son');
    await page.getByRole('option', { name: 'Xã Mẫu Sơn' }).click();
    await page.getByRole('main').getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect(page).toHaveURL(/\/tai-khoan/);
    await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
    // The header shows the name only from 88em; the profile shows it always.
    await expect(page.getByRole('main').getByText('Lộc Thị Hoa')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await signOut(page, 'Lộc Thị Hoa');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Đăng nhập', exact: true })).toBeVisible();

    await signIn(page, phone, 'HoaMai2025');
    await page.goto('/tai-khoan');
    await expect(page.getByText('Xã Mẫu Sơn').first()).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('an administrator imports 1,000 officials, 20 rejected with a report, and re-importing creates no duplicates', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = watchConsole(page);
    const { file, badRows } = officialsCsv();
    await signIn(page, ADMIN.identifier, ADMIN.password);

    await page.goto('/quan-tri/nhap-du-lieu');
    await expect(page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu cán bộ' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Tệp dữ liệu (CSV hoặc XLSX)').setInputFiles(file);
    await page.getByRole('button', { name: 'Tải lên và nhập' }).click();
    const progress = page.getByRole('progressbar', { name: 'Tiến độ nhập dữ liệu' });
    await expect(progress).toBeVisible();
    const reportLink = page.getByRole('link', { name: 'Tải báo cáo dòng bị từ chối' });
    await expect(reportLink).toBeVisible({ timeout: 120_000 });
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    await expect(page.locator('dd[data-count="created"]')).toHaveText('980');
    await expect(page.locator('dd[data-count="rejected"]')).toHaveText('20');

    const downloadPromise = page.waitForEvent('download');
    await reportLink.click();
    const download = await downloadPromise;
    const report = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const reportRows = report.trim().split(/\r?\n/).slice(1);
    expect(reportRows).toHaveLength(20);
    const numbers = reportRows.map((line) => Number(line.split(',')[0].replace(/"/g, ''))).sort((a, b) => a - b);
    expect(numbers).toEqual(badRows);
    expect(report).toMatch(/điện thoại/i);
    expect(report).toMatch(/đơn vị/i);

    // Search ignores diacritics: the imported "Cán Bộ Nhập Thử …" accounts.
    await expectUserTotal(page, 'can bo nhap thu', 980);

    // The same file again: everything matches an existing account.
    await page.goto('/quan-tri/nhap-du-lieu');
    await page.getByLabel('Tệp dữ liệu (CSV hoặc XLSX)').setInputFiles(file);
    await page.getByRole('button', { name: 'Tải lên và nhập' }).click();
    await expect(page.getByRole('link', { name: 'Tải báo cáo dòng bị từ chối' })).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('dd[data-count="created"]')).toHaveText('0');
    await expect(page.locator('dd[data-count="rejected"]')).toHaveText('20');
    await expectUserTotal(page, 'can bo nhap thu', 980);
    expect(problems).toEqual([]);
  });
});
