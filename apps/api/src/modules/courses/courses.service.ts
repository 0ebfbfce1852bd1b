import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CatalogCourse,
  CatalogQuery,
  CourseDetail,
  CourseSummary,
  CreateCourseRequest,
  CreateLessonRequest,
  CreateModuleRequest,
  ErrorCode,
  FieldError,
  LessonType,
  foldVietnamese,
  LessonDetail,
  MyCoursesQuery,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { isoOrNull } from '../../database/dates';
import { FILE_STORAGE, FileStorage } from '../../common/storage/file-storage';
import { AuditService } from '../audit/audit.service';
import { ClientContext } from '../../common/request-context';
import { OrgUnit } from '../org-units/org-unit.entity';
import { containsPattern, LIKE_ESCAPE, supportsRowLocks } from '../../database/sql';
import { AccessPolicy } from '../../common/access/access-policy';
import { uniqueViolationField } from '../../database/sql';
import { UserStore } from '../users/user-store.service';
import { COVER_DIR, coverFileOf, coverUrlOf } from './cover-files';
import { CourseModule } from './course-module.entity';
import { CourseOwner } from './course-owner.entity';
import { CourseTargeting, CourseTargetingService } from './course-targeting.service';
import { Course } from './course.entity';
import { Lesson } from './lesson.entity';
import { sanitizeLessonHtml } from './sanitize-lesson-html';
import { LessonTypeRegistry, PublishItem } from './lesson-types';

type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** `text` columns hold 65,535 bytes on MySQL/MariaDB; sanitized HTML must fit. */
const MAX_TEXT_HTML_BYTES = 65_000;

const SLUG_FIELDS = { slug: { index: 'UQ_courses_slug', column: 'courses.slug' } };

function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function courseSearchText(c: Pick<Course, 'title' | 'summary' | 'category'> & Pick<CourseTargeting, 'tags'>): string {
  return foldVietnamese([c.title, c.category, c.tags.join(' '), c.summary].join(' ')).slice(0, 3000);
}

/** "Kỹ năng số cơ bản" → "ky-nang-so-co-ban". */
export function slugify(title: string): string {
  const slug = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug.length >= 3 ? slug : `khoa-hoc${slug ? `-${slug}` : ''}`;
}

export function toCourseSummary(c: Course & CourseTargeting): CourseSummary {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    coverImageKey: c.coverImageKey,
    coverUrl: coverUrlOf(c.coverImageKey),
    category: c.category,
    tags: c.tags,
    targetAudiences: c.targetAudiences,
    targetUnitIds: c.targetUnitIds,
    estimatedMinutes: c.estimatedMinutes,
    status: c.status,
    strictOrder: c.strictOrder,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    publishedAt: c.publishedAt ? iso(c.publishedAt) : null,
  };
}

function toLesson(l: Lesson): LessonDetail {
  return {
    id: l.id,
    moduleId: l.moduleId,
    title: l.title,
    type: l.type,
    position: l.position,
    required: l.required,
    textHtml: l.textHtml,
    mediaId: l.mediaId,
    attachmentKey: l.attachmentKey,
    durationSeconds: l.durationSeconds,
  };
}

/** Sort key of a publish problem's field: the course's own fields, then module by module, lesson by lesson. */
function fieldOrder(field: string): number {
  const m = /^modules\.(\d+)\.lessons(?:\.(\d+))?/.exec(field);
  if (!m) return ['title', 'summary', 'modules'].indexOf(field);
  return (Number(m[1]) + 1) * 100_000 + (m[2] === undefined ? 0 : Number(m[2]) + 1);
}

/**
 * Course authoring and the learner catalog. A trainer manages exactly the courses they own or
 * co-own (one EXISTS over course_owners); administrators manage all. A course the caller may not
 * manage answers 404, whether it exists or not.
 */
