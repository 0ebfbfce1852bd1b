/**
 * Vietnamese phone numbers in any common spelling ("0912 345 678", "+84 912.345.678",
 * "84912345678") normalised to E.164 (+84912345678). Returns null when it is not a Vietnamese
 * mobile or landline number.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const digits = input.trim().replace(/[\s.\-()]/g, '');
  let national: string;
  if (/^\+84\d+$/.test(digits)) national = digits.slice(3);
  else if (/^84\d{9,10}$/.test(digits)) national = digits.slice(2);
  else if (/^0\d+$/.test(digits)) national = digits.slice(1);
  else return null;
  // Mobile: 9 digits starting 3, 5, 7, 8 or 9. Landline: 10 digits starting 2.
  if (/^[35789]\d{8}$/.test(national) || /^2\d{9}$/.test(national)) return `+84${national}`;
  return null;
}

/** +84912345678 → 0912 345 678 (how people write it). */
export function formatVietnamesePhone(e164: string): string {
  const national = `0${e164.replace(/^\+84/, '')}`;
  return national.length === 10 ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}` : national;
}
