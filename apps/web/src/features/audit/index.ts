// Public surface of the audit feature; app/ imports only from here.
export { auditQueryKeys, getAuditQueryOptions, listAudit, useAuditLog, type AuditListParams } from './api/list-audit';
export { AuditLog, AUDIT_PAGE_SIZE } from './components/audit-log';
