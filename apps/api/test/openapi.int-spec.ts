import { injector, startApi, TestDatabase } from './helpers/test-app';

describe('OpenAPI', () => {
  it('serves the document generated from the contracts, and the docs page', async () => {
    const db = await TestDatabase.create();
    await db.migrate();
    const api = await startApi(db);
    try {
      const inject = injector(api);
      const res = await inject({ method: 'GET', url: '/api/docs-json' });
      expect(res.statusCode).toBe(200);
      const doc = JSON.parse(res.body);
      expect(doc.info.title).toBe('Bình dân học vụ số API');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/telemetry/client-errors']));
      // The request body schema comes from the zod contract: required fields and limits included.
      const body = doc.paths['/api/telemetry/client-errors'].post.requestBody.content['application/json'].schema;
      const ref = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
      expect(ref.required).toEqual(expect.arrayContaining(['message', 'url']));
      expect(ref.properties.message.maxLength).toBe(2000);
      const page = await inject({ method: 'GET', url: '/api/docs' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('swagger');
    } finally {
      await api.shutdown();
      await db.dispose();
    }
  });
});
