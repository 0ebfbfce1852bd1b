import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a request came from, for audit entries and rate limits. */
export interface ClientContext {
  ip: string;
  userAgent?: string;
}

export function clientContext(request: FastifyRequest): ClientContext {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The caller's client context as a handler parameter: `@Client() ctx: ClientContext`. */
export const Client = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientContext => clientContext(ctx.switchToHttp().getRequest<FastifyRequest>()));
