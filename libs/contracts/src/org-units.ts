import { z } from 'zod';
import { idSchema } from './ids';
import { orgUnitKindSchema } from './identity';

export const orgUnitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: orgUnitKindSchema,
  parentId: z.string().nullable(),
  active: z.boolean(),
  /** Set when the unit was merged into another; its users moved there and its history stays. */
  mergedIntoId: z.string().nullable(),
  userCount: z.number().int(),
});
export type OrgUnitDto = z.infer<typeof orgUnitSchema>;

/** The units the caller may see (the whole province for administrators, a subtree for managers), flat, parents first. */
export const orgUnitListSchema = z.object({ items: z.array(orgUnitSchema) });

export const orgUnitCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'Mã đơn vị chỉ gồm chữ không dấu, số, "-" hoặc "_" (tối đa 32 ký tự).');

export const createOrgUnitRequestSchema = z
  .object({
    code: orgUnitCodeSchema,
    name: z.string().trim().min(2).max(255),
    kind: orgUnitKindSchema.exclude(['province']),
    parentId: idSchema(),
  })
  .strict();
export type CreateOrgUnitRequest = z.infer<typeof createOrgUnitRequestSchema>;

export const updateOrgUnitRequestSchema = z
  .object({ name: z.string().trim().min(2).max(255).optional(), kind: orgUnitKindSchema.exclude(['province']).optional(), active: z.boolean().optional() })
  .strict();
export type UpdateOrgUnitRequest = z.infer<typeof updateOrgUnitRequestSchema>;

export const moveOrgUnitRequestSchema = z.object({ parentId: idSchema() }).strict();
export const mergeOrgUnitRequestSchema = z.object({ targetId: idSchema() }).strict();
