/** A date as read back from either database (Date from MySQL/MariaDB, UTC text from SQLite). */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return toDate(value)?.toISOString() ?? null;
}
