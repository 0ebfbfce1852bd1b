import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config';
import type { IssuedSession } from './auth.service';
import { DEVICE_TRUST_DAYS } from './trusted-device';

export const REFRESH_COOKIE = 'bdhv_refresh';
/** The trusted-device token (see trusted-device.ts). */
export const DEVICE_COOKIE = 'bdhv_device';
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

/** Sent only to /api/auth on same-site requests, like the refresh cookie; kept across sign-outs. */
export function setDeviceCookie(reply: FastifyReply, session: IssuedSession, config: AppConfig): void {
  if (!session.deviceToken) return;
  reply.setCookie(DEVICE_COOKIE, session.deviceToken, {
    httpOnly: true,
    secure: config.auth.cookieSecure,
    sameSite: 'strict',
    path: COOKIE_PATH,
    maxAge: DEVICE_TRUST_DAYS * 86_400,
  });
}

export function readDeviceCookie(request: FastifyRequest): string | undefined {
  return request.cookies?.[DEVICE_COOKIE];
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
