import { toLocale } from '@/lib/i18n';

const KB = 1024;
const MB = 1024 * 1024;
const GB = 1024 * 1024 * 1024;

/** "850 KB", "12,5 MB", "1,2 GB" in the UI language. */
export function formatBytes(bytes: number, language: string): string {
  const locale = toLocale(language);
  const format = (value: number, unit: string, digits: number) =>
    `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`;
  if (bytes >= GB) return format(bytes / GB, 'GB', 1);
  if (bytes >= MB) return format(bytes / MB, 'MB', 1);
  if (bytes >= KB) return format(bytes / KB, 'KB', 0);
  return format(bytes, 'B', 0);
}

/** "4:05" or "1:02:09". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "240p · 360p · 720p". */
export function formatRenditions(heights: readonly number[]): string {
  return heights.map((height) => `${height}p`).join(' · ');
}

export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(toLocale(language), { dateStyle: 'medium' });
}

export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(toLocale(language), { dateStyle: 'medium', timeStyle: 'short' });
}

export function percentOf(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((part / total) * 100)));
}
