import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CourseProgress, courseProgressSchema, heartbeatRequestSchema, ProgressUpdate, progressUpdateSchema } from '@bdhv/contracts';
import { AuthUser, CurrentUser } from '../../common/auth-user';
import { ProgressService } from './progress.service';

class HeartbeatDto extends createZodDto(heartbeatRequestSchema) {}
class ProgressUpdateDto extends createZodDto(progressUpdateSchema) {}
class CourseProgressDto extends createZodDto(courseProgressSchema) {}

/** The caller's own learning progress; nobody reads or writes another learner's here. */
@ApiTags('progress')
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Post('lessons/:lessonId/heartbeat')
  @HttpCode(200)
  @ApiOkResponse({ type: ProgressUpdateDto })
  heartbeat(@CurrentUser() caller: AuthUser, @Param('lessonId') lessonId: string, @Body() dto: HeartbeatDto): Promise<ProgressUpdate> {
    return this.progress.heartbeat(caller, lessonId, dto);
  }

  @Post('lessons/:lessonId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: ProgressUpdateDto })
  complete(@CurrentUser() caller: AuthUser, @Param('lessonId') lessonId: string): Promise<ProgressUpdate> {
    return this.progress.markComplete(caller, lessonId);
  }

  @Get('courses/:courseId')
  @ApiOkResponse({ type: CourseProgressDto })
  course(@CurrentUser() caller: AuthUser, @Param('courseId') courseId: string): Promise<CourseProgress> {
    return this.progress.courseProgress(caller, courseId);
  }
}
