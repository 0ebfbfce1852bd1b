import { Module } from '@nestjs/common';
import { CatalogController, CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

/** Courses: authoring (owners, co-owners, administrators) and the learner catalog. */
@Module({ controllers: [CoursesController, CatalogController], providers: [CoursesService], exports: [CoursesService] })
export class CoursesModule {}