@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly lessonTypes: LessonTypeRegistry,
    private readonly access: AccessPolicy,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly targeting: CourseTargetingService,
    private readonly users: UserStore,
  ) {}

  // ---- Authoring: courses -------------------------------------------------------------------

  async listMine(caller: AuthUser, query: MyCoursesQuery): Promise<Page<CourseSummary>> {
    const qb = this.manageable(this.db.manager, caller);
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const term = query.q ? foldVietnamese(query.q) : '';
    if (term) qb.andWhere(`c.searchText LIKE :q ${LIKE_ESCAPE}`, { q: containsPattern(term) });
    qb.orderBy('c.updatedAt', 'DESC').addOrderBy('c.id', 'ASC');
    qb.offset((query.page - 1) * query.pageSize).limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: (await this.targeting.withTargeting(rows)).map(toCourseSummary), page: query.page, pageSize: query.pageSize, total };
  }

  async get(caller: AuthUser, id: string): Promise<CourseDetail> {
    const course = await this.findManageable(this.db.manager, caller, id);
    return this.toDetail(this.db.manager, course);
  }

  /** The caller becomes the course's owner. */
  async create(caller: AuthUser, dto: CreateCourseRequest): Promise<CourseDetail> {
    return this.withUniqueSlug(() =>
      this.db.transaction(async (em) => {
        await this.assertUnitsExist(em, dto.targetUnitIds);
        const slug = dto.slug ? await this.assertSlugFree(em, dto.slug, null) : await this.freeSlug(em, slugify(dto.title));
        const course = em.getRepository(Course).create({
          id: randomUUID(),
          slug,
          title: dto.title,
          summary: dto.summary,
          coverImageKey: null,
          category: dto.category,
          estimatedMinutes: dto.estimatedMinutes,
          status: 'draft',
          strictOrder: dto.strictOrder,
          ownerId: caller.id,
          publishedAt: null,
        });
        const targeting = { tags: unique(dto.tags), targetAudiences: unique(dto.targetAudiences), targetUnitIds: unique(dto.targetUnitIds) };
        course.searchText = courseSearchText({ ...course, tags: targeting.tags });
        await em.getRepository(Course).insert(course);
        await this.targeting.set(em, course.id, targeting);
        await em.getRepository(CourseOwner).insert({ courseId: course.id, userId: caller.id, role: 'owner' });
        return this.toDetail(em, await em.getRepository(Course).findOneByOrFail({ id: course.id }));
      }),
    );
  }

  async update(caller: AuthUser, id: string, dto: UpdateCourseRequest): Promise<CourseDetail> {
    return this.withUniqueSlug(() =>
      this.db.transaction(async (em) => {
        const course = await this.findEditable(em, caller, id);
        const changes: Partial<Course> = {};
        if (dto.title !== undefined) changes.title = dto.title;
        if (dto.slug !== undefined && dto.slug !== course.slug) {
          if (course.status !== 'draft') throw AppException.validation([{ field: 'slug', message: 'Không thể đổi đường dẫn của khóa học đã xuất bản.' }]);
          changes.slug = await this.assertSlugFree(em, dto.slug, course.id);
        }
        if (dto.summary !== undefined) changes.summary = dto.summary;
        if (dto.category !== undefined) changes.category = dto.category;
        const targeting: Partial<CourseTargeting> = {};
        if (dto.tags !== undefined) targeting.tags = unique(dto.tags);
        if (dto.targetAudiences !== undefined) targeting.targetAudiences = unique(dto.targetAudiences);
        if (dto.targetUnitIds !== undefined) {
          await this.assertUnitsExist(em, dto.targetUnitIds);
          targeting.targetUnitIds = unique(dto.targetUnitIds);
        }
        if (dto.estimatedMinutes !== undefined) changes.estimatedMinutes = dto.estimatedMinutes;
        if (dto.strictOrder !== undefined) changes.strictOrder = dto.strictOrder;
        if (Object.keys(targeting).length > 0) await this.targeting.set(em, course.id, targeting);
        if (Object.keys(changes).length > 0 || targeting.tags) {
          // Tags are part of what the catalog search matches.
          const tags = targeting.tags ?? (await this.targeting.of([course.id], em)).get(course.id)!.tags;
          changes.searchText = courseSearchText({ ...course, ...changes, tags });
          await em.getRepository(Course).update(course.id, changes);
        } else if (Object.keys(targeting).length > 0) {
          await em.getRepository(Course).update(course.id, { updatedAt: new Date() });
        }
        return this.toDetail(em, await em.getRepository(Course).findOneByOrFail({ id: course.id }));
      }),
    );
  }

  /** Only drafts are deleted; a published course is archived instead. */
  async remove(caller: AuthUser, id: string): Promise<void> {
    const coverKey = await this.db.transaction(async (em) => {
      const course = await this.findManageable(em, caller, id, true);
      if (course.status !== 'draft') throw AppException.conflict('Chỉ xóa được khóa học nháp. Khóa học đã xuất bản cần được lưu trữ.');
      await em.getRepository(Lesson).delete({ courseId: course.id });
      await em.getRepository(CourseModule).delete({ courseId: course.id });
      await em.getRepository(CourseOwner).delete({ courseId: course.id });
      await em.getRepository(Course).delete({ id: course.id });
      return course.coverImageKey;
    });
    // After the commit; a leftover file is not worth failing the deletion.
    const coverFile = coverFileOf(coverKey);
    if (coverFile) await this.storage.delete(`${COVER_DIR}/${coverFile}`).catch(() => undefined);
  }

  /** Refuses (400, one field error per reason) a course with nothing to learn or a broken lesson. */
  async publish(caller: AuthUser, id: string, ctx: ClientContext): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findManageable(em, caller, id, true);
      if (course.status === 'published') throw AppException.conflict('Khóa học đã được xuất bản.');
      const detail = await this.toDetail(em, course);
      const reasons = await this.publishProblems(em, detail);
      if (reasons.length > 0) throw AppException.validation(reasons, 'Chưa thể xuất bản khóa học: cần khắc phục các vấn đề sau.');
      const now = new Date();
      await em.getRepository(Course).update(course.id, { status: 'published', publishedAt: course.publishedAt ?? now });
      await this.audit.record(
        { actorId: caller.id, action: 'course.published', targetType: 'course', targetId: course.id, summary: `Xuất bản khóa học ${course.title}`, ip: ctx.ip, details: { slug: course.slug } },
        em,
      );
      return this.toDetail(em, await em.getRepository(Course).findOneByOrFail({ id: course.id }));
    });
  }

  async archive(caller: AuthUser, id: string, ctx: ClientContext): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findManageable(em, caller, id, true);
      if (course.status === 'archived') throw AppException.conflict('Khóa học đã được lưu trữ.');
      await em.getRepository(Course).update(course.id, { status: 'archived' });
      await this.audit.record(
        { actorId: caller.id, action: 'course.archived', targetType: 'course', targetId: course.id, summary: `Lưu trữ khóa học ${course.title}`, ip: ctx.ip, details: { previousStatus: course.status } },
        em,
      );
      return this.toDetail(em, await em.getRepository(Course).findOneByOrFail({ id: course.id }));
    });
  }

  /** Adds a co-owner; they must hold the trainer role. */
  async addCoOwner(caller: AuthUser, id: string, userId: string): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, id);
      const [user]: Array<{ id: string; status: string }> = await em.query('SELECT id, status FROM users WHERE id = ?', [userId]);
      if (!user) throw AppException.validation([{ field: 'userId', message: 'Không tìm thấy người dùng.' }]);
      const { roles } = (await this.users.memberships([user.id], em)).get(user.id)!;
      if (!roles.includes('trainer') || user.status !== 'active') {
        throw AppException.validation([{ field: 'userId', message: 'Chỉ giảng viên đang hoạt động mới được làm đồng sở hữu khóa học.' }]);
      }
      const existing = await em.getRepository(CourseOwner).findOneBy({ courseId: course.id, userId });
      if (!existing) await em.getRepository(CourseOwner).insert({ courseId: course.id, userId, role: 'co_owner' });
      return this.toDetail(em, course);
    });
  }

  async removeCoOwner(caller: AuthUser, id: string, userId: string): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, id);
      const row = await em.getRepository(CourseOwner).findOneBy({ courseId: course.id, userId });
      if (!row) throw AppException.notFound('Người này không phải đồng sở hữu khóa học.');
      if (row.role === 'owner') throw AppException.validation([{ field: 'userId', message: 'Không thể bỏ chủ sở hữu của khóa học.' }]);
      await em.getRepository(CourseOwner).delete({ courseId: course.id, userId });
      return this.toDetail(em, course);
    });
  }

  // ---- Authoring: modules and lessons -------------------------------------------------------

  async addModule(caller: AuthUser, courseId: string, dto: CreateModuleRequest): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const position = await em.getRepository(CourseModule).count({ where: { courseId: course.id } });
      await em.getRepository(CourseModule).insert({ id: randomUUID(), courseId: course.id, title: dto.title, position });
      return this.touch(em, course);
    });
  }

  async updateModule(caller: AuthUser, courseId: string, moduleId: string, dto: UpdateModuleRequest): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const module = await this.findModule(em, course, moduleId);
      await em.getRepository(CourseModule).update(module.id, { title: dto.title });
      return this.touch(em, course);
    });
  }

  async removeModule(caller: AuthUser, courseId: string, moduleId: string): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const module = await this.findModule(em, course, moduleId);
      await em.getRepository(Lesson).delete({ moduleId: module.id });
      await em.getRepository(CourseModule).delete({ id: module.id });
      const rest = await em.getRepository(CourseModule).find({ where: { courseId: course.id }, order: { position: 'ASC', id: 'ASC' } });
      await this.renumber(em, CourseModule, rest.map((m) => m.id));
      return this.touch(em, course);
    });
  }

  /** `ids` must list every module of the course exactly once, in the new order. */
  async reorderModules(caller: AuthUser, courseId: string, ids: string[]): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const current = await em.getRepository(CourseModule).find({ where: { courseId: course.id }, select: { id: true } });
      this.assertSameIds(current.map((m) => m.id), ids, 'Danh sách phải gồm đúng tất cả các chương của khóa học.');
      await this.renumber(em, CourseModule, ids);
      return this.touch(em, course);
    });
  }

  async addLesson(caller: AuthUser, courseId: string, moduleId: string, dto: CreateLessonRequest): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const module = await this.findModule(em, course, moduleId);
      const position = await em.getRepository(Lesson).count({ where: { moduleId: module.id } });
      await em.getRepository(Lesson).insert({
        id: randomUUID(),
        moduleId: module.id,
        courseId: course.id,
        title: dto.title,
        type: dto.type,
        position,
        required: dto.required,
        textHtml: dto.type === 'text' ? this.cleanHtml(dto.textHtml ?? '') : null,
        mediaId: null,
        attachmentKey: null,
        durationSeconds: dto.durationSeconds ?? null,
      });
      return this.touch(em, course);
    });
  }

  async updateLesson(caller: AuthUser, courseId: string, lessonId: string, dto: UpdateLessonRequest): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const lesson = await this.findLesson(em, course, lessonId);
      const changes: Partial<Lesson> = {};
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.required !== undefined) changes.required = dto.required;
      if (dto.durationSeconds !== undefined) changes.durationSeconds = dto.durationSeconds;
      if (dto.textHtml !== undefined) {
        if (lesson.type !== 'text') throw AppException.validation([{ field: 'textHtml', message: 'Chỉ bài học dạng văn bản mới có nội dung văn bản.' }]);
        changes.textHtml = this.cleanHtml(dto.textHtml ?? '');
      }
      if (Object.keys(changes).length > 0) await em.getRepository(Lesson).update(lesson.id, changes);
      return this.touch(em, course);
    });
  }

  /**
   * Sets a lesson's media (video) or attachment, for the media module's upload flows. Same rules as
   * other edits: the caller manages the course (else 404), the course is not archived, the course
   * row is locked on MySQL/MariaDB. `decide` sees the lesson (type checks) and returns the changes.
   */
  async attachLessonMedia(
    caller: AuthUser,
    courseId: string,
    lessonId: string,
    decide: (lesson: Lesson) => Partial<Pick<Lesson, 'mediaId' | 'attachmentKey' | 'durationSeconds'>>,
  ): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const lesson = await this.findLesson(em, course, lessonId);
      const changes = decide(lesson);
      if (Object.keys(changes).length > 0) await em.getRepository(Lesson).update(lesson.id, changes);
      return this.touch(em, course);
    });
  }

  /** 404 unless the caller manages the course, 409 when it is archived: the checks of every edit, before reading an upload. */
  async assertEditable(caller: AuthUser, id: string): Promise<void> {
    const course = await this.findManageable(this.db.manager, caller, id);
    if (course.status === 'archived') throw AppException.conflict('Khóa học đã được lưu trữ, không thể chỉnh sửa.');
  }

  /**
   * Sets (or clears) the cover image key, under the same rules and lock as other edits. Returns the
   * fresh detail and the key it replaced, whose file the caller deletes after the commit.
   */
  async setCover(caller: AuthUser, id: string, key: string | null): Promise<{ detail: CourseDetail; previousKey: string | null }> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, id);
      if (course.coverImageKey !== key) await em.getRepository(Course).update(course.id, { coverImageKey: key });
      const detail = await this.toDetail(em, await em.getRepository(Course).findOneByOrFail({ id: course.id }));
      return { detail, previousKey: course.coverImageKey !== key ? course.coverImageKey : null };
    });
  }

  async removeLesson(caller: AuthUser, courseId: string, lessonId: string): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const lesson = await this.findLesson(em, course, lessonId);
      await em.getRepository(Lesson).delete({ id: lesson.id });
      const rest = await em.getRepository(Lesson).find({ where: { moduleId: lesson.moduleId }, order: { position: 'ASC', id: 'ASC' } });
      await this.renumber(em, Lesson, rest.map((l) => l.id));
      return this.touch(em, course);
    });
  }

  /** `ids` must list every lesson of the module exactly once, in the new order. */
  async reorderLessons(caller: AuthUser, courseId: string, moduleId: string, ids: string[]): Promise<CourseDetail> {
    return this.db.transaction(async (em) => {
      const course = await this.findEditable(em, caller, courseId);
      const module = await this.findModule(em, course, moduleId);
      const current = await em.getRepository(Lesson).find({ where: { moduleId: module.id }, select: { id: true } });
      this.assertSameIds(current.map((l) => l.id), ids, 'Danh sách phải gồm đúng tất cả các bài học của chương.');
      await this.renumber(em, Lesson, ids);
      return this.touch(em, course);
    });
  }

  // ---- Learner catalog ------------------------------------------------------------------------

  async catalog(query: CatalogQuery): Promise<Page<CourseSummary>> {
    const qb = this.db.getRepository(Course).createQueryBuilder('c').where('c.status = :published', { published: 'published' });
    const term = query.q ? foldVietnamese(query.q) : '';
    if (term) qb.andWhere(`c.searchText LIKE :q ${LIKE_ESCAPE}`, { q: containsPattern(term) });
    if (query.category) qb.andWhere('c.category = :category', { category: query.category });
    // Courses meant for this audience (courses open to every audience name none and are not listed).
    if (query.audience) qb.andWhere('EXISTS (SELECT 1 FROM course_target_audiences cta WHERE cta.courseId = c.id AND cta.audience = :audience)', { audience: query.audience });
    qb.orderBy('c.publishedAt', 'DESC').addOrderBy('c.id', 'ASC');
    qb.offset((query.page - 1) * query.pageSize).limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: (await this.targeting.withTargeting(rows)).map(toCourseSummary), page: query.page, pageSize: query.pageSize, total };
  }

  /** Distinct categories of published courses, for the catalog's filter (sorted as Vietnamese). */
  async catalogCategories(): Promise<string[]> {
    const rows: Array<{ category: string }> = await this.db
      .getRepository(Course)
      .createQueryBuilder('c')
      .select('DISTINCT c.category', 'category')
      .where('c.status = :published', { published: 'published' })
      .andWhere("c.category <> ''")
      .getRawMany();
    return rows.map((r) => r.category).sort((a, b) => a.localeCompare(b, 'vi'));
  }

  /** A published course's outline with the caller's enrolment; drafts and archived courses answer 404. */
  async catalogCourse(caller: AuthUser, slug: string): Promise<CatalogCourse> {
    const found = await this.db.getRepository(Course).findOneBy({ slug, status: 'published' });
    if (!found) throw AppException.notFound('Không tìm thấy khóa học.');
    const [course] = await this.targeting.withTargeting([found]);
    const { modules, lessons } = await this.structure(this.db.manager, course.id);
    return {
      ...toCourseSummary(course),
      ...(await this.catalogView(caller, course)),
      modules: modules.map((m) => ({
        id: m.id,
        title: m.title,
        position: m.position,
        lessons: lessons
          .filter((l) => l.moduleId === m.id)
          .map((l) => ({ id: l.id, title: l.title, type: l.type, position: l.position, required: l.required, durationSeconds: l.durationSeconds })),
      })),
    };
  }

  /**
   * The caller's side of a catalog course: their enrolment (withdrawn counts as none) and whether
   * enrolling would be accepted — always with an existing enrolment (it is reactivated), else by
   * `selfEnrolmentRefusal`. Enrolments sit above courses in the domain order, so their row is read
   * by table name here.
   */
  private async catalogView(caller: AuthUser, course: Course & CourseTargeting): Promise<Pick<CatalogCourse, 'myEnrolment' | 'openToMe'>> {
    const [e]: Array<{ status: 'active' | 'completed' | 'withdrawn'; progressPercent: number; dueAt: Date | string | null }> = await this.db.query(
      'SELECT status, progressPercent, dueAt FROM enrolments WHERE userId = ? AND courseId = ?',
      [caller.id, course.id],
    );
    const myEnrolment = e && e.status !== 'withdrawn' ? { status: e.status, progressPercent: Number(e.progressPercent), dueAt: isoOrNull(e.dueAt) } : null;
    if (e) return { myEnrolment, openToMe: true };
    const [account]: Array<{ id: string; status: string }> = await this.db.query('SELECT id, status FROM users WHERE id = ?', [caller.id]);
    const user = account ? await this.users.withMembershipsOne(account) : null;
    return { myEnrolment, openToMe: this.access.selfEnrolmentRefusal(course, user, caller.orgUnitPath) === null };
  }

  // ---- Helpers --------------------------------------------------------------------------------

  /** Courses the caller manages (AccessPolicy.courseManagerCondition). */
  private manageable(em: EntityManager, caller: AuthUser): SelectQueryBuilder<Course> {
    const qb = em.getRepository(Course).createQueryBuilder('c');
    const managed = this.access.courseManagerCondition(caller, 'c.id');
    if (managed) qb.andWhere(managed.sql, managed.params);
    return qb;
  }

  /** One query: the course if the caller manages it, else 404. `lock` serialises writers on MySQL/MariaDB. */
  private async findManageable(em: EntityManager, caller: AuthUser, id: string, lock = false): Promise<Course> {
    const qb = this.manageable(em, caller).andWhere('c.id = :id', { id });
    if (lock && supportsRowLocks(em)) qb.setLock('pessimistic_write');
    const course = await qb.getOne();
    if (!course) throw AppException.notFound('Không tìm thấy khóa học.');
    return course;
  }

  /** Like findManageable, and the course must not be archived. */
  private async findEditable(em: EntityManager, caller: AuthUser, id: string): Promise<Course> {
    const course = await this.findManageable(em, caller, id, true);
    if (course.status === 'archived') throw AppException.conflict('Khóa học đã được lưu trữ, không thể chỉnh sửa.');
    return course;
  }

  private async findModule(em: EntityManager, course: Course, moduleId: string): Promise<CourseModule> {
    const module = await em.getRepository(CourseModule).findOneBy({ id: moduleId, courseId: course.id });
    if (!module) throw AppException.notFound('Không tìm thấy chương trong khóa học này.');
    return module;
  }

  private async findLesson(em: EntityManager, course: Course, lessonId: string): Promise<Lesson> {
    const lesson = await em.getRepository(Lesson).findOneBy({ id: lessonId, courseId: course.id });
    if (!lesson) throw AppException.notFound('Không tìm thấy bài học trong khóa học này.');
    return lesson;
  }

  private async structure(em: EntityManager, courseId: string): Promise<{ modules: CourseModule[]; lessons: Lesson[] }> {
    const modules = await em.getRepository(CourseModule).find({ where: { courseId }, order: { position: 'ASC', id: 'ASC' } });
    const lessons = await em.getRepository(Lesson).find({ where: { courseId }, order: { position: 'ASC', id: 'ASC' } });
    return { modules, lessons };
  }

  private async toDetail(em: EntityManager, course: Course): Promise<CourseDetail> {
    const { modules, lessons } = await this.structure(em, course.id);
    const [withTargeting] = await this.targeting.withTargeting([course], em);
    const owners = await em
      .getRepository(CourseOwner)
      .createQueryBuilder('co')
      .innerJoinAndSelect('co.user', 'u')
      .where('co.courseId = :id', { id: course.id })
      .orderBy('co.role', 'DESC')
      .addOrderBy('u.searchText', 'ASC')
      .getMany();
    return {
      ...toCourseSummary(withTargeting),
      owners: owners.map((o) => ({ userId: o.userId, fullName: o.user!.fullName, role: o.role })),
      modules: modules.map((m) => ({ id: m.id, title: m.title, position: m.position, lessons: lessons.filter((l) => l.moduleId === m.id).map(toLesson) })),
    };
  }

  /** Bumps updatedAt after a structural change and returns the fresh detail. */
  private async touch(em: EntityManager, course: Course): Promise<CourseDetail> {
    await em.getRepository(Course).update(course.id, { updatedAt: new Date() });
    return this.toDetail(em, await em.getRepository(Course).findOneByOrFail({ id: course.id }));
  }

  /** Every reason the course cannot be published: its own fields, then each lesson type's checks (one call per type). */
  private async publishProblems(em: EntityManager, detail: CourseDetail): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (!detail.title.trim()) problems.push({ field: 'title', message: 'Khóa học chưa có tiêu đề.' });
    if (!detail.summary.trim()) problems.push({ field: 'summary', message: 'Khóa học chưa có mô tả ngắn.' });
    if (detail.modules.length === 0) problems.push({ field: 'modules', message: 'Khóa học chưa có chương nào.' });
    const byType = new Map<LessonType, PublishItem[]>();
    detail.modules.forEach((m, mi) => {
      if (m.lessons.length === 0) problems.push({ field: `modules.${mi}.lessons`, message: `Chương "${m.title}" chưa có bài học nào.` });
      m.lessons.forEach((lesson, li) => {
        const items = byType.get(lesson.type) ?? [];
        items.push({ lesson, at: `modules.${mi}.lessons.${li}` });
        byType.set(lesson.type, items);
      });
    });
    for (const [type, items] of byType) problems.push(...(await this.lessonTypes.get(type).publishProblems(em, items)));
    // Reported in course order whatever the type, as the editor lists them.
    return problems.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
  }

  private cleanHtml(html: string): string {
    const clean = sanitizeLessonHtml(html);
    if (Buffer.byteLength(clean, 'utf8') > MAX_TEXT_HTML_BYTES) throw AppException.validation([{ field: 'textHtml', message: 'Nội dung bài học quá dài.' }]);
    return clean;
  }

  private assertSameIds(current: string[], ids: string[], message: string): void {
    const have = new Set(current);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => have.has(id))) {
      throw AppException.validation([{ field: 'ids', message }]);
    }
  }

  private async renumber(em: EntityManager, entity: typeof CourseModule | typeof Lesson, ids: string[]): Promise<void> {
    for (const [position, id] of ids.entries()) await em.getRepository(entity).update(id, { position });
  }

  private async assertUnitsExist(em: EntityManager, ids: string[]): Promise<void> {
    const wanted = unique(ids);
    if (wanted.length === 0) return;
    const found = await em.getRepository(OrgUnit).count({ where: { id: In(wanted) } });
    if (found !== wanted.length) throw AppException.validation([{ field: 'targetUnitIds', message: 'Có đơn vị không tồn tại trong danh sách đơn vị mục tiêu.' }]);
  }

  private async assertSlugFree(em: EntityManager, slug: string, courseId: string | null): Promise<string> {
    const taken = await em.getRepository(Course).findOne({ where: { slug }, select: { id: true } });
    if (taken && taken.id !== courseId) throw this.slugTaken();
    return slug;
  }

  /** The base slug, or base-2, base-3… when taken. */
  private async freeSlug(em: EntityManager, base: string): Promise<string> {
    const rows = await em
      .getRepository(Course)
      .createQueryBuilder('c')
      .select('c.slug', 'slug')
      .where(new Brackets((w) => w.where('c.slug = :base', { base }).orWhere(`c.slug LIKE :pattern ${LIKE_ESCAPE}`, { pattern: `${base.replace(/[!%_]/g, (ch) => `!${ch}`)}-%` })))
      .getRawMany<{ slug: string }>();
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private slugTaken(): AppException {
    return new AppException(409, ErrorCode.CONFLICT, 'Đường dẫn này đã được dùng cho khóa học khác.', [{ field: 'slug', message: 'Đường dẫn này đã được dùng cho khóa học khác.' }]);
  }

  /** A concurrent insert of the same slug still answers 409 naming the field. */
  private async withUniqueSlug<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (uniqueViolationField(error, SLUG_FIELDS)) throw this.slugTaken();
      throw error;
    }
  }
}
