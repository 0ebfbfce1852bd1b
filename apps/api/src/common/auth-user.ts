import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@bdhv/contracts';
import type { FastifyRequest } from 'fastify';

/** The signed-in caller, as carried by the access token. */
export interface AuthUser {
  id: string;
  roles: Role[];
  orgUnitId: string;
  /** Materialised path of the user's unit (`/root/…/unit/`): a unit manager sees units whose path starts with it. */
  orgUnitPath: string;
  /** Refresh-token family of this session. */
  sessionId: string;
}

export type AuthedRequest = FastifyRequest & { user?: AuthUser };

export const ROLES = 'bdhv:roles';

/** Only callers holding at least one of these roles pass (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The signed-in caller; only on guarded routes. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});

export function hasRole(user: Pick<AuthUser, 'roles'>, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}
