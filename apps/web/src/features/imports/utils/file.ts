/** Upload limits the API enforces; checked first so nobody waits for a doomed upload. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportFileProblem = 'missing' | 'type' | 'size' | 'empty';

export function checkImportFile(file: File | null): ImportFileProblem | null {
  if (!file) return 'missing';
  if (!/\.(csv|xlsx)$/i.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > IMPORT_MAX_BYTES) return 'size';
  return null;
}
