import { HttpException } from '@nestjs/common';
import { ApiError, ErrorCode, FieldError } from '@bdhv/contracts';
import { ZodError } from 'zod';
import { ZodValidationException } from 'nestjs-zod';
import { AppException } from './app-exception';

type ErrorBody = Omit<ApiError, 'requestId'>;

const byStatus: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: ErrorCode.BAD_REQUEST, message: 'Yêu cầu không hợp lệ.' },
  401: { code: ErrorCode.UNAUTHENTICATED, message: 'Bạn cần đăng nhập để tiếp tục.' },
  403: { code: ErrorCode.FORBIDDEN, message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: ErrorCode.NOT_FOUND, message: 'Không tìm thấy dữ liệu yêu cầu.' },
  405: { code: ErrorCode.METHOD_NOT_ALLOWED, message: 'Phương thức không được hỗ trợ.' },
  409: { code: ErrorCode.CONFLICT, message: 'Dữ liệu bị xung đột.' },
  413: { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Kiểu nội dung không được hỗ trợ.' },
  429: { code: ErrorCode.TOO_MANY_REQUESTS, message: 'Bạn thao tác quá nhanh, vui lòng thử lại sau.' },
  503: { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'Dịch vụ tạm thời không sẵn sàng.' },
};

/** Fastify's own errors (raised while parsing a request, before any handler runs). */
const fastifyCodes: Record<string, { statusCode: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: ErrorCode.MALFORMED_JSON, message: 'Nội dung JSON không đúng cú pháp.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: ErrorCode.MALFORMED_JSON, message: 'Nội dung JSON bị trống.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Dữ liệu gửi lên quá lớn.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Kiểu nội dung không được hỗ trợ.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: ErrorCode.BAD_REQUEST, message: 'Độ dài nội dung không khớp.' },
  // Raised by the router (Fastify's frameworkErrors), before any route runs.
  FST_ERR_BAD_URL: { statusCode: 400, code: ErrorCode.BAD_REQUEST, message: 'Đường dẫn chứa ký tự mã hóa (%) không hợp lệ.' },
  FST_ERR_MAX_PARAM_LENGTH: { statusCode: 414, code: ErrorCode.URI_TOO_LONG, message: 'Đường dẫn chứa một tham số quá dài (tối đa 100 ký tự).' },
};

export function zodIssuesToFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

function isFastifyError(e: unknown): e is { code: string; statusCode?: number; message: string } {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('FST_');
}

/**
 * Maps anything thrown while serving a request to the one error shape.
 * `internal` is true when the error is unexpected and must be logged (its details are hidden).
 */
export function toApiError(exception: unknown, routeNotFound = false): { body: ErrorBody; internal: boolean } {
  if (exception instanceof ZodValidationException) {
    const zodError = exception.getZodError();
    return {
      body: {
        statusCode: 400,
        code: ErrorCode.VALIDATION_FAILED,
        message: 'Dữ liệu gửi lên không hợp lệ.',
        errors: zodError instanceof ZodError ? zodIssuesToFieldErrors(zodError) : undefined,
      },
      internal: false,
    };
  }
  if (exception instanceof AppException) {
    return {
      body: { statusCode: exception.getStatus(), code: exception.code, message: exception.message, errors: exception.errors },
      internal: false,
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const known = byStatus[statusCode];
    if (statusCode === 404 && routeNotFound) {
      return { body: { statusCode, code: ErrorCode.ROUTE_NOT_FOUND, message: 'Không tìm thấy đường dẫn API.' }, internal: false };
    }
    return {
      body: { statusCode, code: known?.code ?? (statusCode >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST), message: known?.message ?? 'Yêu cầu không hợp lệ.' },
      internal: statusCode >= 500,
    };
  }
  if (isFastifyError(exception)) {
    const mapped = fastifyCodes[exception.code];
    if (mapped) return { body: { ...mapped }, internal: false };
    const statusCode = exception.statusCode && exception.statusCode >= 400 && exception.statusCode < 500 ? exception.statusCode : 500;
    const known = byStatus[statusCode];
    return {
      body: { statusCode, code: known?.code ?? ErrorCode.INTERNAL_ERROR, message: known?.message ?? 'Đã có lỗi xảy ra phía máy chủ.' },
      internal: statusCode >= 500,
    };
  }
  return {
    body: { statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau.' },
    internal: true,
  };
}
