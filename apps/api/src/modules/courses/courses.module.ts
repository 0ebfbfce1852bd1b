import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CourseCoversService } from './course-covers.service';
import { CatalogCategoriesController, CatalogController, CoursesController, CoversController } from './courses.controller';
import { CoursesService } from './courses.service';
import { CourseTargetingService } from './course-targeting.service';
import { UserStoreModule } from '../users/user-store.module';
import { LessonTypeRegistry } from './lesson-types';
import { QuizPlaceholderLessonType } from './quiz-placeholder.type';
import { TextLessonType } from './text-lesson.type';

/**
 * Courses: authoring (owners, co-owners, administrators) and the learner catalog. Owns lessons and
 * the registry of lesson types; other domains register the types whose content they own.
 */
@Module({
  imports: [AuditModule, UserStoreModule],
  controllers: [CoursesController, CatalogController, CatalogCategoriesController, CoversController],
  providers: [CoursesService, CourseTargetingService, CourseCoversService, LessonTypeRegistry, TextLessonType, QuizPlaceholderLessonType],
  exports: [CoursesService, CourseTargetingService, LessonTypeRegistry],
})
export class CoursesModule {}
