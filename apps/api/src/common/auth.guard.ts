import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@bdhv/contracts';
import { AccessTokenService } from './access-token.service';
import { AppException } from './app-exception';
import { AuthedRequest, ROLES } from './auth-user';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global guard: a route is closed unless it is marked @Public(). Otherwise it needs a valid bearer
 * access token (401) and, when the route declares @Roles(), one of those roles (403). Object-level
 * checks (unit subtree, ownership) happen in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw AppException.unauthenticated();
    const user = this.tokens.verifyAccessToken(header.slice(7).trim());
    if (!user) throw AppException.unauthenticated('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.some((r) => user.roles.includes(r))) throw AppException.forbidden();
    return true;
  }
}
