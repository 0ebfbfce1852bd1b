import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyRequest } from 'fastify';
import {
  createUserRequestSchema,
  updateUserRequestSchema,
  UserDetail,
  userDetailSchema,
  userListQuerySchema,
  userListSchema,
  UserSummary,
} from '@bdhv/contracts';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { clientContext } from '../../common/request-context';
import { UsersService } from './users.service';

class UserListQueryDto extends createZodDto(userListQuerySchema) {}
class CreateUserDto extends createZodDto(createUserRequestSchema) {}
class UpdateUserDto extends createZodDto(updateUserRequestSchema) {}
class UserListDto extends createZodDto(userListSchema) {}
class UserDetailDto extends createZodDto(userDetailSchema) {}

/** Administrators manage everyone; unit managers only the users of their own unit subtree (checked in the service). */
@ApiTags('users')
@Controller('users')
@Roles('admin', 'unit_manager')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserListDto })
  list(@CurrentUser() caller: AuthUser, @Query() query: UserListQueryDto): Promise<{ items: UserSummary[]; page: number; pageSize: number; total: number }> {
    return this.users.list(caller, query);
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: UserDetailDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateUserDto, @Req() req: FastifyRequest): Promise<UserDetail> {
    return this.users.create(caller, dto, clientContext(req));
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDetailDto })
  get(@CurrentUser() caller: AuthUser, @Param('id') id: string): Promise<UserDetail> {
    return this.users.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDetailDto })
  update(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: UpdateUserDto, @Req() req: FastifyRequest): Promise<UserDetail> {
    return this.users.update(caller, id, dto, clientContext(req));
  }
}
