import { CoursesModule } from '../courses/courses.module';
import { Module } from '@nestjs/common';
import { LearnController, ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';

/**
 * Lesson progress and course completion. A completion is published as the outbox event
 * `learning.course_completed`; its consumers (certificates, statistics) register in their own modules.
 */
@Module({
  imports: [CoursesModule],
  controllers: [ProgressController, LearnController],
  providers: [ProgressService],
  exports: [ProgressService],
})
export class ProgressModule {}
