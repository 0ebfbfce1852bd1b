import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AssignmentDto,
  assignmentListSchema,
  assignmentSchema,
  courseEnrolmentListSchema,
  courseEnrolmentsQuerySchema,
  createAssignmentRequestSchema,
  EnrolmentDto,
  enrolmentSchema,
  myLearningSchema,
  MyLearningItem,
} from '@bdhv/contracts';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { clientContext } from '../../common/request-context';
import { EnrolmentsService } from './enrolments.service';

class EnrolmentDtoClass extends createZodDto(enrolmentSchema) {}
class CreateAssignmentDto extends createZodDto(createAssignmentRequestSchema) {}
class AssignmentDtoClass extends createZodDto(assignmentSchema) {}
class AssignmentListDto extends createZodDto(assignmentListSchema) {}
class CourseEnrolmentsQueryDto extends createZodDto(courseEnrolmentsQuerySchema) {}
class CourseEnrolmentListDto extends createZodDto(courseEnrolmentListSchema) {}
class MyLearningDto extends createZodDto(myLearningSchema) {}

/** Enrolment in a course, assignments and the trainer's learner table (permissions checked in the service). */
@ApiTags('enrolments')
@Controller('courses/:courseId')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  /** 201 when the enrolment is created, 200 when it already existed (idempotent). */
  @Post('enrol')
  @ApiOkResponse({ type: EnrolmentDtoClass })
  async enrol(@CurrentUser() caller: AuthUser, @Param('courseId') courseId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<EnrolmentDto> {
    const { enrolment, created } = await this.enrolments.enrol(caller, courseId);
    reply.status(created ? 201 : 200);
    return enrolment;
  }

  @Delete('enrol')
  @HttpCode(204)
  @ApiNoContentResponse()
  async unenrol(@CurrentUser() caller: AuthUser, @Param('courseId') courseId: string): Promise<void> {
    await this.enrolments.unenrol(caller, courseId);
  }

  @Post('assignments')
  @Roles('admin', 'unit_manager')
  @HttpCode(201)
  @ApiCreatedResponse({ type: AssignmentDtoClass })
  assign(@CurrentUser() caller: AuthUser, @Param('courseId') courseId: string, @Body() dto: CreateAssignmentDto, @Req() req: FastifyRequest): Promise<AssignmentDto> {
    return this.enrolments.createAssignment(caller, courseId, dto, clientContext(req));
  }

  @Get('assignments')
  @ApiOkResponse({ type: AssignmentListDto })
  async assignments(@CurrentUser() caller: AuthUser, @Param('courseId') courseId: string): Promise<{ items: AssignmentDto[] }> {
    return { items: await this.enrolments.listAssignments(caller, courseId) };
  }

  @Get('enrolments')
  @ApiOkResponse({ type: CourseEnrolmentListDto })
  list(@CurrentUser() caller: AuthUser, @Param('courseId') courseId: string, @Query() query: CourseEnrolmentsQueryDto) {
    return this.enrolments.courseEnrolments(caller, courseId, query);
  }
}

/** "My learning". */
@ApiTags('enrolments')
@Controller('me')
export class MyLearningController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Get('learning')
  @ApiOkResponse({ type: MyLearningDto })
  async learning(@CurrentUser() caller: AuthUser): Promise<{ items: MyLearningItem[] }> {
    return { items: await this.enrolments.myLearning(caller) };
  }
}
