import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const apiRoot = path.join(__dirname, '..');

function boot(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--conditions=@bdhv/source', '-r', '@swc-node/register', 'src/main.ts'], {
    cwd: apiRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('boot-time configuration', () => {
  it('refuses to start, naming every bad variable', () => {
    const result = boot({ PORT: 'tám nghìn', DATABASE_URL: 'postgres://db/x', QUEUE_CONCURRENCY_MEDIA: '0', QUEUE_WORKER_QUEUES: 'media,video' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/PORT: .*"tám nghìn"/);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a mysql:\/\/ or mariadb:\/\/ URL/);
    expect(result.stderr).toMatch(/QUEUE_CONCURRENCY_MEDIA: /);
    expect(result.stderr).toMatch(/QUEUE_WORKER_QUEUES: unknown queue "video" \(queues: media, domain, bulk\)/);
  });
});
