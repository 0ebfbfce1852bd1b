import { z } from 'zod';
import { idSchema } from './ids';
import { audienceSchema, roleSchema } from './identity';
import { normalizeVietnamesePhone } from './phone';

export const passwordSchema = z
  .string()
  .min(8, 'Mật khẩu cần ít nhất 8 ký tự.')
  .max(128, 'Mật khẩu tối đa 128 ký tự.')
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), 'Mật khẩu cần có cả chữ và số.');

export const phoneSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const normalized = normalizeVietnamesePhone(v);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'Số điện thoại không hợp lệ.' });
      return z.NEVER;
    }
    return normalized;
  });

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('Email không hợp lệ.').max(255));

export const fullNameSchema = z
  .string()
  .trim()
  .min(2, 'Họ và tên cần ít nhất 2 ký tự.')
  .max(120, 'Họ và tên tối đa 120 ký tự.');

/** Residents register themselves with a phone number or an email, choosing their commune. */
export const registerRequestSchema = z
  .object({
    fullName: fullNameSchema,
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema,
    orgUnitId: idSchema('Hãy chọn xã, phường.'),
  })
  .strict()
  .refine((v) => v.phone || v.email, { message: 'Cần số điện thoại hoặc email.', path: ['phone'] });
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** `identifier` is a phone number (any common spelling) or an email. */
export const loginRequestSchema = z
  .object({
    identifier: z.string().trim().min(3, 'Nhập số điện thoại hoặc email.').max(255),
    password: z.string().min(1, 'Nhập mật khẩu.').max(128),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const orgUnitRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });

export const meSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  audiences: z.array(audienceSchema),
  orgUnit: orgUnitRefSchema,
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

/** The refresh token travels in an httpOnly cookie; the short-lived access token in the body. */
export const authSessionSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  user: meSchema,
});
export type AuthSession = z.infer<typeof authSessionSchema>;

export const changePasswordRequestSchema = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: passwordSchema })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, { message: 'Mật khẩu mới phải khác mật khẩu cũ.', path: ['newPassword'] });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const forgotPasswordRequestSchema = z.object({ identifier: z.string().trim().min(3).max(255) }).strict();
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequestSchema>;

export const resetPasswordRequestSchema = z.object({ token: z.string().min(20).max(200), newPassword: passwordSchema }).strict();
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** Communes and wards a resident may choose at registration (public). */
export const publicCommuneSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const publicCommuneListSchema = z.object({ items: z.array(publicCommuneSchema) });

export const oidcConfigSchema = z.object({ enabled: z.boolean(), displayName: z.string().nullable() });

/**
 * Single sign-on matched an account that holds the administrator, unit-manager or trainer role: the
 * identity is linked only once the account's password confirms it. What the confirmation page shows.
 */
export const oidcPendingLinkSchema = z.object({
  /** The provider's display name, e.g. VNeID. */
  provider: z.string(),
  /** The matched email or phone, partly hidden (`qu••••y@demo.hocvuso.vn`, `0912 ••• 002`). */
  account: z.string(),
  via: z.enum(['email', 'phone']),
  expiresAt: z.iso.datetime(),
});
export type OidcPendingLink = z.infer<typeof oidcPendingLinkSchema>;

export const oidcLinkConfirmRequestSchema = z.object({ password: z.string().min(1, 'Nhập mật khẩu.').max(128) }).strict();
export type OidcLinkConfirmRequest = z.infer<typeof oidcLinkConfirmRequestSchema>;

/** An administrator lets the account's next single sign-on link it without a password. */
export const oidcLinkPermitSchema = z.object({ expiresAt: z.iso.datetime() });
export type OidcLinkPermit = z.infer<typeof oidcLinkPermitSchema>;
