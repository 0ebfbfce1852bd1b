import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AuthSession,
  authSessionSchema,
  ErrorCode,
  oidcConfigSchema,
  OidcLinkPermit,
  oidcLinkConfirmRequestSchema,
  oidcLinkPermitSchema,
  OidcPendingLink,
  oidcPendingLinkSchema,
} from '@bdhv/contracts';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { AppException } from '../../common/app-exception';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { Public } from '../../common/public.decorator';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { clientContext } from '../../common/request-context';
import { LINK_TTL_SECONDS, OidcConfig, OidcFailure, OidcService, safeNextPath, STATE_TTL_SECONDS } from './oidc.service';
import { readDeviceCookie, sessionBody, setDeviceCookie, setRefreshCookie } from './session-cookie';

class OidcConfigDto extends createZodDto(oidcConfigSchema) {}
class OidcPendingLinkDto extends createZodDto(oidcPendingLinkSchema) {}
class OidcLinkConfirmDto extends createZodDto(oidcLinkConfirmRequestSchema) {}
class OidcLinkPermitDto extends createZodDto(oidcLinkPermitSchema) {}
class AuthSessionDto extends createZodDto(authSessionSchema) {}

export const OIDC_STATE_COOKIE = 'bdhv_oidc';
const STATE_COOKIE_PATH = '/api/auth/oidc';
/** The pending link of a privileged account (see OidcService.confirmLink). */
export const OIDC_LINK_COOKIE = 'bdhv_oidc_link';
const LINK_COOKIE_PATH = '/api/auth/oidc/link';

