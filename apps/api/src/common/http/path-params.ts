import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCode, ID_PATTERN } from '@bdhv/contracts';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../app-exception';
import type { ApiRouteConfig } from './route-options';

/** `id` and `…Id` path parameters are object ids. */
export function isIdParam(name: string): boolean {
  return name === 'id' || /^[a-z][A-Za-z0-9]*Id$/.test(name);
}

/** Names of a Fastify route URL's parameters (`/courses/:id/modules/:moduleId` → id, moduleId); the wildcard is left out. */
export function pathParamNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

/**
 * Called for every route as it is registered: each path parameter must be an id or have a declared
 * format (`@PathParams`). Throwing here stops the API from starting, which is the point: a route
 * cannot forget to check its keys.
 */
export function assertPathParamsDeclared(route: { method: string | string[]; url: string; config?: unknown }): void {
  const declared = (route.config as ApiRouteConfig | undefined)?.pathParams ?? {};
  const missing = pathParamNames(route.url).filter((name) => !isIdParam(name) && !declared[name]);
  if (missing.length) {
    throw new Error(`${[route.method].flat().join(',')} ${route.url}: path parameter(s) ${missing.join(', ')} need a format (@PathParams) or an id name (id, …Id)`);
  }
}

/**
 * Global guard, after authentication: every path parameter matches its format before a handler
 * (and so the database) sees it. MariaDB's collation compares `<id>%00`, `<id>%20` and
 * `<id>%E2%80%8B` as equal to `<id>`, so only the exact form may pass. A malformed key names no
 * object: 404, like any object the caller cannot see, with the parameter named.
 */
@Injectable()
export class PathParamsGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const declared = (request.routeOptions.config as ApiRouteConfig | undefined)?.pathParams ?? {};
    const params = (request.params ?? {}) as Record<string, string>;
    for (const [name, value] of Object.entries(params)) {
      if (name === '*') continue;
      const format = declared[name] ?? (isIdParam(name) ? ID_PATTERN : null);
      if (format && format.test(value)) continue;
      throw new AppException(404, ErrorCode.NOT_FOUND, 'Không tìm thấy dữ liệu yêu cầu: đường dẫn chứa mã không hợp lệ.', [
        { field: name, message: format === ID_PATTERN ? 'Mã phải là UUID viết thường (ví dụ 0f8fad5b-d9cb-469f-a165-70867728950e).' : 'Giá trị không đúng định dạng.' },
      ]);
    }
    return true;
  }
}
