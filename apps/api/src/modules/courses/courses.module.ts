import { Module } from '@nestjs/common';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { CatalogController, CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

/** Courses: authoring (owners, co-owners, administrators) and the learner catalog. */
@Module({ imports: [EnrolmentsModule], controllers: [CoursesController, CatalogController], providers: [CoursesService], exports: [CoursesService] })
export class CoursesModule {}
