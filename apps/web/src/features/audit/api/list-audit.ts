import { auditListSchema, type AuditAction, type AuditEntry } from '@bdhv/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeyRoots } from '@/lib/query-keys';

export interface AuditListParams {
  page: number;
  pageSize: number;
  action?: AuditAction;
  actorId?: string;
  targetId?: string;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  page: number;
  pageSize: number;
  total: number;
}

export const auditQueryKeys = {
  all: queryKeyRoots.audit,
  list: (params: AuditListParams) => [...queryKeyRoots.audit, 'list', params] as const,
};

/** GET /api/audit (administrators): newest first. */
export function listAudit(params: AuditListParams, signal?: AbortSignal): Promise<AuditPage> {
  return apiClient.get('/audit', { query: { ...params }, schema: auditListSchema, signal });
}

export function getAuditQueryOptions(params: AuditListParams) {
  return queryOptions({
    queryKey: auditQueryKeys.list(params),
    queryFn: ({ signal }) => listAudit(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAuditLog(params: AuditListParams) {
  return useQuery(getAuditQueryOptions(params));
}
