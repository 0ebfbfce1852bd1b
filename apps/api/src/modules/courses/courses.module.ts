import { Module } from '@nestjs/common';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { CourseCoversService } from './course-covers.service';
import { CatalogCategoriesController, CatalogController, CoursesController, CoversController } from './courses.controller';
import { CoursesService } from './courses.service';

/** Courses: authoring (owners, co-owners, administrators) and the learner catalog. */
@Module({ imports: [EnrolmentsModule], controllers: [CoursesController, CatalogController, CatalogCategoriesController, CoversController], providers: [CoursesService, CourseCoversService], exports: [CoursesService] })
export class CoursesModule {}
