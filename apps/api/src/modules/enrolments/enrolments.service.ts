import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Audience, AssignmentDto, audienceSchema, CourseEnrolmentRow, CourseEnrolmentsQuery, CreateAssignmentRequest, EnrolmentDto, MyLearningItem } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { LOGGER } from '../../common/tokens';
import { QueueService } from '../../queue/queue.service';
import { AuditService } from '../audit/audit.service';
import { ClientContext } from '../../common/request-context';
import { coverUrlOf } from '../courses/cover-files';
import { Course } from '../courses/course.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { AccessPolicy } from '../../common/access/access-policy';
import { LIKE_ESCAPE, startsWithPattern } from '../../database/sql';
import { inDeclaredOrder } from '../../common/declared-order';
import { CourseTargetingService } from '../courses/course-targeting.service';
import { UserStore } from '../users/user-store.service';
import { AssignmentAudience } from './assignment-audience.entity';
import { User } from '../users/user.entity';
import { CourseAssignment } from './course-assignment.entity';
import { Enrolment } from './enrolment.entity';
import { isDuplicateKey } from '../../database/sql';
import { isoOrNull, toDate } from '../../database/dates';
import { serializedTransaction } from '../../database/transactions';
import { toEnrolmentDto } from './enrolment-dto';

const ASSIGN_BATCH = 500;

function toAssignmentDto(a: CourseAssignment, audiences: Audience[]): AssignmentDto {
  return {
    id: a.id,
    courseId: a.courseId,
    orgUnitId: a.orgUnitId,
    audiences,
    dueAt: isoOrNull(a.dueAt),
    createdById: a.createdById,
    status: a.status,
    enrolled: a.enrolled,
    createdAt: isoOrNull(a.createdAt)!,
  };
}

