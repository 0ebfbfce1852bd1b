import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { migrationsDir } from '../../src/database/data-source';
import { appDataSourceOptions } from '../../src/entities';
import { hashPassword } from '../../src/modules/users/password';
import { usingMysql, TestDatabase } from '../helpers/test-app';

/**
 * Rows as they were before the RelationalAudiences migration, when roles, audiences, course tags
 * and targets and assignment audiences were comma-joined text columns. The current entities no
 * longer describe those columns, so these factories write SQL.
 */

/** The timestamp of the migration that moved the lists into join tables. */
export const RELATIONAL_AUDIENCES = 1796318435110;

/** A data source on `db` that knows only the migrations older than `before` (run them to get the older schema). */
export function dataSourceBefore(db: TestDatabase, before = RELATIONAL_AUDIENCES): DataSource {
  const dir = migrationsDir(usingMysql ? 'mysql' : 'sqlite');
  const older = fs
    .readdirSync(dir)
    .filter((f) => /^\d+-.*\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && Number(f.split('-')[0]) < before)
    .map((f) => path.join(dir, f));
  return new DataSource({ ...appDataSourceOptions(loadConfig({ ...db.env })), migrations: older });
}

let seq = 0;

export async function insertLegacyUnit(ds: DataSource, parent: { id: string; path: string } | null, name: string): Promise<{ id: string; path: string }> {
  seq++;
  const id = randomUUID();
  const unitPath = `${parent?.path ?? '/'}${id}/`;
  await ds.query('INSERT INTO org_units (id, code, name, kind, parentId, path, active) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    id,
    `LEGACY-${seq}-${id.slice(0, 4)}`,
    name,
    parent ? 'commune' : 'province',
    parent?.id ?? null,
    unitPath,
    1,
  ]);
  return { id, path: unitPath };
}

export interface LegacyUser {
  id: string;
  email: string;
  password: string;
}

/** A user whose `roles` and `audiences` hold exactly the given texts. Only pass `password` for users who sign in (argon2 is slow). */
export async function insertLegacyUser(ds: DataSource, o: { orgUnitId: string; roles: string; audiences: string; password?: string; fullName?: string }): Promise<LegacyUser> {
  seq++;
  const id = randomUUID();
  const email = `legacy${seq}.${id.slice(0, 6)}@test.hocvuso.vn`;
  const fullName = o.fullName ?? `Người Dùng Cũ ${seq}`;
  await ds.query('INSERT INTO users (id, fullName, email, passwordHash, roles, audiences, orgUnitId, status, searchText) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    id,
    fullName,
    email,
    o.password ? await hashPassword(o.password) : null,
    o.roles,
    o.audiences,
    o.orgUnitId,
    'active',
    `${fullName.toLowerCase()} ${email}`,
  ]);
  return { id, email, password: o.password ?? '' };
}

/** Many users at once (one multi-row INSERT per 200), to cross the migration's batch sizes. */
export async function insertLegacyUsers(ds: DataSource, orgUnitId: string, lists: Array<{ roles: string; audiences: string }>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < lists.length; i += 200) {
    const rows = lists.slice(i, i + 200).map((l) => {
      seq++;
      const id = randomUUID();
      ids.push(id);
      return [id, `Người Dùng Cũ ${seq}`, `legacy${seq}.${id.slice(0, 6)}@test.hocvuso.vn`, l.roles, l.audiences, orgUnitId, 'active', `nguoi dung cu ${seq}`];
    });
    await ds.query(`INSERT INTO users (id, fullName, email, roles, audiences, orgUnitId, status, searchText) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
  }
  return ids;
}

/** A course (published, no modules) whose list columns hold exactly the given texts. */
export async function insertLegacyCourse(ds: DataSource, o: { ownerId: string; tags: string; targetAudiences: string; targetUnitIds: string }): Promise<{ id: string; slug: string }> {
  seq++;
  const id = randomUUID();
  const slug = `khoa-hoc-cu-${seq}-${id.slice(0, 6)}`;
  await ds.query(
    'INSERT INTO courses (id, slug, title, summary, category, tags, targetAudiences, targetUnitIds, status, strictOrder, ownerId, searchText, publishedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, slug, `Khóa học cũ ${seq}`, 'Tóm tắt', 'Kỹ năng số', o.tags, o.targetAudiences, o.targetUnitIds, 'published', 0, o.ownerId, `khoa hoc cu ${seq}`, '2026-11-01 08:00:00'],
  );
  await ds.query('INSERT INTO course_owners (courseId, userId, role) VALUES (?, ?, ?)', [id, o.ownerId, 'owner']);
  return { id, slug };
}

/** An assignment (completed) whose `audiences` holds exactly the given text. */
export async function insertLegacyAssignment(ds: DataSource, o: { courseId: string; orgUnitId: string; createdById: string; audiences: string }): Promise<string> {
  const id = randomUUID();
  await ds.query('INSERT INTO course_assignments (id, courseId, orgUnitId, audiences, createdById, status, enrolled) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    id,
    o.courseId,
    o.orgUnitId,
    o.audiences,
    o.createdById,
    'completed',
    0,
  ]);
  return id;
}
