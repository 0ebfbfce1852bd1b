import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  addCoOwnerRequestSchema,
  COURSE_SLUG_PATTERN,
  CatalogCategories,
  catalogCategoriesSchema,
  CourseImage,
  courseImageSchema,
  CatalogCourse,
  catalogCourseSchema,
  catalogListSchema,
  catalogQuerySchema,
  CourseDetail,
  courseDetailSchema,
  courseListSchema,
  CourseSummary,
  createCourseRequestSchema,
  createLessonRequestSchema,
  createModuleRequestSchema,
  myCoursesQuerySchema,
  reorderRequestSchema,
  updateCourseRequestSchema,
  updateLessonRequestSchema,
  updateModuleRequestSchema,
} from '@bdhv/contracts';
import { AppException } from '../../common/app-exception';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { Public } from '../../common/public.decorator';
import { Consumes, PathParams } from '../../common/http/route-options';
import { clientContext } from '../../common/request-context';
import { CourseCoversService } from './course-covers.service';
import { COVER_FILE_PATTERN } from './cover-files';
import { CoursesService } from './courses.service';

class MyCoursesQueryDto extends createZodDto(myCoursesQuerySchema) {}
class CourseListDto extends createZodDto(courseListSchema) {}
class CourseDetailDto extends createZodDto(courseDetailSchema) {}
class CreateCourseDto extends createZodDto(createCourseRequestSchema) {}
class UpdateCourseDto extends createZodDto(updateCourseRequestSchema) {}
class CreateModuleDto extends createZodDto(createModuleRequestSchema) {}
class UpdateModuleDto extends createZodDto(updateModuleRequestSchema) {}
class ReorderDto extends createZodDto(reorderRequestSchema) {}
class CreateLessonDto extends createZodDto(createLessonRequestSchema) {}
class UpdateLessonDto extends createZodDto(updateLessonRequestSchema) {}
class AddCoOwnerDto extends createZodDto(addCoOwnerRequestSchema) {}
class CatalogQueryDto extends createZodDto(catalogQuerySchema) {}
class CatalogListDto extends createZodDto(catalogListSchema) {}
class CatalogCourseDto extends createZodDto(catalogCourseSchema) {}
class CatalogCategoriesDto extends createZodDto(catalogCategoriesSchema) {}
class CourseImageDto extends createZodDto(courseImageSchema) {}

type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/**
 * Course authoring. Trainers and administrators only; within that, a trainer reaches only the
 * courses they own or co-own (checked in the service: anything else answers 404).
 */
