import { useMutation } from '@tanstack/react-query';
import { apiDownload, buildApiUrl } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';

export function importReportPath(id: string): string {
  return `/imports/${encodeURIComponent(id)}/report.csv`;
}

/** The address of the report, for the link's href (the download itself needs the bearer token). */
export function importReportUrl(id: string): string {
  return buildApiUrl(importReportPath(id));
}

/** GET /api/imports/:id/report.csv: the rejected rows (row number, reason), saved as a file. */
export async function downloadImportReport({ id, fileName }: { id: string; fileName: string }): Promise<void> {
  const blob = await apiDownload(importReportPath(id), { timeoutMs: 60_000 });
  const base = fileName.replace(/\.(csv|xlsx)$/i, '');
  saveBlob(blob, `${base || 'nhap-du-lieu'}-dong-bi-tu-choi.csv`);
}

export function useDownloadImportReport() {
  return useMutation({ mutationFn: downloadImportReport });
}
