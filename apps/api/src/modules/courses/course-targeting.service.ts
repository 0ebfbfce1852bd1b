import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Audience, audienceSchema } from '@bdhv/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { inDeclaredOrder } from '../../common/declared-order';
import { CourseTag } from './course-tag.entity';
import { CourseTargetAudience } from './course-target-audience.entity';
import { CourseTargetUnit } from './course-target-unit.entity';

/** A course's tags (in the author's order) and whom it is meant for (empty: everybody). */
export interface CourseTargeting {
  tags: string[];
  targetAudiences: Audience[];
  targetUnitIds: string[];
}

/** Courses per query: keeps the IN lists (and SQLite's bound parameters) small. */
const CHUNK = 300;

/**
 * Tags and targets of courses, rows of course_tags, course_target_audiences and
 * course_target_units. Read for course answers and by enrolments (self-enrolment checks the
 * targets); written by course authoring in the transaction that changes the course.
 */
@Injectable()
export class CourseTargetingService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Tags and targets of these courses: one indexed query per 300 courses. */
  async of(courseIds: Iterable<string>, em: EntityManager = this.db.manager): Promise<Map<string, CourseTargeting>> {
    const ids = [...new Set(courseIds)];
    const found = new Map(ids.map((id) => [id, { tags: [] as Array<{ tag: string; position: number }>, audiences: [] as string[], units: [] as string[] }]));
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const marks = chunk.map(() => '?').join(', ');
      const rows: Array<{ courseId: string; kind: 't' | 'a' | 'u'; value: string; position: number | string }> = await em.query(
        `SELECT courseId, 't' AS kind, tag AS value, position FROM course_tags WHERE courseId IN (${marks}) ` +
          `UNION ALL SELECT courseId, 'a' AS kind, audience AS value, 0 AS position FROM course_target_audiences WHERE courseId IN (${marks}) ` +
          `UNION ALL SELECT courseId, 'u' AS kind, orgUnitId AS value, 0 AS position FROM course_target_units WHERE courseId IN (${marks})`,
        [...chunk, ...chunk, ...chunk],
      );
      for (const r of rows) {
        const c = found.get(r.courseId);
        if (!c) continue;
        if (r.kind === 't') c.tags.push({ tag: r.value, position: Number(r.position) });
        else if (r.kind === 'a') c.audiences.push(r.value);
        else c.units.push(r.value);
      }
    }
    const result = new Map<string, CourseTargeting>();
    for (const [id, c] of found) {
      result.set(id, {
        tags: c.tags.sort((a, b) => a.position - b.position).map((t) => t.tag),
        targetAudiences: inDeclaredOrder(c.audiences, audienceSchema.options),
        // A set with no meaningful order: sorted, so answers do not change between reads.
        targetUnitIds: c.units.sort(),
      });
    }
    return result;
  }

  /** The courses with their tags and targets. */
  async withTargeting<T extends { id: string }>(courses: T[], em: EntityManager = this.db.manager): Promise<Array<T & CourseTargeting>> {
    const all = await this.of(
      courses.map((c) => c.id),
      em,
    );
    return courses.map((c) => ({ ...c, ...all.get(c.id)! }));
  }

  /**
   * Makes the given lists (tags, target audiences, target units; what is not given stays) exactly
   * these, de-duplicated. Call in the transaction that holds the course row (authoring locks it on
   * MySQL/MariaDB), so two edits of one course do not mix.
   */
  async set(em: EntityManager, courseId: string, wanted: Partial<CourseTargeting>): Promise<void> {
    if (wanted.tags) {
      await em.getRepository(CourseTag).delete({ courseId });
      const tags = [...new Set(wanted.tags)];
      if (tags.length) await em.createQueryBuilder().insert().into(CourseTag).values(tags.map((tag, position) => ({ courseId, tag, position }))).updateEntity(false).execute();
    }
    if (wanted.targetAudiences) {
      await em.getRepository(CourseTargetAudience).delete({ courseId });
      const audiences = [...new Set(wanted.targetAudiences)];
      if (audiences.length) await em.createQueryBuilder().insert().into(CourseTargetAudience).values(audiences.map((audience) => ({ courseId, audience }))).updateEntity(false).execute();
    }
    if (wanted.targetUnitIds) {
      await em.getRepository(CourseTargetUnit).delete({ courseId });
      const units = [...new Set(wanted.targetUnitIds)];
      if (units.length) await em.createQueryBuilder().insert().into(CourseTargetUnit).values(units.map((orgUnitId) => ({ courseId, orgUnitId }))).updateEntity(false).execute();
    }
  }
}
