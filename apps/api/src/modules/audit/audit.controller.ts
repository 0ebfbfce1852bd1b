import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { AuditEntry, auditListQuerySchema, auditListSchema } from '@bdhv/contracts';
import { Roles } from '../../common/auth-user';
import { AuditService } from './audit.service';

class AuditListQueryDto extends createZodDto(auditListQuerySchema) {}
class AuditListDto extends createZodDto(auditListSchema) {}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Administrators only: who did what, newest first. */
  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: AuditListDto })
  list(@Query() query: AuditListQueryDto): Promise<{ items: AuditEntry[]; page: number; pageSize: number; total: number }> {
    return this.audit.list(query);
  }
}
