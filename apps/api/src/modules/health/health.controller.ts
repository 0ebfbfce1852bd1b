import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyReply } from 'fastify';
import { healthResponseSchema, HealthResponse } from '@bdhv/contracts';
import { Public } from '../../common/public.decorator';
import { HealthService } from './health.service';

class HealthResponseDto extends createZodDto(healthResponseSchema) {}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponseDto, description: 'Database and queue are reachable' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database or the queue is down' })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const result = await this.health.check();
    reply.header('cache-control', 'no-store');
    if (result.status !== 'ok') reply.status(503);
    return result;
  }
}
