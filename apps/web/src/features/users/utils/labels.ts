import { audienceSchema, roleSchema, type Audience, type Role } from '@bdhv/contracts';
import type { TFunction } from 'i18next';
import type { UserStatus } from '../api/keys';

export const allRoles: readonly Role[] = roleSchema.options;
export const allAudiences: readonly Audience[] = audienceSchema.options;
export const allStatuses: readonly UserStatus[] = ['active', 'disabled'];

export function isRole(value: string | null): value is Role {
  return value !== null && (allRoles as readonly string[]).includes(value);
}

export function isAudience(value: string | null): value is Audience {
  return value !== null && (allAudiences as readonly string[]).includes(value);
}

export function isStatus(value: string | null): value is UserStatus {
  return value !== null && (allStatuses as readonly string[]).includes(value);
}

export const roleOptions = (t: TFunction, roles: readonly Role[] = allRoles) =>
  roles.map((role) => ({ value: role, label: t(`identity.roles.${role}`) }));
export const audienceOptions = (t: TFunction) => allAudiences.map((audience) => ({ value: audience, label: t(`identity.audiences.${audience}`) }));
export const statusOptions = (t: TFunction) => allStatuses.map((status) => ({ value: status, label: t(`users.status.${status}`) }));
