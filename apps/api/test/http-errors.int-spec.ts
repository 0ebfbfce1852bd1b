import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { apiErrorSchema } from '@bdhv/contracts';
import * as zlib from 'node:zlib';
import { Booted } from '../src/bootstrap';
import { injector, startApi, TestDatabase } from './helpers/test-app';

describe('HTTP errors have one shape', () => {
  let db: TestDatabase;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;

  beforeAll(async () => {
    db = await TestDatabase.create();
    await db.migrate();
    api = await startApi(db, { BODY_LIMIT_BYTES: '4096' });
    inject = injector(api);
  });
  afterAll(async () => {
    await api?.shutdown();
    await db?.dispose();
  });

  const expectError = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = apiErrorSchema.parse(JSON.parse(res.body));
    expect(body).toMatchObject({ statusCode: status, code });
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(body.message.length).toBeGreaterThan(0);
    return body;
  };

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await inject({ method: 'POST', url: '/api/telemetry/client-errors', headers: { 'content-type': 'application/json' }, payload: '{"message": "a",' });
    expectError(res, 400, 'MALFORMED_JSON');
  });

  it('names the field with the wrong type', async () => {
    const res = await inject({ method: 'POST', url: '/api/telemetry/client-errors', payload: { message: 42, url: '/trang-chu' } });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'message' })]);
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const res = await inject({ method: 'POST', url: '/api/telemetry/client-errors', payload: { message: 'x', url: '/', admin: true } });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(body.errors)).toContain('admin');
  });

  it('answers an unknown API route with 404 ROUTE_NOT_FOUND', async () => {
    expectError(await inject({ method: 'GET', url: '/api/khong-ton-tai' }), 404, 'ROUTE_NOT_FOUND');
    expectError(await inject({ method: 'DELETE', url: '/api/health' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await inject({ method: 'POST', url: '/api/telemetry/client-errors', payload: { message: 'x'.repeat(10_000), url: '/' } });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await inject({ method: 'POST', url: '/api/telemetry/client-errors', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('compresses JSON answers of 1 kB and more for clients that accept it, and leaves small ones alone', async () => {
    const plain = await inject({ method: 'GET', url: '/api/docs-json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip'] as const) {
      const res = await inject({ method: 'GET', url: '/api/docs-json', headers: { 'accept-encoding': encoding } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      const body = encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload) : zlib.gunzipSync(res.rawPayload);
      expect(body.toString()).toBe(plain.body);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    }
    // A small answer (like a progress heartbeat's) is sent as it is.
    const small = await inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('keeps a well-formed incoming request id and sets security headers', async () => {
    const res = await inject({ method: 'GET', url: '/api/khong-ton-tai', headers: { 'x-request-id': 'proxy-req-12345' } });
    expect(JSON.parse(res.body).requestId).toBe('proxy-req-12345');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("worker-src 'self' blob:");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('accepts a valid client error report', async () => {
    const res = await inject({ method: 'POST', url: '/api/telemetry/client-errors', payload: { message: 'Lỗi hiển thị', url: '/gioi-thieu' } });
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body)).toEqual({ received: true });
  });
});
