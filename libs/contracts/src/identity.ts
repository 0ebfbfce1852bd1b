import { z } from 'zod';

/** Kinds of organisation unit in the province tree. */
export const orgUnitKindSchema = z.enum(['province', 'department', 'commune', 'press', 'enterprise', 'other']);
export type OrgUnitKind = z.infer<typeof orgUnitKindSchema>;

/** Roles drive permissions. */
export const roleSchema = z.enum(['learner', 'trainer', 'unit_manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** Audiences drive course targeting and the plan's percentages. */
export const audienceSchema = z.enum(['resident', 'official', 'communications', 'press', 'enterprise']);
export type Audience = z.infer<typeof audienceSchema>;
