import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthSession,
  authSessionSchema,
  changePasswordRequestSchema,
  forgotPasswordRequestSchema,
  loginRequestSchema,
  Me,
  meSchema,
  registerRequestSchema,
  resetPasswordRequestSchema,
} from '@bdhv/contracts';
import { ApiOkResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../../common/auth-user';
import { Public } from '../../common/public.decorator';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AuthService } from './auth.service';
import { clientContext } from '../../common/request-context';
import { clearRefreshCookie, readDeviceCookie, readRefreshCookie, sessionBody, setDeviceCookie, setRefreshCookie } from './session-cookie';

class RegisterDto extends createZodDto(registerRequestSchema) {}
class LoginDto extends createZodDto(loginRequestSchema) {}
class ChangePasswordDto extends createZodDto(changePasswordRequestSchema) {}
class ForgotPasswordDto extends createZodDto(forgotPasswordRequestSchema) {}
class ResetPasswordDto extends createZodDto(resetPasswordRequestSchema) {}
class AuthSessionDto extends createZodDto(authSessionSchema) {}
class MeDto extends createZodDto(meSchema) {}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Residents register themselves and are signed in. */
  @Public()
  @Post('register')
  @HttpCode(201)
  @ApiOkResponse({ type: AuthSessionDto })
  async register(@Body() dto: RegisterDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSession> {
    const session = await this.auth.register(dto, clientContext(req), readDeviceCookie(req));
    setRefreshCookie(reply, session, this.config);
    setDeviceCookie(reply, session, this.config);
    return sessionBody(session);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionDto })
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSession> {
    const session = await this.auth.login(dto, clientContext(req), readDeviceCookie(req));
    setRefreshCookie(reply, session, this.config);
    setDeviceCookie(reply, session, this.config);
    return sessionBody(session);
  }

  /** Public: authenticated by the refresh cookie, which is single-use and rotated here. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionDto })
  async refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuthSession> {
    try {
      const session = await this.auth.refresh(readRefreshCookie(req), clientContext(req));
      setRefreshCookie(reply, session, this.config);
      return sessionBody(session);
    } catch (e) {
      clearRefreshCookie(reply, this.config);
      throw e;
    }
  }

  /** Public: revokes whatever session the refresh cookie belongs to. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(readRefreshCookie(req));
    clearRefreshCookie(reply, this.config);
  }

  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<Me> {
    return this.auth.me(user.id);
  }

  @Post('change-password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: FastifyRequest): Promise<void> {
    await this.auth.changePassword(user, dto, clientContext(req));
  }

  @Public()
  @Post('forgot-password')
  @HttpCode(202)
  async forgotPassword(@Body() dto: ForgotPasswordDto, @Req() req: FastifyRequest): Promise<{ accepted: true }> {
    await this.auth.forgotPassword(dto.identifier, clientContext(req));
    return { accepted: true };
  }

  @Public()
  @Post('reset-password')
  @HttpCode(204)
  async resetPassword(@Body() dto: ResetPasswordDto, @Req() req: FastifyRequest): Promise<void> {
    await this.auth.resetPassword(dto.token, dto.newPassword, clientContext(req));
  }
}
