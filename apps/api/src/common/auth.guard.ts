import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from './app-exception';
import { IS_PUBLIC } from './public.decorator';

/**
 * Global guard: a route is closed unless it is marked @Public() or a signed-in user passes the
 * role and object checks. Sign-in arrives with the identity module; until then every non-public
 * route answers 401, which is the safe default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    throw AppException.unauthenticated();
  }
}
