import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config';
import type { IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'bdhv_refresh';
const COOKIE_PATH = '/api/auth';

/** httpOnly, SameSite=Strict, scoped to /api/auth: scripts cannot read it and other sites cannot send it. */
export function setRefreshCookie(reply: FastifyReply, session: IssuedSession, config: AppConfig): void {
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure: config.auth.cookieSecure,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: session.refreshExpiresAt,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: config.auth.cookieSecure, sameSite: 'strict', path: COOKIE_PATH });
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  return request.cookies?.[REFRESH_COOKIE];
}

export function sessionBody(session: IssuedSession) {
  return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
}