/**
 * Enrolments: self-enrolment in published courses open to the learner, unenrolment, "My learning",
 * assignments of a course to a unit subtree (expanded by the `enrolments.assign` job) and the
 * trainer's table of learners. Reads the course tables directly (no dependency on CoursesService).
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly access: AccessPolicy,
    private readonly targeting: CourseTargetingService,
    private readonly users: UserStore,
  ) {}

  private async publishedCourse(courseId: string): Promise<Course> {
    const course = await this.db.getRepository(Course).findOne({ where: { id: courseId, status: 'published' } });
    if (!course) throw AppException.notFound('Không tìm thấy khóa học.');
    return course;
  }

  /** Idempotent: a second call returns the existing enrolment (reactivated when withdrawn). */
  async enrol(caller: AuthUser, courseId: string): Promise<{ enrolment: EnrolmentDto; created: boolean }> {
    const course = await this.publishedCourse(courseId);
    const repo = this.db.getRepository(Enrolment);
    const existing = await repo.findOne({ where: { userId: caller.id, courseId } });
    if (existing) return { enrolment: toEnrolmentDto(await this.reactivate(existing)), created: false };
    const user = await this.enrollingUser(caller);
    const targets = (await this.targeting.of([course.id])).get(course.id)!;
    const refusal = this.access.selfEnrolmentRefusal(targets, user, caller.orgUnitPath);
    if (refusal || !user) throw AppException.forbidden(refusal ?? undefined);
    const enrolment = repo.create({
      id: randomUUID(),
      userId: user.id,
      courseId,
      orgUnitId: user.orgUnitId,
      source: 'self',
      assignmentId: null,
      status: 'active',
      dueAt: null,
      progressPercent: 0,
      completedLessons: 0,
      completedAt: null,
      lastActivityAt: null,
    });
    try {
      await repo.insert(enrolment);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // A concurrent enrol won the race: answer with its row.
      const raced = await repo.findOneOrFail({ where: { userId: caller.id, courseId } });
      return { enrolment: toEnrolmentDto(await this.reactivate(raced)), created: false };
    }
    return { enrolment: toEnrolmentDto(await repo.findOneByOrFail({ id: enrolment.id })), created: true };
  }

  private async enrollingUser(caller: AuthUser): Promise<(Pick<User, 'id' | 'orgUnitId' | 'status'> & { audiences: Audience[] }) | null> {
    const user = await this.db.getRepository(User).findOne({ where: { id: caller.id }, select: ['id', 'orgUnitId', 'status'] });
    return user ? this.users.withMembershipsOne(user) : null;
  }

  /** The audiences each assignment is limited to (empty: every audience), in the contract's order. */
  private async assignmentAudiences(ids: string[], em: EntityManager = this.db.manager): Promise<Map<string, Audience[]>> {
    const rows = ids.length ? await em.getRepository(AssignmentAudience).find({ where: { assignmentId: In(ids) } }) : [];
    return new Map(
      ids.map((id) => [
        id,
        inDeclaredOrder(
          rows.filter((r) => r.assignmentId === id).map((r) => r.audience),
          audienceSchema.options,
        ),
      ]),
    );
  }

  private async reactivate(e: Enrolment): Promise<Enrolment> {
    if (e.status !== 'withdrawn') return e;
    const status = e.completedAt ? 'completed' : 'active';
    await this.db.getRepository(Enrolment).update({ id: e.id, status: 'withdrawn' }, { status });
    return this.db.getRepository(Enrolment).findOneByOrFail({ id: e.id });
  }

  /** Withdraws; progress is kept, and enrolling again reactivates. */
  async unenrol(caller: AuthUser, courseId: string): Promise<void> {
    const repo = this.db.getRepository(Enrolment);
    const e = await repo.findOne({ where: { userId: caller.id, courseId } });
    if (!e || e.status === 'withdrawn') throw AppException.notFound('Bạn chưa ghi danh khóa học này.');
    await repo.update({ id: e.id }, { status: 'withdrawn' });
  }

  /** My enrolments (not withdrawn): due date first (soonest, none last), then most recent activity. */
  async myLearning(caller: AuthUser): Promise<MyLearningItem[]> {
    const rows = await this.db
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .innerJoinAndMapOne('e.course', Course, 'c', 'c.id = e.courseId')
      .where('e.userId = :uid', { uid: caller.id })
      .andWhere("e.status <> 'withdrawn'")
      .getMany();
    const time = (d: Date | string | null) => toDate(d)?.getTime() ?? null;
    rows.sort((a, b) => {
      const da = time(a.dueAt);
      const dbb = time(b.dueAt);
      if (da !== dbb) return da === null ? 1 : dbb === null ? -1 : da - dbb;
      return (time(b.lastActivityAt) ?? time(b.createdAt) ?? 0) - (time(a.lastActivityAt) ?? time(a.createdAt) ?? 0);
    });
    return rows.map((e) => {
      const c = (e as Enrolment & { course: Course }).course;
      return { ...toEnrolmentDto(e), course: { id: c.id, slug: c.slug, title: c.title, coverImageKey: c.coverImageKey, coverUrl: coverUrlOf(c.coverImageKey) }, completed: e.completedAt !== null };
    });
  }

  // ---- Assignments ---------------------------------------------------------------------------

  async createAssignment(caller: AuthUser, courseId: string, dto: CreateAssignmentRequest, ctx: ClientContext): Promise<AssignmentDto> {
    const course = await this.db.getRepository(Course).findOne({ where: { id: courseId } });
    if (!course) throw AppException.notFound('Không tìm thấy khóa học.');
    if (course.status !== 'published') throw AppException.conflict('Chỉ có thể giao khóa học đã xuất bản.');
    const unit = await this.db.getRepository(OrgUnit).findOne({ where: { id: dto.orgUnitId } });
    if (!unit) throw AppException.validation([{ field: 'orgUnitId', message: 'Không tìm thấy đơn vị.' }]);
    if (!this.access.inUnitScope(caller, unit.path)) throw AppException.forbidden('Bạn chỉ có thể giao khóa học cho đơn vị thuộc phạm vi quản lý của mình.');
    const audiences = inDeclaredOrder(dto.audiences, audienceSchema.options);
    const assignment = await serializedTransaction(this.db, async (em) => {
      const a = em.getRepository(CourseAssignment).create({
        id: randomUUID(),
        courseId,
        orgUnitId: unit.id,
        dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
        createdById: caller.id,
        status: 'queued',
        enrolled: 0,
      });
      await em.getRepository(CourseAssignment).insert(a);
      if (audiences.length) await em.getRepository(AssignmentAudience).insert(audiences.map((audience) => ({ assignmentId: a.id, audience })));
      await this.audit.record(
        {
          actorId: caller.id,
          action: 'course.assigned',
          targetType: 'course',
          targetId: courseId,
          summary: `Giao khóa học ${course.title} cho ${unit.name}`,
          ip: ctx.ip,
          details: { assignmentId: a.id, orgUnitId: unit.id, audiences, dueAt: isoOrNull(a.dueAt) },
        },
        em,
      );
      return a;
    });
    await this.queue.enqueue('enrolments.assign', { assignmentId: assignment.id }, { jobId: assignment.id });
    return toAssignmentDto(await this.db.getRepository(CourseAssignment).findOneByOrFail({ id: assignment.id }), audiences);
  }

  async listAssignments(caller: AuthUser, courseId: string): Promise<AssignmentDto[]> {
    const course = await this.db.getRepository(Course).findOne({ where: { id: courseId }, select: ['id'] });
    if (!course) throw AppException.notFound('Không tìm thấy khóa học.');
    const qb = this.db.getRepository(CourseAssignment).createQueryBuilder('a').where('a.courseId = :courseId', { courseId });
    const visible = await this.access.courseAssignmentsCondition(caller, courseId, 'o.path');
    if (visible) qb.innerJoin(OrgUnit, 'o', 'o.id = a.orgUnitId').andWhere(visible.sql, visible.params);
    const rows = await qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'ASC').getMany();
    const audiences = await this.assignmentAudiences(rows.map((a) => a.id));
    return rows.map((a) => toAssignmentDto(a, audiences.get(a.id)!));
  }

  /**
   * The `enrolments.assign` job: enrols every active user of the unit subtree matching the
   * audiences, in batches (keyset on user id) with one bulk INSERT that skips existing enrolments.
   * Existing assignment-sourced enrolments get the new due date. Safe to run again.
   */
  async runAssignment(assignmentId: string): Promise<void> {
    const repo = this.db.getRepository(CourseAssignment);
    const a = await repo.findOne({ where: { id: assignmentId } });
    if (!a) {
      this.logger.warn({ assignmentId }, 'assignment not found; job dropped');
      return;
    }
    const unit = await this.db.getRepository(OrgUnit).findOne({ where: { id: a.orgUnitId } });
    if (!unit) {
      await repo.update({ id: a.id }, { status: 'failed' });
      return;
    }
    const audiences = (await this.assignmentAudiences([a.id])).get(a.id)!;
    await repo.update({ id: a.id }, { status: 'running' });
    try {
      // With audiences, one pass per audience: a user holding two of them is met twice, and the
      // second time finds the enrolment the first made (harmless, the job is idempotent anyway).
      for (const audience of audiences.length ? audiences : [null]) {
        let after = '';
        for (;;) {
          const users = await this.assignable(unit.path, audience, after);
          if (!users.length) break;
          after = users[users.length - 1].id;
          await this.enrolBatch(a, users);
          if (users.length < ASSIGN_BATCH) break;
        }
      }
      const enrolled = await this.db.getRepository(Enrolment).count({ where: { assignmentId: a.id } });
      await repo.update({ id: a.id }, { status: 'completed', enrolled });
    } catch (err) {
      await repo.update({ id: a.id }, { status: 'failed' }).catch(() => undefined);
      throw err;
    }
  }

  /** Assignments left queued or running (the in-process queue forgets its jobs when the process restarts). */
  async unfinishedAssignmentIds(): Promise<string[]> {
    const rows = await this.db.getRepository(CourseAssignment).find({ select: { id: true }, where: { status: In(['queued', 'running']) }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /**
   * The next batch of active users of the unit subtree (holding `audience`, when given) after
   * `after`, in user id order. With an audience the batch is read along user_audiences'
   * (audience, userId) index, so it costs the same however rare the audience; a single query
   * for several audiences (`audience IN (…)`) made MariaDB gather every matching user again for
   * each batch (measured in bench/audiences.mjs).
   */
  private assignable(unitPath: string, audience: Audience | null, after: string): Promise<Array<{ id: string; orgUnitId: string }>> {
    const qb = this.db.createQueryBuilder().select('u.id', 'id').addSelect('u.orgUnitId', 'orgUnitId');
    if (audience) {
      qb.from('user_audiences', 'ua').innerJoin(User, 'u', 'u.id = ua.userId').where('ua.audience = :audience AND ua.userId > :after', { audience, after }).orderBy('ua.userId', 'ASC');
    } else {
      qb.from(User, 'u').where('u.id > :after', { after }).orderBy('u.id', 'ASC');
    }
    return qb
      .innerJoin(OrgUnit, 'o', 'o.id = u.orgUnitId')
      .andWhere(`o.path LIKE :prefix ${LIKE_ESCAPE}`, { prefix: startsWithPattern(unitPath) })
      .andWhere("u.status = 'active'")
      .limit(ASSIGN_BATCH)
      .getRawMany();
  }

  /** Enrols the batch's users not yet enrolled (one bulk INSERT); assignment-sourced enrolments get the due date. */
  private async enrolBatch(a: CourseAssignment, users: Array<{ id: string; orgUnitId: string }>): Promise<void> {
    await serializedTransaction(this.db, async (em) => {
      const existing = await em.getRepository(Enrolment).find({
        where: { courseId: a.courseId, userId: In(users.map((u) => u.id)) },
        select: ['id', 'userId', 'source'],
      });
      const have = new Set(existing.map((e) => e.userId));
      const missing = users.filter((u) => !have.has(u.id));
      if (missing.length) {
        await em
          .createQueryBuilder()
          .insert()
          .into(Enrolment)
          .values(
            missing.map((u) => ({
              id: randomUUID(),
              userId: u.id,
              courseId: a.courseId,
              orgUnitId: u.orgUnitId,
              source: 'assignment' as const,
              assignmentId: a.id,
              status: 'active' as const,
              dueAt: a.dueAt,
              progressPercent: 0,
              completedLessons: 0,
            })),
          )
          .orIgnore()
          .execute();
      }
      const fromAssignments = existing.filter((e) => e.source === 'assignment').map((e) => e.id);
      if (fromAssignments.length) await em.getRepository(Enrolment).update({ id: In(fromAssignments) }, { dueAt: a.dueAt });
    });
  }

  // ---- Trainer view --------------------------------------------------------------------------

  /**
   * Learners of a course with their progress: its managers see all; unit managers see the learners
   * whose current unit is in their subtree (a learner who moves unit moves with it).
   */
  async courseEnrolments(caller: AuthUser, courseId: string, query: CourseEnrolmentsQuery) {
    const course = await this.db.getRepository(Course).findOne({ where: { id: courseId }, select: ['id'] });
    if (!course) throw AppException.notFound('Không tìm thấy khóa học.');
    const qb = this.db
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .innerJoinAndMapOne('e.learner', User, 'u', 'u.id = e.userId')
      .where('e.courseId = :courseId', { courseId });
    const visible = await this.access.courseLearnersCondition(caller, courseId, 'lo.path');
    if (visible) qb.innerJoin(OrgUnit, 'lo', 'lo.id = u.orgUnitId').andWhere(visible.sql, visible.params);
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    qb.orderBy('u.fullName', 'ASC').addOrderBy('e.id', 'ASC').offset((query.page - 1) * query.pageSize).limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const items: CourseEnrolmentRow[] = rows.map((e) => {
      const u = (e as Enrolment & { learner: User }).learner;
      return { ...toEnrolmentDto(e), learner: { id: u.id, fullName: u.fullName } };
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }
}
