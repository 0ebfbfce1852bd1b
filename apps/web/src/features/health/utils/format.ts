import type { HealthResponse } from '@bdhv/contracts';
import type { TFunction } from 'i18next';

export type HealthComponentName = 'database' | 'queue';
export type HealthComponent = HealthResponse[HealthComponentName];

export const healthComponentNames: readonly HealthComponentName[] = ['database', 'queue'];

const driverNames: Record<HealthComponent['driver'], string> = {
  sqlite: 'SQLite',
  mysql: 'MySQL',
  inline: 'Inline',
  bullmq: 'BullMQ',
};

/** Product names are not translated. */
export function formatDriver(driver: HealthComponent['driver']): string {
  return driverNames[driver];
}

/** "2 days 3 hours 4 minutes"; seconds only while under a minute. */
export function formatDuration(totalSeconds: number, t: TFunction): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return t('health.duration.seconds', { count: seconds });
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const parts: string[] = [];
  if (days > 0) parts.push(t('health.duration.days', { count: days }));
  if (hours > 0) parts.push(t('health.duration.hours', { count: hours }));
  if (minutes > 0 || parts.length === 0) parts.push(t('health.duration.minutes', { count: minutes }));
  return parts.join(' ');
}

export function formatLatency(latencyMs: number | undefined, locale: string, t: TFunction): string {
  if (latencyMs === undefined) return t('health.notAvailable');
  const value = new Intl.NumberFormat(locale, { maximumFractionDigits: latencyMs < 10 ? 1 : 0 }).format(latencyMs);
  return t('health.latency', { value });
}

export function formatTime(timestamp: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(timestamp);
}
