import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ImportJob, importJobListSchema, importJobSchema, paginationQuerySchema } from '@bdhv/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { Readable } from 'node:stream';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { Consumes } from '../../common/http/route-options';
import { ImportsService } from './imports.service';

class ImportJobDto extends createZodDto(importJobSchema) {}
class ImportJobListDto extends createZodDto(importJobListSchema) {}
class ImportListQueryDto extends createZodDto(paginationQuerySchema) {}

/** Bulk import of officials. Administrators import anywhere; unit managers within their subtree. */
@ApiTags('imports')
@Roles('admin', 'unit_manager')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Multipart upload of one field `file` (.csv in UTF-8 or .xlsx); the rows are processed by a queue job. */
  @Post()
  @HttpCode(202)
  @Consumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportJobDto })
  upload(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<ImportJob> {
    return this.imports.upload(request, user);
  }

  @Get()
  @ApiOkResponse({ type: ImportJobListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ImportListQueryDto) {
    return this.imports.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportJobDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ImportJob> {
    return this.imports.get(user, id);
  }

  /** The rejected rows as CSV (UTF-8 with BOM): row number, reason, then the original columns. */
  @Get(':id/report.csv')
  @ApiProduces('text/csv')
  async report(@CurrentUser() user: AuthUser, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const report = await this.imports.report(user, id);
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${report.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(report.chunks));
  }
}
