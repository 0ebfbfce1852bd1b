import { formatVietnamesePhone, normalizeVietnamesePhone } from './phone';
import { foldVietnamese } from './text';

describe('normalizeVietnamesePhone', () => {
  it.each([
    ['0912 345 678', '+84912345678'],
    ['+84 912.345.678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['(0205) 3812 345', '+842053812345'],
  ])('%s → %s', (input, expected) => expect(normalizeVietnamesePhone(input)).toBe(expected));

  it.each(['12345', '0112345678', 'abc', '+1 212 555 0100', '09123456789'])('rejects %s', (input) =>
    expect(normalizeVietnamesePhone(input)).toBeNull(),
  );

  it('formats for people', () => expect(formatVietnamesePhone('+84912345678')).toBe('0912 345 678'));
});

describe('foldVietnamese', () => {
  it('drops diacritics and case, including đ', () => {
    expect(foldVietnamese('  Nguyễn  Văn Ánh ')).toBe('nguyen van anh');
    expect(foldVietnamese('Đồng Đăng')).toBe('dong dang');
  });
});
