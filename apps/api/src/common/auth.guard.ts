import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, Role } from '@bdhv/contracts';
import { AccessTokenService } from './access-token.service';
import { CallerStateService } from './access/caller-state.service';
import { AppException } from './app-exception';
import { AuthedRequest, ROLES } from './auth-user';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global guard: a route is closed unless it is marked @Public(). Otherwise it needs a valid bearer
 * access token (401) from an account that still exists and is active, and, when the route declares
 * @Roles(), one of those roles (403). The token only says who the caller is: roles, unit and status
 * come from CallerStateService, so a change takes effect within seconds on every process.
 * Object-level checks go through the AccessPolicy.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly callers: CallerStateService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw AppException.unauthenticated();
    const token = this.tokens.verifyAccessToken(header.slice(7).trim());
    if (!token) throw AppException.unauthenticated('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    const state = await this.callers.get(token.id);
    if (!state) throw AppException.unauthenticated('Tài khoản không còn tồn tại. Vui lòng đăng nhập lại.');
    if (state.status !== 'active') throw new AppException(401, ErrorCode.ACCOUNT_DISABLED, 'Tài khoản của bạn đã bị khoá. Vui lòng liên hệ quản trị viên.');
    const user = { id: state.id, roles: state.roles, orgUnitId: state.orgUnitId, orgUnitPath: state.orgUnitPath, sessionId: token.sessionId };
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !roles.some((r) => user.roles.includes(r))) throw AppException.forbidden();
    return true;
  }
}
