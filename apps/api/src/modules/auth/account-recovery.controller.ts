import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyRequest } from 'fastify';
import { forceResetResponseSchema } from '@bdhv/contracts';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { clientContext } from '../../common/request-context';
import { AuthService } from './auth.service';

class ForceResetResponseDto extends createZodDto(forceResetResponseSchema) {}

/** An administrator sends a user a one-time reset link (under /users, beside the account it acts on). */
@ApiTags('users')
@Controller('users')
export class AccountRecoveryController {
  constructor(private readonly auth: AuthService) {}

  @Post(':id/force-reset')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ForceResetResponseDto })
  forceReset(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Req() req: FastifyRequest): Promise<{ sent: true; channel: 'email' | 'log' }> {
    return this.auth.forceReset(caller, id, clientContext(req));
  }
}
