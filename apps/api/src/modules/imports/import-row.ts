import { Audience, audienceSchema, citizenIdSchema, emailSchema, fullNameSchema, normalizeVietnamesePhone } from '@bdhv/contracts';
import type { ImportRow } from './import-file';

export interface UnitRef {
  id: string;
  code: string;
  path: string;
  active: boolean;
}

export interface RowRules {
  /** Units by upper-case code. */
  unitsByCode: Map<string, UnitRef>;
  /** Whether the uploader may place accounts in the unit with this materialised path (AccessPolicy). */
  unitAllowed: (path: string) => boolean;
}

/** A row whose fields are all valid, normalised as they will be stored. */
export interface CleanRow {
  rowNumber: number;
  raw: ImportRow['raw'];
  fullName: string;
  phone: string | null;
  email: string | null;
  unit: UnitRef;
  audiences: Audience[];
  position: string | null;
  citizenId: string | null;
}

export type CheckedRow = { ok: true; row: CleanRow } | { ok: false; rowNumber: number; raw: ImportRow['raw']; reasons: string[] };

const AUDIENCES = audienceSchema.options;

/**
 * Spreadsheets turn phone numbers and citizen IDs typed as numbers into numbers and drop their
 * leading zeros. A 12-digit citizen ID always starts with 0 (province codes are 001–096), so 10 or
 * 11 digits are one with its zeros lost; 9 digits starting 3/5/7/8/9 (10 starting 2) are a mobile
 * (landline) number without its 0.
 */
export function restoreLeadingZeros(column: 'phone' | 'citizen_id', value: string): string {
  if (!/^\d+$/.test(value)) return value;
  if (column === 'citizen_id') return value.length === 10 || value.length === 11 ? value.padStart(12, '0') : value;
  if ((value.length === 9 && /^[35789]/.test(value)) || (value.length === 10 && value.startsWith('2'))) return `0${value}`;
  return value;
}

/** Field checks for one row; every problem is reported, in Vietnamese. */
export function checkRow(row: ImportRow, rules: RowRules): CheckedRow {
  const { raw } = row;
  const reasons: string[] = [];

  const nameInput = raw.full_name.trim();
  let fullName = '';
  if (!nameInput) reasons.push('Thiếu họ và tên.');
  else {
    const parsed = fullNameSchema.safeParse(nameInput);
    if (parsed.success) fullName = parsed.data;
    else reasons.push(parsed.error.issues[0].message);
  }

  let phone: string | null = null;
  const phoneInput = restoreLeadingZeros('phone', raw.phone.trim());
  if (phoneInput) {
    phone = normalizeVietnamesePhone(phoneInput);
    if (!phone) reasons.push(`Số điện thoại không hợp lệ: «${raw.phone.trim()}».`);
  }

  let email: string | null = null;
  const emailInput = raw.email.trim();
  if (emailInput) {
    const parsed = emailSchema.safeParse(emailInput);
    if (parsed.success) email = parsed.data;
    else reasons.push(`Email không hợp lệ: «${emailInput}».`);
  }

  let citizenId: string | null = null;
  const citizenInput = restoreLeadingZeros('citizen_id', raw.citizen_id.replace(/\s/g, ''));
  if (citizenInput) {
    const parsed = citizenIdSchema.safeParse(citizenInput);
    if (parsed.success) citizenId = parsed.data;
    else reasons.push(parsed.error.issues[0].message);
  }

  if (!phoneInput && !emailInput && !citizenInput) {
    reasons.push('Cần ít nhất một trong: số điện thoại, email hoặc số định danh cá nhân.');
  }

  let unit: UnitRef | null = null;
  const code = raw.unit_code.trim().toUpperCase();
  if (!code) reasons.push('Thiếu mã đơn vị.');
  else {
    const found = rules.unitsByCode.get(code);
    if (!found) reasons.push(`Mã đơn vị «${raw.unit_code.trim()}» không tồn tại.`);
    else if (!found.active) reasons.push(`Đơn vị «${found.code}» đã ngừng hoạt động.`);
    else if (!rules.unitAllowed(found.path)) reasons.push(`Đơn vị «${found.code}» nằm ngoài phạm vi quản lý của bạn.`);
    else unit = found;
  }

  const audiences: Audience[] = [];
  const tokens = raw.audiences
    .split(/[;,]/)
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  if (!tokens.length) reasons.push('Thiếu đối tượng (cột audiences).');
  const unknown = tokens.filter((t) => !(AUDIENCES as readonly string[]).includes(t));
  if (unknown.length) {
    reasons.push(`Đối tượng không hợp lệ: ${unknown.map((u) => `«${u}»`).join(', ')}. Dùng: ${AUDIENCES.join(', ')}.`);
  }
  // Stored in the enum's order, without repeats, so re-imports compare equal.
  for (const a of AUDIENCES) if (tokens.includes(a)) audiences.push(a);

  const positionInput = raw.position.trim();
  if (positionInput.length > 255) reasons.push('Chức vụ tối đa 255 ký tự.');

  if (reasons.length || !unit) return { ok: false, rowNumber: row.rowNumber, raw, reasons };
  return {
    ok: true,
    row: { rowNumber: row.rowNumber, raw, fullName, phone, email, unit, audiences, position: positionInput || null, citizenId },
  };
}

/** Remembers identifiers seen earlier in the file: the second row with one is rejected. */
export class InFileDuplicates {
  private readonly phones = new Map<string, number>();
  private readonly emails = new Map<string, number>();
  private readonly citizenIds = new Map<string, number>();

  /** Returns the reasons to reject the row, or registers its identifiers and returns none. */
  check(row: CleanRow): string[] {
    const reasons: string[] = [];
    const seen = (map: Map<string, number>, key: string | null, label: string) => {
      const first = key ? map.get(key) : undefined;
      if (first !== undefined) reasons.push(`Trùng ${label} với dòng ${first} trong cùng tệp.`);
    };
    seen(this.phones, row.phone, 'số điện thoại');
    seen(this.emails, row.email, 'email');
    seen(this.citizenIds, row.citizenId, 'số định danh cá nhân');
    if (!reasons.length) {
      if (row.phone) this.phones.set(row.phone, row.rowNumber);
      if (row.email) this.emails.set(row.email, row.rowNumber);
      if (row.citizenId) this.citizenIds.set(row.citizenId, row.rowNumber);
    }
    return reasons;
  }
}
