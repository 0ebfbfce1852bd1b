import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyRequest } from 'fastify';
import { clientErrorAcceptedSchema, clientErrorReportSchema } from '@bdhv/contracts';
import { Public } from '../../common/public.decorator';

class ClientErrorReportDto extends createZodDto(clientErrorReportSchema) {}
class ClientErrorAcceptedDto extends createZodDto(clientErrorAcceptedSchema) {}

@ApiTags('telemetry')
@Controller('telemetry')
export class TelemetryController {
  /** Public: a crash can happen before sign-in. The body is bounded by its schema and the body limit. */
  @Public()
  @Post('client-errors')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ClientErrorAcceptedDto })
  report(@Body() report: ClientErrorReportDto, @Req() request: FastifyRequest): { received: true } {
    request.log.warn({ clientError: report, userAgent: request.headers['user-agent'] }, 'client error reported');
    return { received: true };
  }
}
