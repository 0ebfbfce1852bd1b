import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CourseProgress, HeartbeatRequest, LearnerLesson, LessonProgressDto, LessonType, ProgressUpdate } from '@bdhv/contracts';
import { ErrorCode } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { OutboxService } from '../../queue/outbox.service';
import { Course } from '../courses/course.entity';
import { Lesson } from '../courses/lesson.entity';
import { LessonTypeRegistry } from '../courses/lesson-types';
import { AccessPolicy } from '../../common/access/access-policy';
import { supportsRowLocks } from '../../database/sql';
import { Enrolment } from '../enrolments/enrolment.entity';
import { isDuplicateKey } from '../../database/sql';
import { isoOrNull, toDate } from '../../database/dates';
import { serializedTransaction } from '../../database/transactions';
import { LessonProgress } from './lesson-progress.entity';
import { clampToBudget, coveredSeconds, Range, roundRanges, unionRanges } from './watched-ranges';

/** Share of a video's duration that must actually be watched. */
export const VIDEO_COMPLETE_RATIO = 0.9;
/** Allowance added to the wall-clock time since the previous heartbeat (network jitter, timers). */
export const HEARTBEAT_SLACK_SECONDS = 15;
/** Ranges may end slightly past the stored duration (rounding of the transcoder's duration). */
const DURATION_TOLERANCE_SECONDS = 2;
/** Enrolment.lastActivityAt is refreshed at most this often by plain heartbeats (saves a write). */
const ACTIVITY_REFRESH_MS = 60_000;

/** Everything a progress write needs, read in one indexed query. */
interface LessonState {
  lessonId: string;
  courseId: string;
  type: string;
  durationSeconds: number | null;
  required: number | boolean;
  courseStatus: string;
  enrolmentId: string | null;
  enrolmentStatus: string | null;
  enrolmentPercent: number | null;
  enrolmentCompletedAt: Date | string | null;
  lastActivityAt: Date | string | null;
  progressId: string | null;
  progressStatus: 'in_progress' | 'completed' | null;
  watchedRanges: string | null;
  watchedSeconds: number | null;
  lastPositionSeconds: number | null;
  progressCompletedAt: Date | string | null;
  progressUpdatedAt: Date | string | null;
  blockers: number | string;
}

/** The optimistic guard lost: another write for the same row landed between our read and write. */
class Contended extends Error {}

function lessonDto(lessonId: string, p: { status: string | null; watchedSeconds: number | null; lastPositionSeconds: number | null; completedAt: Date | string | null } | null): LessonProgressDto {
  return {
    lessonId,
    status: (p?.status as LessonProgressDto['status']) ?? 'not_started',
    watchedSeconds: Number(p?.watchedSeconds ?? 0),
    lastPositionSeconds: Number(p?.lastPositionSeconds ?? 0),
    completedAt: isoOrNull(p?.completedAt ?? null),
  };
}

