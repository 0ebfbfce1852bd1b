import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toApiError } from './to-api-error';
import type { SpaIndex } from './spa-index';

/**
 * The one error shape for every failure raised inside Nest (guards, pipes, handlers, unknown
 * routes). Errors raised by Fastify before routing (body parsing) take the same path through
 * the adapter's error handler and Fastify's `frameworkErrors`; those refused by Node's HTTP parser
 * through `handleClientError` (common/http/client-errors.ts).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly spa: SpaIndex) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    // Nest raises a bare NotFoundException for unknown routes; domain code raises AppException.
    const routeNotFound = exception instanceof NotFoundException;
    if (routeNotFound && this.spa.serves(request)) {
      this.spa.send(reply);
      return;
    }
    sendApiError(exception, request, reply, routeNotFound);
  }
}

export function sendApiError(exception: unknown, request: FastifyRequest, reply: FastifyReply, routeNotFound = false): void {
  const { body, internal } = toApiError(exception, routeNotFound);
  if (internal) {
    request.log.error({ err: exception }, 'unhandled error');
  } else if (body.statusCode >= 400) {
    request.log.info({ code: body.code, statusCode: body.statusCode }, 'request failed');
  }
  if (reply.sent) return;
  const retryAfter = (exception as { retryAfter?: unknown } | null)?.retryAfter;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(Math.ceil(retryAfter)));
  // Refused before its body was read (wrong type, too large, broken upload): close the connection
  // rather than read the rest of a body nobody wants.
  if ((request.raw as { complete?: boolean }).complete === false) reply.header('connection', 'close');
  void reply
    .status(body.statusCode)
    // Also set here: errors raised by the router (frameworkErrors) skip the onRequest hook that sets it.
    .header('x-request-id', String(request.id))
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ ...body, requestId: String(request.id) });
}
