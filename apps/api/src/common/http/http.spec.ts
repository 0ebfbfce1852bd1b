import type { ExecutionContext } from '@nestjs/common';
import { AppException } from '../app-exception';
import { clientErrorBody } from './client-errors';
import { hasValidBoundary } from './content-types';
import { assertPathParamsDeclared, isIdParam, pathParamNames, PathParamsGuard } from './path-params';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

function contextFor(params: Record<string, string>, pathParams?: Record<string, RegExp>): ExecutionContext {
  const request = { params, routeOptions: { config: { pathParams } } };
  return { getType: () => 'http', switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('path parameters', () => {
  it('knows ids by name and reads parameter names from a route URL', () => {
    expect(['id', 'courseId', 'moduleId'].every(isIdParam)).toBe(true);
    expect(['slug', 'file', 'token', 'Id', 'paid'].some(isIdParam)).toBe(false);
    expect(pathParamNames('/api/courses/:id/modules/:moduleId/*')).toEqual(['id', 'moduleId']);
  });

  it('stops the API from starting when a route has a parameter with no format', () => {
    expect(() => assertPathParamsDeclared({ method: 'GET', url: '/api/catalog/:slug' })).toThrow(/slug need a format/);
    expect(() => assertPathParamsDeclared({ method: 'GET', url: '/api/catalog/:slug', config: { pathParams: { slug: /^[a-z-]+$/ } } })).not.toThrow();
    expect(() => assertPathParamsDeclared({ method: 'GET', url: '/api/courses/:id/owners/:userId' })).not.toThrow();
  });

  it('lets canonical keys through and answers 404 naming a malformed one', () => {
    const guard = new PathParamsGuard();
    expect(guard.canActivate(contextFor({ id, '*': 'hls/x.ts' }))).toBe(true);
    expect(guard.canActivate(contextFor({ slug: 'ky-nang-so' }, { slug: /^[a-z-]+$/ }))).toBe(true);
    for (const [params, field] of [
      [{ id: `${id}\u0000` }, 'id'],
      [{ id, lessonId: id.toUpperCase() }, 'lessonId'],
      [{ slug: 'ky-nang-so ' }, 'slug'],
    ] as const) {
      try {
        guard.canActivate(contextFor(params, { slug: /^[a-z-]+$/ }));
        throw new Error('not refused');
      } catch (err) {
        expect(err).toBeInstanceOf(AppException);
        expect((err as AppException).getStatus()).toBe(404);
        expect((err as AppException).errors).toEqual([expect.objectContaining({ field })]);
      }
    }
  });
});

describe('content types', () => {
  it('recognises a usable multipart boundary', () => {
    expect(hasValidBoundary('multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW')).toBe(true);
    expect(hasValidBoundary('multipart/form-data; boundary="a b:c"; charset=utf-8')).toBe(true);
    expect(hasValidBoundary('multipart/form-data')).toBe(false);
    expect(hasValidBoundary('multipart/form-data; boundary=')).toBe(false);
    expect(hasValidBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBe(false);
  });
});

describe('errors from the HTTP parser', () => {
  it('have the one shape, with a status for each cause', () => {
    const code = (c: string) => clientErrorBody(Object.assign(new Error(c), { code: c }));
    expect(code('HPE_HEADER_OVERFLOW')).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE', requestId: expect.any(String) });
    expect(code('ERR_HTTP_REQUEST_TIMEOUT')).toMatchObject({ statusCode: 408, code: 'REQUEST_TIMEOUT' });
    expect(code('HPE_INVALID_METHOD')).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });
});