/**
 * Single sign-on through an OpenID Connect provider (VNeID or another). The browser navigates to
 * /start, signs in at the provider, comes back to /callback and lands on the web app's sign-in page
 * with `sso=ok` (the app then calls POST /api/auth/refresh) or `sso=error&reason=<code>`. When the
 * identity matches an administrator's, unit manager's or trainer's account that it is not linked to
 * yet, it lands with `sso=link` instead: the page reads GET /link and confirms with POST /link
 * (the account's password), which links, audits and signs in.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the sign-in page shows the single sign-on button, and its label. */
  @Public()
  @Get()
  @ApiOkResponse({ type: OidcConfigDto })
  settings(): OidcConfig {
    return this.oidc.publicConfig();
  }

  @Public()
  @Get('start')
  @ApiQuery({ name: 'next', required: false, description: 'Same-site path to return to after signing in (default /tai-khoan).' })
  @ApiResponse({ status: 302, description: 'Redirect to the identity provider.' })
  async start(@Query('next') next: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.assertEnabled();
    const path = safeNextPath(next);
    if (!path) {
      throw AppException.validation([{ field: 'next', message: 'Đường dẫn quay lại phải là một trang trong hệ thống.' }]);
    }
    let target: { url: string; state: string };
    try {
      target = await this.oidc.begin(path);
    } catch (err) {
      req.log.error({ err }, 'oidc: cannot start single sign-on');
      return this.fail(reply, 'unavailable');
    }
    void reply
      .setCookie(OIDC_STATE_COOKIE, target.state, {
        httpOnly: true,
        secure: this.config.auth.cookieSecure,
        // Lax: the cookie must come back on the provider's top-level redirect to /callback.
        sameSite: 'lax',
        path: STATE_COOKIE_PATH,
        maxAge: STATE_TTL_SECONDS,
      })
      .header('cache-control', 'no-store')
      .redirect(target.url, 302);
  }

  @Public()
  @Get('callback')
  @ApiResponse({ status: 302, description: 'Redirect to /dang-nhap?sso=ok&next=… or /dang-nhap?sso=error&reason=….' })
  async callback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.assertEnabled();
    // One attempt per state, whatever the outcome.
    void reply.clearCookie(OIDC_STATE_COOKIE, { httpOnly: true, secure: this.config.auth.cookieSecure, sameSite: 'lax', path: STATE_COOKIE_PATH });
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    try {
      const outcome = await this.oidc.complete(query, req.cookies?.[OIDC_STATE_COOKIE], clientContext(req));
      if (outcome.kind === 'confirm') {
        // Strict: only this site's own pages send it back (the confirmation is a same-site fetch).
        void reply.setCookie(OIDC_LINK_COOKIE, outcome.linkToken, { ...this.linkCookie(), maxAge: LINK_TTL_SECONDS });
        req.log.info('oidc: privileged account matched, waiting for password confirmation');
        void reply
          .header('cache-control', 'no-store')
          .redirect(`${this.config.publicUrl}/dang-nhap?sso=link&next=${encodeURIComponent(outcome.next)}`, 302);
        return;
      }
      setRefreshCookie(reply, outcome.session, this.config);
      req.log.info({ userId: outcome.session.user.id }, 'oidc: signed in');
      void reply
        .header('cache-control', 'no-store')
        .redirect(`${this.config.publicUrl}/dang-nhap?sso=ok&next=${encodeURIComponent(outcome.next)}`, 302);
    } catch (err) {
      const reason = err instanceof OidcFailure ? err.reason : 'internal';
      const level = reason === 'internal' || reason === 'unavailable' || reason === 'no_unit' ? 'error' : 'warn';
      // pino's error serializer includes the cause (provider error, token validation detail).
      req.log[level]({ err, reason }, 'oidc: single sign-on failed');
      this.fail(reply, reason);
    }
  }

  /** The pending link this browser holds: which account, at which provider, until when. */
  @Public()
  @Get('link')
  @ApiOkResponse({ type: OidcPendingLinkDto })
  pendingLink(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OidcPendingLink> {
    this.assertEnabled();
    void reply.header('cache-control', 'no-store');
    return this.oidc.pendingLink(req.cookies?.[OIDC_LINK_COOKIE]);
  }

  /** Confirms the pending link with the account's password: links, audits and signs in. */
  @Public()
  @Post('link')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionDto })
  async confirmLink(@Body() dto: OidcLinkConfirmDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSession> {
    this.assertEnabled();
    try {
      const session = await this.oidc.confirmLink(req.cookies?.[OIDC_LINK_COOKIE], dto.password, clientContext(req), readDeviceCookie(req));
      void reply.clearCookie(OIDC_LINK_COOKIE, this.linkCookie());
      setRefreshCookie(reply, session, this.config);
      setDeviceCookie(reply, session, this.config);
      return sessionBody(session);
    } catch (e) {
      // A link that is gone stays gone: the browser forgets it too.
      if (e instanceof AppException && e.code === ErrorCode.OIDC_LINK_INVALID) void reply.clearCookie(OIDC_LINK_COOKIE, this.linkCookie());
      throw e;
    }
  }

  /** "Do not link": forgets the pending link. */
  @Public()
  @Delete('link')
  @HttpCode(204)
  async cancelLink(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    this.assertEnabled();
    await this.oidc.cancelLink(req.cookies?.[OIDC_LINK_COOKIE]);
    void reply.clearCookie(OIDC_LINK_COOKIE, this.linkCookie());
  }

  private linkCookie() {
    return { httpOnly: true, secure: this.config.auth.cookieSecure, sameSite: 'strict' as const, path: LINK_COOKIE_PATH };
  }

  private fail(reply: FastifyReply, reason: string): void {
    void reply
      .header('cache-control', 'no-store')
      .redirect(`${this.config.publicUrl}/dang-nhap?sso=error&reason=${encodeURIComponent(reason)}`, 302);
  }

  private assertEnabled(): void {
    if (!this.oidc.enabled) {
      throw new AppException(404, ErrorCode.OIDC_DISABLED, 'Hệ thống chưa bật đăng nhập một lần (VNeID).');
    }
  }
}

/**
 * An administrator lets a privileged account's next single sign-on link it without the password
 * (under /users, beside the account it acts on, like the forced password reset).
 */
@ApiTags('users')
@Controller('users')
export class OidcLinkPermitController {
  constructor(private readonly oidc: OidcService) {}

  @Post(':id/oidc-link-permit')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OidcLinkPermitDto })
  permit(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Req() req: FastifyRequest): Promise<OidcLinkPermit> {
    if (!z.uuid().safeParse(id).success) throw AppException.notFound('Không tìm thấy người dùng.');
    return this.oidc.permitLink(caller, id, clientContext(req));
  }
}
