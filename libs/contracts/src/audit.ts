import { z } from 'zod';
import { idSchema } from './ids';
import { paginationQuerySchema } from './pagination';

export const auditActionSchema = z.enum([
  'auth.login_failed',
  'auth.locked',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.oidc_linked',
  'auth.oidc_link_pending',
  'auth.oidc_link_permitted',
  'user.created',
  'user.updated',
  'user.roles_changed',
  'user.disabled',
  'user.enabled',
  'user.reset_forced',
  'org_unit.created',
  'org_unit.updated',
  'org_unit.moved',
  'org_unit.merged',
  'import.started',
  'import.completed',
  'import.failed',
  'course.published',
  'course.archived',
  'course.assigned',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  action: auditActionSchema,
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  summary: z.string(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = paginationQuerySchema.extend({
  action: auditActionSchema.optional(),
  actorId: idSchema().optional(),
  targetId: idSchema().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditListSchema = z.object({ items: z.array(auditEntrySchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
