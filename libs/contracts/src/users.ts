import { z } from 'zod';
import { idSchema } from './ids';
import { emailSchema, fullNameSchema, orgUnitRefSchema, phoneSchema } from './auth';
import { audienceSchema, roleSchema } from './identity';
import { paginationQuerySchema } from './pagination';

export const userStatusSchema = z.enum(['active', 'disabled']);

export const citizenIdSchema = z.string().trim().regex(/^\d{12}$/, 'Số định danh cá nhân gồm đúng 12 chữ số.');

export const userSummarySchema = z.object({
  id: z.string(),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  audiences: z.array(audienceSchema),
  position: z.string().nullable(),
  orgUnit: orgUnitRefSchema,
  status: userStatusSchema,
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userDetailSchema = userSummarySchema.extend({
  /** Only the last 4 digits are ever shown: ********1234. */
  citizenIdMasked: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  linkedIdentityProviders: z.array(z.string()),
});
export type UserDetail = z.infer<typeof userDetailSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const userListQuerySchema = paginationQuerySchema.extend({
  /** Matches name, phone or email; ignores diacritics and case ("nguyen van a" finds "Nguyễn Văn A"). */
  q: z.string().trim().max(100).optional(),
  orgUnitId: idSchema().optional(),
  /** With orgUnitId: include the unit's whole subtree (default) or only the unit itself. */
  includeSubunits: booleanQuery.default(true),
  audience: audienceSchema.optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userListSchema = z.object({
  items: z.array(userSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const createUserRequestSchema = z
  .object({
    fullName: fullNameSchema,
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    orgUnitId: idSchema(),
    audiences: z.array(audienceSchema).min(1, 'Chọn ít nhất một đối tượng.'),
    roles: z.array(roleSchema).min(1).default(['learner']),
    position: z.string().trim().max(255).optional(),
    citizenId: citizenIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.phone || v.email, { message: 'Cần số điện thoại hoặc email.', path: ['phone'] });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    fullName: fullNameSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    orgUnitId: idSchema().optional(),
    audiences: z.array(audienceSchema).min(1).optional(),
    roles: z.array(roleSchema).min(1).optional(),
    position: z.string().trim().max(255).nullable().optional(),
    citizenId: citizenIdSchema.nullable().optional(),
    status: userStatusSchema.optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** An administrator forces a reset: the user gets a one-time link and must choose a new password. */
export const forceResetResponseSchema = z.object({ sent: z.boolean(), channel: z.enum(['email', 'log']) });
