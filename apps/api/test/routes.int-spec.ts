import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Booted } from '../src/bootstrap';
import { IS_PUBLIC } from '../src/common/public.decorator';
import { injector, startApi, TestDatabase } from './helpers/test-app';

/**
 * Every route must be guarded or explicitly public. Public routes are listed here on purpose:
 * making a route public is a decision a reviewer sees in this file.
 */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/telemetry/client-errors',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/forgot-password',
  'POST /api/auth/reset-password',
  // Single sign-on (OpenID Connect): the browser arrives here before it has a session.
  'GET /api/auth/oidc',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
  // Confirming a single sign-on link to a privileged account: authenticated by the pending link's
  // httpOnly, SameSite=Strict cookie and the account's password.
  'GET /api/auth/oidc/link',
  'POST /api/auth/oidc/link',
  'DELETE /api/auth/oidc/link',
  'GET /api/org-units/communes',
  // Media files: guarded by the signed, expiring token in the path (HLS players cannot send headers).
  'GET /api/media/stream/:token/*',
  // Course cover images: not secret; random, immutable file names matched by a strict pattern.
  'GET /api/covers/:file',
];

interface RouteInfo {
  key: string;
  method: string;
  path: string;
  isPublic: boolean;
}

function enumerateRoutes(app: NestFastifyApplication): RouteInfo[] {
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler);
        const verb = Reflect.getMetadata(METHOD_METADATA, handler);
        if (sub === undefined || verb === undefined) continue;
        const method = RequestMethod[verb as RequestMethod];
        const path = ['/api', base, sub].map((p) => String(p).replace(/^\/|\/$/g, '')).filter(Boolean).join('/');
        const isPublic = Boolean(reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]));
        routes.push({ key: `${method} /${path}`, method, path: `/${path}`, isPublic });
      }
    }
  }
  return routes;
}

describe('route guards', () => {
  let db: TestDatabase;
  let api: Booted<NestFastifyApplication>;
  beforeAll(async () => {
    db = await TestDatabase.create();
    await db.migrate();
    api = await startApi(db);
  });
  afterAll(async () => {
    await api?.shutdown();
    await db?.dispose();
  });

  it('finds the controllers routes (the enumeration itself works)', () => {
    const keys = enumerateRoutes(api.app).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['GET /api/health']));
  });

  it('every API route Fastify serves comes from a controller (nothing bypasses the guards)', () => {
    const known = new Set(enumerateRoutes(api.app).map((r) => r.key));
    // OpenAPI documentation is public by design and registered outside the controllers.
    const docs = /^\/api\/docs/;
    const served = api.routes.filter((r) => {
      const [method, url] = r.split(' ');
      return url.startsWith('/api') && !docs.test(url) && method !== 'HEAD';
    });
    expect(served.length).toBeGreaterThan(0);
    expect(api.routes).toEqual(expect.arrayContaining(['GET /api/docs-json']));
    for (const key of served) expect(known).toContain(key);
  });

  it('public routes are exactly the reviewed list', () => {
    const publicKeys = enumerateRoutes(api.app).filter((r) => r.isPublic).map((r) => r.key).sort();
    expect(publicKeys).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('every other route refuses an anonymous request with 401', async () => {
    const inject = injector(api);
    for (const route of enumerateRoutes(api.app).filter((r) => !r.isPublic)) {
      const res = await inject({ method: route.method as 'GET', url: route.path.replace(/:(\w+)/g, '00000000-0000-0000-0000-000000000000') });
      expect({ route: route.key, status: res.statusCode }).toEqual({ route: route.key, status: 401 });
      expect(JSON.parse(res.body).code).toBe('UNAUTHENTICATED');
    }
  });
});
