import { auditActionSchema, type AuditAction } from '@bdhv/contracts';
import { pageFromSearch } from '@/lib/use-url-filters';
import type { AuditListParams } from '../api/list-audit';

export const AUDIT_PAGE_SIZE = 25;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isAuditAction(value: string | null): value is AuditAction {
  return value !== null && (auditActionSchema.options as readonly string[]).includes(value);
}

/** A day from a date input as an instant in the browser's time zone: its start, or its last millisecond. */
function dayBoundary(day: string | null, end: boolean): string | undefined {
  if (!day || !DATE_PATTERN.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The audit query for an address (?action=&from=&to=&page=): what the log asks for, and what its
 * route prefetches (same params, same query key).
 */
export function auditParamsFromSearch(searchParams: URLSearchParams): AuditListParams {
  const action = searchParams.get('action');
  return {
    page: pageFromSearch(searchParams),
    pageSize: AUDIT_PAGE_SIZE,
    action: isAuditAction(action) ? action : undefined,
    from: dayBoundary(searchParams.get('from'), false),
    to: dayBoundary(searchParams.get('to'), true),
  };
}
