import { healthResponseSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { injector, startApi, TestDatabase, usingMysql, usingRedis } from './helpers/test-app';

describe('GET /api/health', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create();
    await db.migrate();
  });
  afterAll(() => db?.dispose());

  it('answers 200 with the database and queue up, naming their drivers, without signing in', async () => {
    const api = await startApi(db);
    try {
      const res = await injector(api)({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const body = healthResponseSchema.parse(JSON.parse(res.body));
      expect(body.status).toBe('ok');
      expect(body.database).toMatchObject({ status: 'up', driver: usingMysql ? 'mysql' : 'sqlite' });
      expect(body.queue).toMatchObject({ status: 'up', driver: usingRedis ? 'bullmq' : 'inline' });
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      await api.shutdown();
    }
  });

  it('answers 503 naming the queue when Redis is unreachable', async () => {
    const api = await startApi(db, { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await injector(api)({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      const body = healthResponseSchema.parse(JSON.parse(res.body));
      expect(body.status).toBe('error');
      expect(body.database.status).toBe('up');
      expect(body.queue).toMatchObject({ status: 'down', driver: 'bullmq' });
      expect(body.queue.error).toBeTruthy();
    } finally {
      await api.shutdown();
    }
  });

  it('answers 503 naming the database when it is gone', async () => {
    const api = await startApi(db);
    try {
      await api.app.get<DataSource>(getDataSourceToken()).destroy();
      const res = await injector(api)({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      const body = healthResponseSchema.parse(JSON.parse(res.body));
      expect(body.database.status).toBe('down');
      expect(body.queue.status).toBe('up');
    } finally {
      await api.shutdown().catch(() => undefined);
    }
  });
});
