import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/** Collects console errors and uncaught page errors; assert the list is empty at the end. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.html).join(" | ")}`)).toEqual([]);
}

export async function signIn(page: Page, identifier: string, password: string) {
  await page.goto('/dang-nhap');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Số điện thoại hoặc email').fill(identifier);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

export async function signOut(page: Page, fullName: string) {
  await page.getByRole('banner').getByRole('button', { name: `Menu tài khoản: ${fullName}` }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
}
