import { claimedEmail, claimedName, claimedPhone, DEFAULT_NEXT, safeNextPath } from './oidc.service';

describe('safeNextPath', () => {
  it('accepts same-site paths with a query and a fragment', () => {
    expect(safeNextPath('/khoa-hoc/abc?trang=2#muc-1')).toBe('/khoa-hoc/abc?trang=2#muc-1');
    expect(safeNextPath('/')).toBe('/');
  });

  it('defaults to the account page when absent', () => {
    expect(safeNextPath(undefined)).toBe(DEFAULT_NEXT);
    expect(safeNextPath('')).toBe(DEFAULT_NEXT);
  });

  it('refuses anything that could lead to another site', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'khoa-hoc',
      '/a b',
      '/\t/evil.example',
      '/x\r\nSet-Cookie: a=b',
      '/x\u0000y',
      `/${'a'.repeat(600)}`,
      ['/a', '/b'],
    ]) {
      expect({ next, result: safeNextPath(next) }).toEqual({ next, result: null });
    }
  });
});

describe('claims', () => {
  it('reads an email unless the provider says it is unverified, normalised to lower case', () => {
    expect(claimedEmail({ email: ' An@Example.VN ', email_verified: true })).toBe('an@example.vn');
    expect(claimedEmail({ email: 'an@example.vn' })).toBe('an@example.vn');
    expect(claimedEmail({ email: 'an@example.vn', email_verified: false })).toBeNull();
    expect(claimedEmail({ email: 'an@example.vn', email_verified: 'false' })).toBeNull();
    expect(claimedEmail({ email: 'khong-phai-email' })).toBeNull();
    expect(claimedEmail({ email: 42 })).toBeNull();
  });

  it('reads a Vietnamese phone number in any spelling, unless unverified', () => {
    expect(claimedPhone({ phone_number: '0912 345 678' })).toBe('+84912345678');
    expect(claimedPhone({ phone_number: '+84912345678', phone_number_verified: true })).toBe('+84912345678');
    expect(claimedPhone({ phone_number: '+84912345678', phone_number_verified: false })).toBeNull();
    expect(claimedPhone({ phone_number: '+1 202 555 0100' })).toBeNull();
  });

  it('builds the full name in Vietnamese order when only its parts are given', () => {
    expect(claimedName({ sub: 'x', name: '  Lộc   Thị Hoa ' }, 'dự phòng')).toBe('Lộc Thị Hoa');
    expect(claimedName({ sub: 'x', family_name: 'Lộc', middle_name: 'Thị', given_name: 'Hoa' }, 'dự phòng')).toBe('Lộc Thị Hoa');
    expect(claimedName({ sub: 'x' }, 'Người dùng VNeID')).toBe('Người dùng VNeID');
  });
});
