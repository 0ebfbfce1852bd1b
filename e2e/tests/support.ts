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