/**
 * Per-lesson progress: video heartbeats (merged watched ranges), completion of text and attachment
 * lessons, strict order, and course completion (recorded once, then published). The hot path is one
 * indexed read (lesson + module + course + enrolment + progress + strict-order check) and one write.
 */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly lessonTypes: LessonTypeRegistry,
    private readonly access: AccessPolicy,
  ) {}

  private async state(userId: string, lessonId: string): Promise<LessonState> {
    const rows: LessonState[] = await this.db.query(
      `SELECT l.id AS lessonId, l.courseId AS courseId, l.type AS type, l.durationSeconds AS durationSeconds, l.required AS required,
         c.status AS courseStatus,
         e.id AS enrolmentId, e.status AS enrolmentStatus, e.progressPercent AS enrolmentPercent, e.completedAt AS enrolmentCompletedAt, e.lastActivityAt AS lastActivityAt,
         p.id AS progressId, p.status AS progressStatus, p.watchedRanges AS watchedRanges, p.watchedSeconds AS watchedSeconds,
         p.lastPositionSeconds AS lastPositionSeconds, p.completedAt AS progressCompletedAt, p.updatedAt AS progressUpdatedAt,
         CASE WHEN c.strictOrder = 1 AND (p.status IS NULL OR p.status <> 'completed') THEN (
           SELECT COUNT(*) FROM lessons pl INNER JOIN course_modules pm ON pm.id = pl.moduleId
           WHERE pl.courseId = l.courseId AND pl.required = 1
             AND (pm.position < m.position OR (pm.position = m.position AND pl.position < l.position))
             AND NOT EXISTS (SELECT 1 FROM lesson_progress pp WHERE pp.userId = ? AND pp.lessonId = pl.id AND pp.status = 'completed')
         ) ELSE 0 END AS blockers
       FROM lessons l
       INNER JOIN course_modules m ON m.id = l.moduleId
       INNER JOIN courses c ON c.id = l.courseId
       LEFT JOIN enrolments e ON e.courseId = l.courseId AND e.userId = ?
       LEFT JOIN lesson_progress p ON p.userId = ? AND p.lessonId = l.id
       WHERE l.id = ?`,
      [userId, userId, userId, lessonId],
    );
    const s = rows[0];
    if (!s || s.courseStatus !== 'published') throw AppException.notFound('Không tìm thấy bài học.');
    if (!s.enrolmentId || s.enrolmentStatus === 'withdrawn') throw AppException.forbidden('Bạn cần ghi danh khóa học trước khi học bài này.');
    if (Number(s.blockers) > 0) throw AppException.forbidden('Bạn cần hoàn thành các bài học trước theo đúng thứ tự của khóa học.');
    return s;
  }

  /**
   * One lesson's content. Learners: the same checks as every progress write (`state`: published
   * course, active or completed enrolment, unlocked under strict order). When those refuse, the
   * course's owners, co-owners and administrators still get it as a preview (drafts included);
   * everyone else gets the learner's refusal (404 or 403).
   */
  async learnerLesson(caller: AuthUser, lessonId: string): Promise<LearnerLesson> {
    const lesson = await this.db.getRepository(Lesson).findOneBy({ id: lessonId });
    if (!lesson) throw AppException.notFound('Không tìm thấy bài học.');
    let preview = false;
    try {
      await this.state(caller.id, lessonId);
    } catch (err) {
      if (!(err instanceof AppException) || !(await this.access.managesCourse(caller, lesson.courseId))) throw err;
      preview = true;
    }
    const course = await this.db.getRepository(Course).findOneOrFail({ where: { id: lesson.courseId }, select: { id: true, slug: true } });
    const view = await this.lessonTypes.get(lesson.type).learnerView(this.db.manager, lesson);
    return {
      id: lesson.id,
      courseId: course.id,
      courseSlug: course.slug,
      moduleId: lesson.moduleId,
      title: lesson.title,
      type: lesson.type,
      required: Boolean(lesson.required),
      durationSeconds: lesson.durationSeconds,
      ...view,
      preview,
    };
  }


  /** Retries once or twice when a concurrent write for the same learner and lesson won the race. */
  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const contended = err instanceof Contended || isDuplicateKey(err);
        if (!contended) throw err;
        // Still losing after three tries: say so (the client resends), rather than answering 500.
        if (attempt >= 3) throw AppException.conflict('Tiến độ bài học đang được cập nhật từ một nơi khác. Vui lòng thử lại.');
      }
    }
  }

  heartbeat(caller: AuthUser, lessonId: string, body: HeartbeatRequest): Promise<ProgressUpdate> {
    return this.withRetry(async () => {
      const now = new Date();
      const s = await this.state(caller.id, lessonId);
      if (this.lessonTypes.get(s.type as LessonType).completion !== 'watch') throw new AppException(400, ErrorCode.VALIDATION_FAILED, 'Chỉ bài học video mới gửi tiến độ xem.');
      const duration = Number(s.durationSeconds ?? 0);
      if (!duration) throw AppException.conflict('Video của bài học chưa sẵn sàng.');
      const limit = duration + DURATION_TOLERANCE_SECONDS;
      const bad = body.ranges.findIndex(([, e]) => e > limit);
      if (bad >= 0 || body.position > limit) {
        throw AppException.validation([{ field: bad >= 0 ? `ranges.${bad}` : 'position', message: 'Vị trí vượt quá độ dài video.' }]);
      }
      const previous = toDate(s.progressUpdatedAt);
      const elapsed = previous ? Math.max(0, (now.getTime() - previous.getTime()) / 1000) : 0;
      const { ranges: accepted, clampedSeconds } = clampToBudget(body.ranges, elapsed + HEARTBEAT_SLACK_SECONDS);
      const before: Range[] = s.watchedRanges ? JSON.parse(s.watchedRanges) : [];
      const merged = roundRanges(unionRanges([...before, ...accepted]));
      const watchedSeconds = Math.min(duration, Math.floor(coveredSeconds(merged)));
      const position = Math.round(Math.min(body.position, duration));
      const wasCompleted = s.progressStatus === 'completed';
      const completesNow = !wasCompleted && watchedSeconds >= VIDEO_COMPLETE_RATIO * duration;
      const values = {
        watchedRanges: merged,
        watchedSeconds,
        lastPositionSeconds: position,
        updatedAt: now,
      };
      if (completesNow) {
        const result = await this.complete(caller.id, s, now, values);
        return { lesson: result.lesson, clampedSeconds, courseProgressPercent: result.percent, courseCompleted: result.courseCompleted };
      }
      if (!s.progressId) {
        await this.db
          .createQueryBuilder()
          .insert()
          .into(LessonProgress)
          .values({ id: randomUUID(), userId: caller.id, lessonId, enrolmentId: s.enrolmentId!, courseId: s.courseId, status: 'in_progress', completedAt: null, ...values })
          .execute();
      } else {
        const qb = this.db.createQueryBuilder().update(LessonProgress).set(values).where('id = :id', { id: s.progressId });
        if (s.watchedRanges === null) qb.andWhere('watchedRanges IS NULL');
        else qb.andWhere('watchedRanges = :old', { old: s.watchedRanges });
        const r = await qb.execute();
        if (r.affected !== 1) throw new Contended();
      }
      const lastActivity = toDate(s.lastActivityAt);
      if (!lastActivity || now.getTime() - lastActivity.getTime() > ACTIVITY_REFRESH_MS) {
        await this.db.getRepository(Enrolment).update({ id: s.enrolmentId! }, { lastActivityAt: now });
      }
      return {
        lesson: lessonDto(lessonId, { status: wasCompleted ? 'completed' : 'in_progress', watchedSeconds, lastPositionSeconds: position, completedAt: s.progressCompletedAt }),
        clampedSeconds,
        courseProgressPercent: Number(s.enrolmentPercent ?? 0),
        courseCompleted: s.enrolmentCompletedAt !== null,
      };
    });
  }

  /** Text lessons (reached the end) and attachment lessons (opened). Idempotent. */
  markComplete(caller: AuthUser, lessonId: string): Promise<ProgressUpdate> {
    return this.withRetry(async () => {
      const now = new Date();
      const s = await this.state(caller.id, lessonId);
      const rule = this.lessonTypes.get(s.type as LessonType).completion;
      if (rule === 'graded') throw new AppException(400, ErrorCode.VALIDATION_FAILED, 'Bài kiểm tra được hoàn thành khi bạn làm đạt yêu cầu.');
      if (rule === 'watch') throw new AppException(400, ErrorCode.VALIDATION_FAILED, 'Bài học video được hoàn thành khi bạn xem đủ thời lượng.');
      if (s.progressStatus === 'completed') {
        return {
          lesson: lessonDto(lessonId, { status: 'completed', watchedSeconds: s.watchedSeconds, lastPositionSeconds: s.lastPositionSeconds, completedAt: s.progressCompletedAt }),
          clampedSeconds: 0,
          courseProgressPercent: Number(s.enrolmentPercent ?? 0),
          courseCompleted: s.enrolmentCompletedAt !== null,
        };
      }
      const result = await this.complete(caller.id, s, now, { updatedAt: now });
      return { lesson: result.lesson, clampedSeconds: 0, courseProgressPercent: result.percent, courseCompleted: result.courseCompleted };
    });
  }

  /**
   * Completes a lesson and, in the same transaction, refreshes the enrolment's counters; completes
   * the enrolment (once: guarded on completedAt IS NULL) when every required lesson is done, and
   * writes `learning.course_completed` to the outbox in that same transaction, so a committed
   * completion always has its event (relayed after the commit, even across a crash or a queue outage).
   */
  private async complete(
    userId: string,
    s: LessonState,
    now: Date,
    values: { watchedRanges?: Range[]; watchedSeconds?: number; lastPositionSeconds?: number; updatedAt: Date },
  ): Promise<{ lesson: LessonProgressDto; percent: number; courseCompleted: boolean }> {
    const enrolmentId = s.enrolmentId!;
    const outcome = await serializedTransaction(this.db, async (em) => {
      // Serialise completions of one enrolment (MariaDB/MySQL), so counts see each other's lessons.
      if (supportsRowLocks(em)) await em.query('SELECT id FROM enrolments WHERE id = ? FOR UPDATE', [enrolmentId]);
      if (!s.progressId) {
        await em
          .createQueryBuilder()
          .insert()
          .into(LessonProgress)
          .values({ id: randomUUID(), userId, lessonId: s.lessonId, enrolmentId, courseId: s.courseId, status: 'completed', completedAt: now, ...values })
          .execute();
      } else {
        const r = await em
          .createQueryBuilder()
          .update(LessonProgress)
          .set({ ...values, status: 'completed', completedAt: now })
          .where('id = :id', { id: s.progressId })
          .andWhere("status <> 'completed'")
          .execute();
        if (r.affected !== 1) throw new Contended();
      }
      const result = await this.refreshEnrolment(em, enrolmentId, s.courseId, now);
      if (result.completedNow) {
        await this.outbox.publish(em, 'learning.course_completed', { enrolmentId, userId, courseId: s.courseId, completedAt: now.toISOString() });
      }
      return result;
    });
    return {
      lesson: lessonDto(s.lessonId, {
        status: 'completed',
        watchedSeconds: values.watchedSeconds ?? s.watchedSeconds,
        lastPositionSeconds: values.lastPositionSeconds ?? s.lastPositionSeconds,
        completedAt: now,
      }),
      percent: outcome.percent,
      courseCompleted: outcome.courseCompleted,
    };
  }

  private async refreshEnrolment(em: EntityManager, enrolmentId: string, courseId: string, now: Date) {
    const [row] = await em.query(
      `SELECT (SELECT COUNT(*) FROM lessons WHERE courseId = ? AND required = 1) AS total,
              (SELECT COUNT(*) FROM lesson_progress p INNER JOIN lessons l ON l.id = p.lessonId
                WHERE p.enrolmentId = ? AND p.status = 'completed' AND l.required = 1) AS done`,
      [courseId, enrolmentId],
    );
    const total = Number(row.total);
    const done = Number(row.done);
    const percent = total ? Math.min(100, Math.floor((done * 100) / total)) : 100;
    await em.getRepository(Enrolment).update({ id: enrolmentId }, { completedLessons: done, progressPercent: percent, lastActivityAt: now });
    let completedNow = false;
    if (total > 0 && done >= total) {
      const r = await em
        .createQueryBuilder()
        .update(Enrolment)
        .set({ status: 'completed', completedAt: now })
        .where('id = :id', { id: enrolmentId })
        .andWhere('completedAt IS NULL')
        .execute();
      completedNow = r.affected === 1;
    }
    return { percent, completedNow, courseCompleted: total > 0 && done >= total };
  }

  /** The caller's own progress in a course: per lesson (in course order) and the course percentage. */
  async courseProgress(caller: AuthUser, courseId: string): Promise<CourseProgress> {
    const enrolment = await this.db.getRepository(Enrolment).findOne({ where: { userId: caller.id, courseId } });
    if (!enrolment || enrolment.status === 'withdrawn') throw AppException.notFound('Bạn chưa ghi danh khóa học này.');
    const rows: Array<{ id: string; required: number | boolean; status: string | null; watchedSeconds: number | null; lastPositionSeconds: number | null; completedAt: Date | string | null }> =
      await this.db.query(
        `SELECT l.id AS id, l.required AS required, p.status AS status, p.watchedSeconds AS watchedSeconds,
                p.lastPositionSeconds AS lastPositionSeconds, p.completedAt AS completedAt
         FROM lessons l
         INNER JOIN course_modules m ON m.id = l.moduleId
         LEFT JOIN lesson_progress p ON p.lessonId = l.id AND p.userId = ?
         WHERE l.courseId = ?
         ORDER BY m.position, l.position, l.id`,
        [caller.id, courseId],
      );
    return {
      courseId,
      enrolmentId: enrolment.id,
      status: enrolment.status,
      progressPercent: enrolment.progressPercent,
      completedLessons: enrolment.completedLessons,
      requiredLessons: rows.filter((r) => Boolean(Number(r.required))).length,
      completedAt: isoOrNull(enrolment.completedAt),
      lessons: rows.map((r) => lessonDto(r.id, r)),
    };
  }
}
