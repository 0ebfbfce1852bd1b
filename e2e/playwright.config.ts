import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3999);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
const repoRoot = path.resolve(__dirname, '..');
// A private SQLite file per run, so journeys never touch the developer's demo database.
const sqlitePath = process.env.E2E_SQLITE_PATH ?? path.join(os.tmpdir(), `bdhv-e2e-${process.pid}.sqlite`);

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'vi-VN',
    launchOptions: {
      // Debian's Chromium: nothing downloads a browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // The production shape: the built API serving the built web app on one port, with demo data.
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node apps/api/dist/cli.js migrate && node apps/api/dist/cli.js seed && node apps/api/dist/main.js',
        cwd: repoRoot,
        url: `${baseURL}/api/health`,
        timeout: 60_000,
        reuseExistingServer: false,
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: baseURL,
          SQLITE_PATH: sqlitePath,
          STORAGE_DIR: `${sqlitePath}.storage`,
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          // Test-only secrets: production refuses to boot without them.
          JWT_SECRET: 'e2e-only-secret-e2e-only-secret-e2e-only-secret',
          DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
          COOKIE_SECURE: 'false',
          DATABASE_URL: '',
          REDIS_URL: '',
        },
      },
});
