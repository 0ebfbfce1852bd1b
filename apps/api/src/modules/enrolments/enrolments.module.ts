import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { UserStoreModule } from '../users/user-store.module';
import { EnrolmentsController, MyLearningController } from './enrolments.controller';
import { EnrolmentsProcessor } from './enrolments.processor';
import { EnrolmentsService } from './enrolments.service';

/**
 * Enrolments and assignments. Loaded by the API and the worker (the worker serves no HTTP; it runs
 * the `enrolments.assign` job).
 */
@Module({
  imports: [AuditModule, CoursesModule, UserStoreModule],
  controllers: [EnrolmentsController, MyLearningController],
  providers: [EnrolmentsService, EnrolmentsProcessor],
  exports: [EnrolmentsService],
})
export class EnrolmentsModule {}
