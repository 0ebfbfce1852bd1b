import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CourseProgress, courseProgressSchema, heartbeatRequestSchema, LearnerLesson, learnerLessonSchema, ProgressUpdate, progressUpdateSchema } from '@bdhv/contracts';
import { AuthUser, CurrentUser } from '../../common/auth-user';
import { ProgressService } from './progress.service';

class HeartbeatDto extends createZodDto(heartbeatRequestSchema) {}
class ProgressUpdateDto extends createZodDto(progressUpdateSchema) {}
class CourseProgressDto extends createZodDto(courseProgressSchema) {}
class LearnerLessonDto extends createZodDto(learnerLessonSchema) {}

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

/** Lesson content for learners (and previews for the course's managers); access rules in the service. */
@ApiTags('progress')
@Controller('learn')
export class LearnController {
  constructor(private readonly progress: ProgressService) {}

  @Get('lessons/:lessonId')
  @ApiOkResponse({ type: LearnerLessonDto })
  lesson(@CurrentUser() caller: AuthUser, @Param('lessonId') lessonId: string): Promise<LearnerLesson> {
    return this.progress.learnerLesson(caller, lessonId);
  }
}
