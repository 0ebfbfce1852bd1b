import { ErrorCode } from '@bdhv/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../app-exception';
import { ApiRouteConfig, DEFAULT_CONSUMES } from './route-options';

/** RFC 2046: 1–70 characters of `bchars`, not ending in a space; optionally quoted. */
const BOUNDARY = /;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;|$)/i;

/** Methods whose bodies Fastify never reads. */
const BODILESS = new Set(['GET', 'HEAD']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** True when a multipart Content-Type carries a boundary busboy can split the body on. */
export function hasValidBoundary(contentType: string): boolean {
  return BOUNDARY.test(contentType);
}

/**
 * `onRequest` hook: a request body is read only in a content type its route declares (JSON unless
 * `@Consumes` says otherwise), before anything parses it. Browsers send cross-site HTML forms as
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain` without a preflight, so
 * refusing every undeclared type keeps such forms away from the JSON API. A declared type with an
 * empty body is let through (the route decides); a body without a Content-Type is refused.
 */
export async function enforceContentTypes(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (BODILESS.has(request.method) || request.is404) return;
  const header = request.headers['content-type'];
  if (header === undefined && !hasBody(request)) return;
  const consumes = (request.routeOptions.config as ApiRouteConfig | undefined)?.consumes ?? DEFAULT_CONSUMES;
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  if (!consumes.includes(type)) {
    throw new AppException(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `${type ? `Kiểu nội dung ${type.slice(0, 100)} không được hỗ trợ ở đây.` : 'Thiếu tiêu đề Content-Type.'} Hãy gửi dữ liệu dạng ${consumes.join(' hoặc ')}.`,
    );
  }
  if (type === 'multipart/form-data' && !hasValidBoundary(header!)) {
    throw new AppException(400, ErrorCode.BAD_REQUEST, 'Dữ liệu multipart/form-data thiếu tham số boundary hợp lệ trong tiêu đề Content-Type.');
  }
}