@ApiTags('courses')
@Controller('courses')
@Roles('trainer', 'admin')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly covers: CourseCoversService,
  ) {}

  @Get()
  @ApiOkResponse({ type: CourseListDto })
  list(@CurrentUser() caller: AuthUser, @Query() query: MyCoursesQueryDto): Promise<Page<CourseSummary>> {
    return this.courses.listMine(caller, query);
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CourseDetailDto })
  create(@CurrentUser() caller: AuthUser, @Body() dto: CreateCourseDto): Promise<CourseDetail> {
    return this.courses.create(caller, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: CourseDetailDto })
  get(@CurrentUser() caller: AuthUser, @Param('id') id: string): Promise<CourseDetail> {
    return this.courses.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CourseDetailDto })
  update(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: UpdateCourseDto): Promise<CourseDetail> {
    return this.courses.update(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() caller: AuthUser, @Param('id') id: string): Promise<void> {
    return this.courses.remove(caller, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseDetailDto })
  publish(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Req() req: FastifyRequest): Promise<CourseDetail> {
    return this.courses.publish(caller, id, clientContext(req));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseDetailDto })
  archive(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Req() req: FastifyRequest): Promise<CourseDetail> {
    return this.courses.archive(caller, id, clientContext(req));
  }

  /** Multipart field `file`: a JPEG, PNG or WebP image (checked by content, ≤ COVER_IMAGE_MAX_BYTES); replaces the previous cover. */
  @Post(':id/cover')
  @HttpCode(200)
  @Consumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: CourseDetailDto })
  uploadCover(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Req() req: FastifyRequest): Promise<CourseDetail> {
    return this.covers.upload(req, caller, id);
  }

  @Delete(':id/cover')
  @ApiOkResponse({ type: CourseDetailDto })
  removeCover(@CurrentUser() caller: AuthUser, @Param('id') id: string): Promise<CourseDetail> {
    return this.covers.remove(caller, id);
  }

  /** Multipart field `file`: a picture for a text lesson (JPEG, PNG or WebP, checked by content); answers its public URL. */
  @Post(':id/images')
  @HttpCode(201)
  @Consumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: CourseImageDto })
  uploadImage(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Req() req: FastifyRequest): Promise<CourseImage> {
    return this.covers.uploadLessonImage(req, caller, id);
  }

  @Post(':id/owners')
  @HttpCode(200)
  @ApiOkResponse({ type: CourseDetailDto })
  addCoOwner(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: AddCoOwnerDto): Promise<CourseDetail> {
    return this.courses.addCoOwner(caller, id, dto.userId);
  }

  @Delete(':id/owners/:userId')
  @ApiOkResponse({ type: CourseDetailDto })
  removeCoOwner(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('userId') userId: string): Promise<CourseDetail> {
    return this.courses.removeCoOwner(caller, id, userId);
  }

  @Post(':id/modules')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CourseDetailDto })
  addModule(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: CreateModuleDto): Promise<CourseDetail> {
    return this.courses.addModule(caller, id, dto);
  }

  @Put(':id/modules/order')
  @ApiOkResponse({ type: CourseDetailDto })
  reorderModules(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Body() dto: ReorderDto): Promise<CourseDetail> {
    return this.courses.reorderModules(caller, id, dto.ids);
  }

  @Patch(':id/modules/:moduleId')
  @ApiOkResponse({ type: CourseDetailDto })
  updateModule(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('moduleId') moduleId: string, @Body() dto: UpdateModuleDto): Promise<CourseDetail> {
    return this.courses.updateModule(caller, id, moduleId, dto);
  }

  @Delete(':id/modules/:moduleId')
  @ApiOkResponse({ type: CourseDetailDto })
  removeModule(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('moduleId') moduleId: string): Promise<CourseDetail> {
    return this.courses.removeModule(caller, id, moduleId);
  }

  @Post(':id/modules/:moduleId/lessons')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CourseDetailDto })
  addLesson(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('moduleId') moduleId: string, @Body() dto: CreateLessonDto): Promise<CourseDetail> {
    return this.courses.addLesson(caller, id, moduleId, dto);
  }

  @Put(':id/modules/:moduleId/lessons/order')
  @ApiOkResponse({ type: CourseDetailDto })
  reorderLessons(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('moduleId') moduleId: string, @Body() dto: ReorderDto): Promise<CourseDetail> {
    return this.courses.reorderLessons(caller, id, moduleId, dto.ids);
  }

  @Patch(':id/lessons/:lessonId')
  @ApiOkResponse({ type: CourseDetailDto })
  updateLesson(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string, @Body() dto: UpdateLessonDto): Promise<CourseDetail> {
    return this.courses.updateLesson(caller, id, lessonId, dto);
  }

  @Delete(':id/lessons/:lessonId')
  @ApiOkResponse({ type: CourseDetailDto })
  removeLesson(@CurrentUser() caller: AuthUser, @Param('id') id: string, @Param('lessonId') lessonId: string): Promise<CourseDetail> {
    return this.courses.removeLesson(caller, id, lessonId);
  }
}

/** The learner catalog: published courses only, for every signed-in user. */
@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  @ApiOkResponse({ type: CatalogListDto })
  list(@Query() query: CatalogQueryDto): Promise<Page<CourseSummary>> {
    return this.courses.catalog(query);
  }

  @Get(':slug')
  @PathParams({ slug: COURSE_SLUG_PATTERN })
  @ApiOkResponse({ type: CatalogCourseDto })
  get(@CurrentUser() caller: AuthUser, @Param('slug') slug: string): Promise<CatalogCourse> {
    return this.courses.catalogCourse(caller, slug);
  }
}

/**
 * Cover images. Public (covers are shown on public-facing pages and are not secret); only stored
 * file names match, and names are random, so a file never changes and is cached for a year.
 */
@ApiTags('courses')
@Controller('covers')
export class CoversController {
  constructor(private readonly covers: CourseCoversService) {}

  @Public()
  @Get(':file')
  @PathParams({ file: COVER_FILE_PATTERN })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async get(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.covers.file(file);
    if (!found) throw AppException.notFound('Không tìm thấy ảnh bìa.');
    reply
      .header('content-type', found.type)
      .header('content-length', String(found.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    await reply.send(found.stream);
  }
}

/** The catalog's category filter. A path of its own (not `catalog/…`), so no course slug can shadow it. */
@ApiTags('catalog')
@Controller('catalog-categories')
export class CatalogCategoriesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  @ApiOkResponse({ type: CatalogCategoriesDto })
  async list(): Promise<CatalogCategories> {
    return { items: await this.courses.catalogCategories() };
  }
}
