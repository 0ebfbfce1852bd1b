import { HttpException } from '@nestjs/common';
import { ErrorCode, FieldError } from '@bdhv/contracts';

/** A domain error with a stable code. Messages are Vietnamese: they reach end users as they are. */
export class AppException extends HttpException {
  constructor(
    statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super({ code, message, errors }, statusCode);
  }

  static notFound(message = 'Không tìm thấy dữ liệu yêu cầu.') {
    return new AppException(404, ErrorCode.NOT_FOUND, message);
  }
  static forbidden(message = 'Bạn không có quyền thực hiện thao tác này.') {
    return new AppException(403, ErrorCode.FORBIDDEN, message);
  }
  static unauthenticated(message = 'Bạn cần đăng nhập để tiếp tục.') {
    return new AppException(401, ErrorCode.UNAUTHENTICATED, message);
  }
  static conflict(message: string) {
    return new AppException(409, ErrorCode.CONFLICT, message);
  }
  static validation(errors: FieldError[], message = 'Dữ liệu gửi lên không hợp lệ.') {
    return new AppException(400, ErrorCode.VALIDATION_FAILED, message, errors);
  }
}
