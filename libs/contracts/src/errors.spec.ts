import { apiErrorSchema } from './errors';

describe('apiErrorSchema', () => {
  it('accepts the documented error shape with field errors', () => {
    const parsed = apiErrorSchema.parse({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Dữ liệu không hợp lệ',
      errors: [{ field: 'name', message: 'Bắt buộc' }],
      requestId: 'abc',
    });
    expect(parsed.errors?.[0].field).toBe('name');
  });

  it('rejects a response without a request id', () => {
    expect(apiErrorSchema.safeParse({ statusCode: 500, code: 'X', message: 'm' }).success).toBe(false);
  });
});
