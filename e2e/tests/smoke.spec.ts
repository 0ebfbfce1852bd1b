import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, watchConsole } from './support';

test.describe('web shell', () => {
  test('loads in Vietnamese, shows live system status, and switches to English and back', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('heading', { level: 1, name: 'Bình dân học vụ số' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(nav.getByRole('link', { name: 'Giới thiệu' })).toBeVisible();
    // The status card reads the real /api/health of the running server.
    await expect(page.getByText('SQLite').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Up to 88em the options read "VI"/"EN" (the full names stay for assistive technology): click the option's label.
    await page.getByRole('radiogroup', { name: 'Ngôn ngữ' }).locator('label', { hasText: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'About' })).toBeVisible();

    // The choice survives a reload.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('radiogroup', { name: 'Language' }).locator('label', { hasText: 'Tiếng Việt' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(nav.getByRole('link', { name: 'Trạng thái hệ thống' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('client-side pages survive a reload and are accessible', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Giới thiệu' }).click();
    await expect(page).toHaveURL(/\/gioi-thieu$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Giới thiệu' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Giới thiệu' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto('/trang-thai');
    await expect(page.getByRole('heading', { level: 1, name: 'Trạng thái hệ thống' })).toBeVisible();
    await expect(page.getByText('SQLite').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    expect(problems).toEqual([]);
  });

  test('an unknown address shows the not-found page', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/khong-co-trang-nay');
    await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: /Trang chủ|Về trang chủ/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bình dân học vụ số' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('is usable on a 360-pixel-wide phone', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Bình dân học vụ số' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Mở menu điều hướng' }).click();
    await page.getByRole('link', { name: 'Giới thiệu' }).last().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Giới thiệu' })).toBeVisible();
    await context.close();
  });
});

test.describe('API black-box', () => {
  test('health, error shape and docs on the production server', async ({ request }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'up', driver: 'sqlite' }, queue: { status: 'up', driver: 'inline' } });

    const missing = await request.get('/api/khong-ton-tai');
    expect(missing.status()).toBe(404);
    const body = await missing.json();
    expect(body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(body.requestId).toBe(missing.headers()['x-request-id']);

    const docs = await request.get('/api/docs-json');
    expect((await docs.json()).paths['/api/health']).toBeTruthy();
  });

  test('the web app is sent compressed ahead of time, and index.html is always revalidated', async ({ request }) => {
    const index = await request.get('/');
    expect(index.headers()['cache-control']).toBe('no-cache');
    const scripts = [...(await index.text()).matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const [encoding, header] of [['br', 'br'], ['gzip', 'gzip']] as const) {
      const res = await request.get(scripts[0], { headers: { 'accept-encoding': header } });
      expect(res.status()).toBe(200);
      expect(res.headers()['content-encoding']).toBe(encoding);
      expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });
});
