import type { TFunction } from 'i18next';
import { toLocale } from '@/lib/i18n';

/** A media position as a clock: 83 → "1:23", 3723 → "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A course's estimated time: "45 phút", "1 giờ 30 phút", "2 giờ". */
export function formatMinutes(totalMinutes: number, t: TFunction): string {
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return t('learning.duration.minutes', { count: m });
  if (m === 0) return t('learning.duration.hours', { count: h });
  return t('learning.duration.hoursMinutes', { hours: h, minutes: m });
}

/** A lesson's length, rounded up to whole minutes ("5 phút"); under a minute shows seconds. */
export function formatLessonDuration(seconds: number, t: TFunction): string {
  if (seconds < 60) return t('learning.duration.seconds', { count: seconds });
  return formatMinutes(Math.ceil(seconds / 60), t);
}

/** File size in the user's locale: "1,5 MB". */
export function formatFileSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(toLocale(language), { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** A due date as "dd/mm/yyyy" (vi) or "dd Mon yyyy" (en). */
export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(toLocale(language), { day: '2-digit', month: '2-digit', year: 'numeric' });
}
