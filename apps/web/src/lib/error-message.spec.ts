import { describe, expect, it } from 'vitest';
import { ApiNetworkError, ApiRequestError, ApiResponseError } from './api-client';
import { getErrorMessage, getErrorRequestId } from './error-message';
import { i18n } from './i18n';

const t = i18n.t.bind(i18n);

function requestError(code: string, message = 'Server message') {
  return new ApiRequestError({ status: 400, code, message, requestId: 'req-1' });
}

describe('getErrorMessage', () => {
  it('translates known API error codes, in Vietnamese by default', () => {
    expect(getErrorMessage(requestError('FORBIDDEN'), t)).toBe('Bạn không có quyền thực hiện thao tác này.');
  });

  it('follows the current language', async () => {
    await i18n.changeLanguage('en');
    expect(getErrorMessage(requestError('UNAUTHENTICATED'), t)).toBe('Please sign in to continue.');
  });

  it("falls back to the server's message for an unknown code", () => {
    expect(getErrorMessage(requestError('COURSE_CLOSED', 'Khóa học đã đóng'), t)).toBe('Khóa học đã đóng');
  });

  it('explains network failures, timeouts and invalid responses', () => {
    expect(getErrorMessage(new ApiNetworkError('x', 'NETWORK_ERROR'), t)).toBe(
      'Không thể kết nối tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.',
    );
    expect(getErrorMessage(new ApiNetworkError('x', 'TIMEOUT'), t)).toBe('Máy chủ phản hồi quá lâu. Vui lòng thử lại sau.');
    expect(getErrorMessage(new ApiResponseError('x', { status: 200 }), t)).toBe(
      'Máy chủ trả về dữ liệu không hợp lệ. Vui lòng thử lại sau.',
    );
  });

  it('never shows the technical message of a programming error', () => {
    expect(getErrorMessage(new TypeError("Cannot read properties of undefined (reading 'x')"), t)).toBe(
      'Đã có lỗi không xác định. Vui lòng thử lại.',
    );
  });
});

describe('getErrorRequestId', () => {
  it('returns the request id of API errors only', () => {
    expect(getErrorRequestId(requestError('NOT_FOUND'))).toBe('req-1');
    expect(getErrorRequestId(new Error('boom'))).toBeUndefined();
  });
});
