import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { injector, startApi, TestDatabase } from './helpers/test-app';

describe('serving the built web app', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-web-'));
  let db: TestDatabase;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="vi"><title>Bình dân học vụ số</title></html>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
    db = await TestDatabase.create();
    await db.migrate();
  });
  afterAll(async () => {
    await db?.dispose();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html, fingerprinted assets, and the app shell for client routes, but not for /api', async () => {
    const api = await startApi(db, { WEB_DIST_DIR: dist });
    try {
      const inject = injector(api);
      const home = await inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Bình dân học vụ số');
      expect(home.headers['cache-control']).toBe('no-cache');

      const asset = await inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');

      const clientRoute = await inject({ method: 'GET', url: '/gioi-thieu', headers: { accept: 'text/html' } });
      expect(clientRoute.statusCode).toBe(200);
      expect(clientRoute.headers['content-type']).toMatch(/text\/html/);

      const api404 = await inject({ method: 'GET', url: '/api/khong-ton-tai', headers: { accept: 'text/html' } });
      expect(api404.statusCode).toBe(404);
      expect(JSON.parse(api404.body).code).toBe('ROUTE_NOT_FOUND');

      const post = await inject({ method: 'POST', url: '/gioi-thieu', payload: {} });
      expect(post.statusCode).toBe(404);
    } finally {
      await api.shutdown();
    }
  });
});
