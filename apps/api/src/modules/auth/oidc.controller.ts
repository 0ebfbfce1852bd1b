import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode, oidcConfigSchema } from '@bdhv/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { AppException } from '../../common/app-exception';
import { Public } from '../../common/public.decorator';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { clientContext } from '../../common/request-context';
import { OidcConfig, OidcFailure, OidcService, safeNextPath, STATE_TTL_SECONDS } from './oidc.service';
import { setRefreshCookie } from './session-cookie';

class OidcConfigDto extends createZodDto(oidcConfigSchema) {}

export const OIDC_STATE_COOKIE = 'bdhv_oidc';
const STATE_COOKIE_PATH = '/api/auth/oidc';

/**
 * Single sign-on through an OpenID Connect provider (VNeID or another). The browser navigates to
 * /start, signs in at the provider, comes back to /callback and lands on the web app's sign-in page
 * with `sso=ok` (the app then calls POST /api/auth/refresh) or `sso=error&reason=<code>`.
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
      const { session, next } = await this.oidc.complete(query, req.cookies?.[OIDC_STATE_COOKIE], clientContext(req));
      setRefreshCookie(reply, session, this.config);
      req.log.info({ userId: session.user.id }, 'oidc: signed in');
      void reply
        .header('cache-control', 'no-store')
        .redirect(`${this.config.publicUrl}/dang-nhap?sso=ok&next=${encodeURIComponent(next)}`, 302);
    } catch (err) {
      const reason = err instanceof OidcFailure ? err.reason : 'internal';
      const level = reason === 'internal' || reason === 'unavailable' || reason === 'no_unit' ? 'error' : 'warn';
      // pino's error serializer includes the cause (provider error, token validation detail).
      req.log[level]({ err, reason }, 'oidc: single sign-on failed');
      this.fail(reply, reason);
    }
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
