import { IMPORT_COLUMNS } from '@bdhv/contracts';
import type { ImportRow, RawRow } from './import-file';
import { checkRow, CleanRow, InFileDuplicates, restoreLeadingZeros, RowRules, UnitRef } from './import-row';

const unit = (code: string, path: string, active = true): UnitRef => ({ id: `id-${code}`, code, path, active });
const units = [unit('LS', '/ls/'), unit('P-DONGKINH', '/ls/dk/'), unit('SKHCN', '/ls/khcn/'), unit('CU', '/ls/cu/', false)];
const rules = (scopePath: string | null = null): RowRules => ({ unitsByCode: new Map(units.map((u) => [u.code, u])), unitAllowed: (path) => scopePath === null || path.startsWith(scopePath) });

function row(values: Partial<RawRow>, rowNumber = 2): ImportRow {
  const raw = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as RawRow;
  return { rowNumber, raw: { ...raw, full_name: 'Nguyễn Văn An', phone: '0912 345 678', unit_code: 'SKHCN', audiences: 'official', ...values } };
}

describe('checkRow', () => {
  it('normalises a valid row', () => {
    const checked = checkRow(row({ email: ' An.NV@LangSon.gov.vn ', audiences: 'press; Official,official', position: ' Chuyên viên ', citizen_id: '020 190 001 234', unit_code: 'skhcn' }), rules());
    expect(checked).toEqual({
      ok: true,
      row: expect.objectContaining({
        fullName: 'Nguyễn Văn An',
        phone: '+84912345678',
        email: 'an.nv@langson.gov.vn',
        unit: units[2],
        audiences: ['official', 'press'],
        position: 'Chuyên viên',
        citizenId: '020190001234',
      }),
    });
  });

  it('reports every problem of a row, in Vietnamese', () => {
    const checked = checkRow(row({ full_name: '', phone: '12345', email: 'x@', unit_code: 'KHONG-CO', audiences: 'dan', citizen_id: '123' }), rules());
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.reasons).toEqual([
      'Thiếu họ và tên.',
      'Số điện thoại không hợp lệ: «12345».',
      'Email không hợp lệ: «x@».',
      'Số định danh cá nhân gồm đúng 12 chữ số.',
      'Mã đơn vị «KHONG-CO» không tồn tại.',
      'Đối tượng không hợp lệ: «dan». Dùng: resident, official, communications, press, enterprise.',
    ]);
  });

  it('needs a phone, an email or a citizen ID, and audiences', () => {
    const checked = checkRow(row({ phone: '', audiences: ' ; ' }), rules());
    expect(checked.ok || checked.reasons).toEqual(['Cần ít nhất một trong: số điện thoại, email hoặc số định danh cá nhân.', 'Thiếu đối tượng (cột audiences).']);
  });

  it('refuses inactive units and, for a unit manager, units outside the subtree', () => {
    expect(checkRow(row({ unit_code: 'CU' }), rules()).ok).toBe(false);
    const outside = checkRow(row({ unit_code: 'SKHCN' }), rules('/ls/dk/'));
    expect(outside.ok || outside.reasons).toEqual(['Đơn vị «SKHCN» nằm ngoài phạm vi quản lý của bạn.']);
    expect(checkRow(row({ unit_code: 'P-DONGKINH' }), rules('/ls/dk/')).ok).toBe(true);
    expect(checkRow(row({ unit_code: 'LS' }), rules('/ls/dk/')).ok).toBe(false);
  });
});

describe('restoreLeadingZeros', () => {
  it('restores zeros a spreadsheet dropped from numbers', () => {
    expect(restoreLeadingZeros('phone', '912345678')).toBe('0912345678');
    expect(restoreLeadingZeros('phone', '2053812345')).toBe('02053812345');
    expect(restoreLeadingZeros('phone', '84912345678')).toBe('84912345678');
    expect(restoreLeadingZeros('citizen_id', '20190001234')).toBe('020190001234');
    expect(restoreLeadingZeros('citizen_id', '1090001234')).toBe('001090001234');
    // A 9-digit old ID card number is not a citizen ID: left alone, and rejected later.
    expect(restoreLeadingZeros('citizen_id', '123456789')).toBe('123456789');
    expect(restoreLeadingZeros('phone', '0912 345 678')).toBe('0912 345 678');
  });
});

describe('InFileDuplicates', () => {
  const clean = (rowNumber: number, phone: string | null, email: string | null, citizenId: string | null) =>
    ({ rowNumber, phone, email, citizenId }) as CleanRow;

  it('rejects the second row sharing any identifier, naming the first', () => {
    const d = new InFileDuplicates();
    expect(d.check(clean(2, '+84912345678', 'a@x.vn', null))).toEqual([]);
    expect(d.check(clean(3, '+84912345679', 'a@x.vn', null))).toEqual(['Trùng email với dòng 2 trong cùng tệp.']);
    expect(d.check(clean(4, '+84912345679', null, '020190001234'))).toEqual([]);
    expect(d.check(clean(5, null, null, '020190001234'))).toEqual(['Trùng số định danh cá nhân với dòng 4 trong cùng tệp.']);
  });
});
