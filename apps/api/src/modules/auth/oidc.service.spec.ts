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
  it('reads an email only when the provider says it verified it, normalised to lower case', () => {
    expect(claimedEmail({ email: ' An@Example.VN ', email_verified: true })).toBe('an@example.vn');
    expect(claimedEmail({ email: 'an@example.vn', email_verified: 'true' })).toBe('an@example.vn');
    expect(claimedEmail({ email: 'khong-phai-email', email_verified: true })).toBeNull();
    expect(claimedEmail({ email: 42, email_verified: true })).toBeNull();
  });

  it('treats a missing or unrecognised email_verified as unverified', () => {
    for (const email_verified of [undefined, null, false, 'false', 1, 'yes', 'TRUE ', {}]) {
      expect({ email_verified, email: claimedEmail({ email: 'an@example.vn', email_verified }) }).toEqual({ email_verified, email: null });
    }
  });

  it('reads a Vietnamese phone number in any spelling, only when verified', () => {
    expect(claimedPhone({ phone_number: '0912 345 678', phone_number_verified: true })).toBe('+84912345678');
    expect(claimedPhone({ phone_number: '+84912345678', phone_number_verified: 'true' })).toBe('+84912345678');
    expect(claimedPhone({ phone_number: '+1 202 555 0100', phone_number_verified: true })).toBeNull();
    for (const phone_number_verified of [undefined, null, false, 'false', 1]) {
      expect({ phone_number_verified, phone: claimedPhone({ phone_number: '0912 345 678', phone_number_verified }) }).toEqual({ phone_number_verified, phone: null });
    }
  });

  it('builds the full name in Vietnamese order when only its parts are given', () => {
    expect(claimedName({ sub: 'x', name: '  Lộc   Thị Hoa ' }, 'dự phòng')).toBe('Lộc Thị Hoa');
    expect(claimedName({ sub: 'x', family_name: 'Lộc', middle_name: 'Thị', given_name: 'Hoa' }, 'dự phòng')).toBe('Lộc Thị Hoa');
    expect(claimedName({ sub: 'x' }, 'Người dùng VNeID')).toBe('Người dùng VNeID');
  });
});
