// Public surface of the audit feature; app/ imports only from here.
export { auditQueryKeys, getAuditQueryOptions, listAudit, useAuditLog, type AuditListParams } from './api/list-audit';
export { AuditLog } from './components/audit-log';
export { AUDIT_PAGE_SIZE, auditParamsFromSearch } from './utils/list-params';
