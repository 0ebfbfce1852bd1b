import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyRequest } from 'fastify';
import {
  createOrgUnitRequestSchema,
  mergeOrgUnitRequestSchema,
  moveOrgUnitRequestSchema,
  orgUnitListSchema,
  orgUnitSchema,
  OrgUnitDto,
  publicCommuneListSchema,
  updateOrgUnitRequestSchema,
} from '@bdhv/contracts';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { Public } from '../../common/public.decorator';
import { clientContext } from '../../common/request-context';
import { OrgUnitsService } from './org-units.service';

class CreateOrgUnitDto extends createZodDto(createOrgUnitRequestSchema) {}
class UpdateOrgUnitDto extends createZodDto(updateOrgUnitRequestSchema) {}
class MoveOrgUnitDto extends createZodDto(moveOrgUnitRequestSchema) {}
class MergeOrgUnitDto extends createZodDto(mergeOrgUnitRequestSchema) {}
class OrgUnitResponseDto extends createZodDto(orgUnitSchema) {}
class OrgUnitListDto extends createZodDto(orgUnitListSchema) {}
class PublicCommuneListDto extends createZodDto(publicCommuneListSchema) {}

@ApiTags('org-units')
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  /** Public: residents choose their commune or ward when they register. */
  @Public()
  @Get('communes')
  @ApiOkResponse({ type: PublicCommuneListDto })
  async communes(): Promise<{ items: { id: string; code: string; name: string }[] }> {
    return { items: await this.units.communes() };
  }

  @Get()
  @Roles('admin', 'unit_manager')
  @ApiOkResponse({ type: OrgUnitListDto })
  async list(@CurrentUser() caller: AuthUser): Promise<{ items: OrgUnitDto[] }> {
    return { items: await this.units.list(caller) };
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: OrgUnitResponseDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateOrgUnitDto, @Req() req: FastifyRequest): Promise<OrgUnitDto> {
    return this.units.create(caller, dto, clientContext(req));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OrgUnitResponseDto })
  update(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: UpdateOrgUnitDto, @Req() req: FastifyRequest): Promise<OrgUnitDto> {
    return this.units.update(caller, id, dto, clientContext(req));
  }

  /** The unit and its whole subtree get a new parent. */
  @Post(':id/move')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OrgUnitResponseDto })
  move(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: MoveOrgUnitDto, @Req() req: FastifyRequest): Promise<OrgUnitDto> {
    return this.units.move(caller, id, dto.parentId, clientContext(req));
  }

  /** Users and child units move to the target; the unit stays, inactive, marked as merged. Answers the merged unit. */
  @Post(':id/merge')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: OrgUnitResponseDto })
  merge(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: MergeOrgUnitDto, @Req() req: FastifyRequest): Promise<OrgUnitDto> {
    return this.units.merge(caller, id, dto.targetId, clientContext(req));
  }
}
