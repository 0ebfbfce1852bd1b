import { CoursesModule } from '../courses/courses.module';
import { Module } from '@nestjs/common';
import { CourseCompletedLogProcessor } from './course-completed.processor';
import { LearningEvents } from './learning-events';
import { LearnController, ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';

/** Lesson progress and course completion. Loaded by the API and the worker (for the completion job handler). */
@Module({
  imports: [CoursesModule],
  controllers: [ProgressController, LearnController],
  providers: [ProgressService, LearningEvents, CourseCompletedLogProcessor],
  exports: [ProgressService, LearningEvents],
})
export class ProgressModule {}
