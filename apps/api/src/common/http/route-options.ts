import { applyDecorators } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/**
 * What a route declares about its request beyond its DTOs, carried in Fastify's route `config`
 * (so the hooks that run before Nest see it too).
 */
export interface ApiRouteConfig {
  /** Content types the route reads a body in; `application/json` when absent. */
  consumes?: string[];
  /** Formats of path parameters that are not ids (ids — `id` and `…Id` — are always UUIDs). */
  pathParams?: Record<string, RegExp>;
}

export const DEFAULT_CONSUMES = ['application/json'];

function routeConfig(patch: ApiRouteConfig): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, descriptor.value) ?? {}) as ApiRouteConfig;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, ...patch, pathParams: { ...current.pathParams, ...patch.pathParams } }, descriptor.value);
    return descriptor;
  };
}

/**
 * The content types this route reads its body in, instead of JSON: `multipart/form-data` for file
 * uploads, the tus and WebVTT types where those are spoken. Anything else is answered 415 before the
 * body is read (so a plain cross-site HTML form cannot reach a JSON route). Also documents them.
 */
export function Consumes(...types: string[]): MethodDecorator {
  return applyDecorators(routeConfig({ consumes: types.map((t) => t.toLowerCase()) }), ApiConsumes(...types));
}

/**
 * Formats of this route's path parameters that are not ids. Every path parameter must be an id
 * (named `id` or `…Id`) or be declared here: the API refuses to start otherwise, so no route can
 * forget to check its keys. A malformed key answers 404 before anything reads the database.
 */
export function PathParams(formats: Record<string, RegExp>): MethodDecorator {
  return routeConfig({ pathParams: formats });
}
