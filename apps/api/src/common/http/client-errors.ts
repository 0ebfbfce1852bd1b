import { ApiError, ErrorCode } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over 16 KB, malformed
 * request lines, a request that took too long to arrive). Node and Fastify would answer in their own
 * shape; these answers have the one error shape, with a request id that is also logged.
 */
export function clientErrorBody(err: NodeJS.ErrnoException): ApiError {
  const requestId = randomUUID();
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { statusCode: 431, code: ErrorCode.HEADERS_TOO_LARGE, message: 'Địa chỉ hoặc tiêu đề của yêu cầu quá lớn (tối đa 16 KB).', requestId };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { statusCode: 408, code: ErrorCode.REQUEST_TIMEOUT, message: 'Yêu cầu gửi lên quá chậm. Vui lòng thử lại.', requestId };
    default:
      return { statusCode: 400, code: ErrorCode.BAD_REQUEST, message: 'Yêu cầu HTTP không đúng định dạng.', requestId };
  }
}

/** Fastify's `clientErrorHandler`: writes the answer on the raw socket, then closes it. */
export function handleClientError(this: { log: FastifyBaseLogger }, err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorBody(err);
  this.log.info({ reqId: body.requestId, code: err.code, statusCode: body.statusCode }, 'request refused by the HTTP parser');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const json = JSON.stringify(body);
  socket.end(
    [
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(json)}`,
      'Cache-Control: no-store',
      `X-Request-Id: ${body.requestId}`,
      'Connection: close',
      '',
      json,
    ].join('\r\n'),
  );
  // The client may keep sending; do not wait for it once the answer is out.
  socket.once('finish', () => socket.destroy());
}
