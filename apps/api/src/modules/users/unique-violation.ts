/**
 * Maps a unique-index violation raised by the database to the request field it concerns, so that a
 * race between the "already taken?" check and the insert still answers 409 naming the field.
 * SQLite reports `UNIQUE constraint failed: users.phone`; MySQL/MariaDB report the index name
 * (`Duplicate entry '…' for key 'UQ_users_phone'`).
 */
export function uniqueViolationField(error: unknown, fields: Record<string, { index: string; column: string }>): string | null {
  const driverError = (error as { driverError?: { code?: string; message?: string } } | null)?.driverError ?? (error as { code?: string; message?: string } | null);
  const code = driverError?.code ?? '';
  if (code !== 'ER_DUP_ENTRY' && !code.startsWith('SQLITE_CONSTRAINT')) return null;
  const message = driverError?.message ?? '';
  for (const [field, { index, column }] of Object.entries(fields)) {
    if (message.includes(index) || message.includes(column)) return field;
  }
  return null;
}
