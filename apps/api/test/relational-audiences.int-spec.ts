import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assignmentSchema, courseDetailSchema, userDetailSchema, userListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { signIn, TestSession } from './helpers/auth';
import { injector, startApi, TestDatabase, usingMysql } from './helpers/test-app';
import {
  dataSourceBefore,
  insertLegacyAssignment,
  insertLegacyCourse,
  insertLegacyUnit,
  insertLegacyUser,
  insertLegacyUsers,
  LegacyUser,
} from './factories/legacy-lists.factory';

/**
 * The RelationalAudiences migration (issue 9): a database at the previous migration, holding roles,
 * audiences, course tags and targets and assignment audiences as comma-joined text — including
 * empty lists, repeated values and odd spacing — is migrated; every value must arrive in the join
 * tables, the API must answer the same lists, and reverting must give the columns back.
 */

const JOIN_TABLES = ['user_roles', 'user_audiences', 'course_tags', 'course_target_audiences', 'course_target_units', 'assignment_audiences'];

/** Which of these tables exist. */
async function tablesNamed(ds: DataSource, names: string[]): Promise<string[]> {
  const marks = names.map(() => '?').join(', ');
  const sql = usingMysql
    ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (${marks})`
    : `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${marks})`;
  return ((await ds.query(sql, names)) as Array<{ name: string }>).map((r) => r.name).sort();
}

/** What the API answered for a list before the migration: TypeORM's simple-array splits at commas and nothing more. */
const answeredBefore = (text: string) => (text === '' ? [] : text.split(','));
/** The values a list held, as a set: what "the same list" means once stray spaces and repeats are gone. */
const valuesOf = (text: string) => new Set(answeredBefore(text).map((v) => v.trim()).filter(Boolean));

describe(`RelationalAudiences migration (${usingMysql ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication> | undefined;
  let inject: ReturnType<typeof injector>;

  // The lists as stored before the migration, and what the API must answer for them afterwards.
  const cases = {
    admin: { roles: 'admin,learner', audiences: 'official', expect: { roles: ['learner', 'admin'], audiences: ['official'] } },
    spaced: { roles: ' trainer , learner,trainer', audiences: 'resident,,official, resident ', expect: { roles: ['learner', 'trainer'], audiences: ['resident', 'official'] } },
    noRoles: { roles: '', audiences: 'press', expect: { roles: [], audiences: ['press'] } },
    noAudiences: { roles: 'learner', audiences: '', expect: { roles: ['learner'], audiences: [] } },
    official: { roles: 'learner', audiences: 'communications,official', expect: { roles: ['learner'], audiences: ['official', 'communications'] } },
    resident: { roles: 'learner', audiences: 'resident', expect: { roles: ['learner'], audiences: ['resident'] } },
  };
  let users: Record<keyof typeof cases, LegacyUser>;
  let province: { id: string; path: string };
  let communeA: { id: string; path: string };
  let communeB: { id: string; path: string };
  let courses: Record<'targeted' | 'open' | 'ordered', { id: string; slug: string; stored: { tags: string; targetAudiences: string; targetUnitIds: string } }>;
  let assignments: Record<'repeated' | 'everyone', { id: string; courseId: string; stored: string }>;
  /** Many users, so the move crosses its read (1,000) and insert (500) batches. */
  let bulk: { ids: string[]; lists: Array<{ roles: string; audiences: string }> };
  let admin: TestSession;

  beforeAll(async () => {
    db = await TestDatabase.create();
    const before = dataSourceBefore(db);
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      province = await insertLegacyUnit(before, null, 'Tỉnh Thử');
      communeA = await insertLegacyUnit(before, province, 'Xã Thử A');
      communeB = await insertLegacyUnit(before, province, 'Xã Thử B');
      const entries = await Promise.all(
        Object.entries(cases).map(async ([key, c]) => [key, await insertLegacyUser(before, { orgUnitId: communeA.id, roles: c.roles, audiences: c.audiences, password: key === 'admin' || key === 'official' || key === 'resident' ? 'MatKhau@123' : undefined })] as const),
      );
      users = Object.fromEntries(entries) as typeof users;
      const stored = {
        targeted: { tags: 'nq57,ky-nang-so, nq57 ,an-toan', targetAudiences: 'official, communications,official', targetUnitIds: `${communeA.id},${communeB.id},${communeA.id}` },
        open: { tags: '', targetAudiences: '', targetUnitIds: '' },
        ordered: { tags: 'zeta,alpha,mu', targetAudiences: 'press', targetUnitIds: communeB.id },
      };
      courses = {} as typeof courses;
      for (const [key, s] of Object.entries(stored)) courses[key as keyof typeof courses] = { ...(await insertLegacyCourse(before, { ownerId: users.admin.id, ...s })), stored: s };
      assignments = {
        repeated: { courseId: courses.targeted.id, stored: 'official,press, official', id: '' },
        everyone: { courseId: courses.open.id, stored: '', id: '' },
      };
      for (const a of Object.values(assignments)) a.id = await insertLegacyAssignment(before, { courseId: a.courseId, orgUnitId: province.id, createdById: users.admin.id, audiences: a.stored });
      const shapes = [
        { roles: 'learner', audiences: 'resident' },
        { roles: 'learner,trainer', audiences: 'official,communications' },
        { roles: 'learner', audiences: ' press ' },
        { roles: 'learner', audiences: '' },
      ];
      const lists = Array.from({ length: 2_500 }, (_, i) => shapes[i % shapes.length]);
      bulk = { ids: await insertLegacyUsers(before, communeB.id, lists), lists };
    } finally {
      await before.destroy();
    }

    ds = db.dataSource();
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual([expect.stringMatching(/^RelationalAudiences/)]);
    api = await startApi(db);
    inject = injector(api);
    admin = await signIn(inject, users.admin.email, 'MatKhau@123');
  }, 120_000);

  afterAll(async () => {
    await api?.shutdown();
    if (ds?.isInitialized) await ds.destroy();
    await db?.dispose();
  });

  const get = async (url: string, session = admin) => {
    const res = await inject({ method: 'GET', url, headers: session.auth });
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body);
  };
  const column = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ v: string }>).map((r) => r.v).sort();

  it('moves every role and audience of every user into the join tables, trimmed and once each', async () => {
    for (const [key, c] of Object.entries(cases)) {
      const u = users[key as keyof typeof cases];
      expect({ key, roles: await column('SELECT role AS v FROM user_roles WHERE userId = ?', [u.id]) }).toEqual({ key, roles: [...valuesOf(c.roles)].sort() });
      expect({ key, audiences: await column('SELECT audience AS v FROM user_audiences WHERE userId = ?', [u.id]) }).toEqual({ key, audiences: [...valuesOf(c.audiences)].sort() });
    }
    const wantRoles = bulk.lists.reduce((n, l) => n + valuesOf(l.roles).size, 0);
    const wantAudiences = bulk.lists.reduce((n, l) => n + valuesOf(l.audiences).size, 0);
    const count = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table} t INNER JOIN users u ON u.id = t.userId WHERE u.orgUnitId = ?`, [communeB.id]))[0].n);
    expect({ roles: await count('user_roles'), audiences: await count('user_audiences') }).toEqual({ roles: wantRoles, audiences: wantAudiences });
    // Spot checks across the batch boundaries.
    for (const i of [0, 499, 500, 999, 1000, 1001, 2499]) {
      expect(await column('SELECT audience AS v FROM user_audiences WHERE userId = ?', [bulk.ids[i]])).toEqual([...valuesOf(bulk.lists[i].audiences)].sort());
    }
  });

  it('answers the same roles and audiences as before, without stray spaces or repeats', async () => {
    for (const [key, c] of Object.entries(cases)) {
      const u = userDetailSchema.parse(await get(`/api/users/${users[key as keyof typeof cases].id}`));
      expect({ key, roles: u.roles, audiences: u.audiences }).toEqual({ key, ...c.expect });
      // The same values the old answer held (it carried the spaces and repeats along).
      expect(new Set(u.roles)).toEqual(valuesOf(c.roles));
      expect(new Set(u.audiences)).toEqual(valuesOf(c.audiences));
    }
    const me = await get('/api/auth/me');
    expect(me.roles).toEqual(['learner', 'admin']);
  });

  it('filters the users list by audience and role through the join tables', async () => {
    const ids = (page: unknown) => userListSchema.parse(page).items.map((i) => i.id).sort();
    expect(ids(await get(`/api/users?orgUnitId=${communeA.id}&audience=official&pageSize=100`))).toEqual([users.admin.id, users.spaced.id, users.official.id].sort());
    expect(ids(await get(`/api/users?orgUnitId=${communeA.id}&role=trainer&pageSize=100`))).toEqual([users.spaced.id]);
    const press = userListSchema.parse(await get(`/api/users?orgUnitId=${communeB.id}&audience=press&pageSize=1`));
    expect(press.total).toBe(bulk.lists.filter((l) => valuesOf(l.audiences).has('press')).length);
  });

  it('moves course tags (in their order) and targets, and answers them as before', async () => {
    const expected = {
      targeted: { tags: ['nq57', 'ky-nang-so', 'an-toan'], targetAudiences: ['official', 'communications'], targetUnitIds: [communeA.id, communeB.id].sort() },
      open: { tags: [], targetAudiences: [], targetUnitIds: [] },
      ordered: { tags: ['zeta', 'alpha', 'mu'], targetAudiences: ['press'], targetUnitIds: [communeB.id] },
    };
    for (const [key, c] of Object.entries(courses)) {
      const detail = courseDetailSchema.parse(await get(`/api/courses/${c.id}`));
      expect({ key, tags: detail.tags, targetAudiences: detail.targetAudiences, targetUnitIds: detail.targetUnitIds }).toEqual({ key, ...expected[key as keyof typeof expected] });
      expect(new Set(detail.tags)).toEqual(valuesOf(c.stored.tags));
      expect(new Set(detail.targetAudiences)).toEqual(valuesOf(c.stored.targetAudiences));
      expect(new Set(detail.targetUnitIds)).toEqual(valuesOf(c.stored.targetUnitIds));
    }
    expect(await column('SELECT tag AS v FROM course_tags WHERE courseId = ?', [courses.targeted.id])).toEqual(['an-toan', 'ky-nang-so', 'nq57']);
    // The catalog's audience filter reads the moved rows.
    const catalog = await get('/api/catalog?audience=communications&pageSize=100');
    expect(catalog.items.map((i: { id: string }) => i.id)).toEqual([courses.targeted.id]);
  });

  it('keeps self-enrolment targeting on migrated courses', async () => {
    const official = await signIn(inject, users.official.email, 'MatKhau@123');
    const resident = await signIn(inject, users.resident.email, 'MatKhau@123');
    const enrol = (session: TestSession, courseId: string) => inject({ method: 'POST', url: `/api/courses/${courseId}/enrol`, headers: session.auth });
    expect((await enrol(official, courses.targeted.id)).statusCode).toBe(201);
    expect((await enrol(resident, courses.targeted.id)).statusCode).toBe(403);
    // Meant for the press in commune B.
    expect((await enrol(official, courses.ordered.id)).statusCode).toBe(403);
    expect((await enrol(resident, courses.open.id)).statusCode).toBe(201);
  });

  it('moves assignment audiences and answers them as before', async () => {
    for (const a of Object.values(assignments)) {
      const list = (await get(`/api/courses/${a.courseId}/assignments`)).items.map((x: unknown) => assignmentSchema.parse(x));
      const found = list.find((x: { id: string }) => x.id === a.id)!;
      expect(new Set(found.audiences)).toEqual(valuesOf(a.stored));
      expect(found.audiences).toHaveLength(valuesOf(a.stored).size);
    }
  });

  it('reverting restores the list columns with every value, and migrating again gives the same answers', async () => {
    await api?.shutdown();
    api = undefined;
    const others = async () => ({
      enrolments: Number((await ds.query('SELECT COUNT(*) AS n FROM enrolments'))[0].n),
      sessions: Number((await ds.query('SELECT COUNT(*) AS n FROM refresh_tokens'))[0].n),
      owners: Number((await ds.query('SELECT COUNT(*) AS n FROM course_owners'))[0].n),
    });
    const kept = await others();
    expect(kept.enrolments).toBeGreaterThan(0);
    await ds.undoLastMigration({ transaction: 'each' });
    // Rows of other tables that reference users and courses survive the revert.
    expect(await others()).toEqual(kept);
    const row = async (sql: string, id: string) => ((await ds.query(sql, [id])) as Array<Record<string, string>>)[0];
    for (const [key, c] of Object.entries(cases)) {
      const u = await row('SELECT roles, audiences FROM users WHERE id = ?', users[key as keyof typeof cases].id);
      expect({ key, roles: new Set(answeredBefore(u.roles)), audiences: new Set(answeredBefore(u.audiences)) }).toEqual({ key, roles: valuesOf(c.roles), audiences: valuesOf(c.audiences) });
    }
    expect(await row('SELECT tags, targetAudiences, targetUnitIds FROM courses WHERE id = ?', courses.targeted.id)).toEqual({
      tags: 'nq57,ky-nang-so,an-toan',
      targetAudiences: 'communications,official',
      targetUnitIds: [communeA.id, communeB.id].sort().join(','),
    });
    expect(await row('SELECT tags, targetAudiences, targetUnitIds FROM courses WHERE id = ?', courses.open.id)).toEqual({ tags: '', targetAudiences: '', targetUnitIds: '' });
    expect(await row('SELECT audiences FROM course_assignments WHERE id = ?', assignments.repeated.id)).toEqual({ audiences: 'official,press' });
    const audiences = await ds.query('SELECT audiences FROM users WHERE id = ?', [bulk.ids[2]]);
    expect(audiences).toEqual([{ audiences: 'press' }]);
    expect(await tablesNamed(ds, JOIN_TABLES)).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    api = await startApi(db);
    inject = injector(api);
    admin = await signIn(inject, users.admin.email, 'MatKhau@123');
    const u = userDetailSchema.parse(await get(`/api/users/${users.spaced.id}`));
    expect({ roles: u.roles, audiences: u.audiences }).toEqual(cases.spaced.expect);
    expect(courseDetailSchema.parse(await get(`/api/courses/${courses.targeted.id}`)).tags).toEqual(['nq57', 'ky-nang-so', 'an-toan']);
  }, 60_000);
});

describe(`RelationalAudiences migration refuses values it cannot move (${usingMysql ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  it('names them and changes nothing', async () => {
    const db = await TestDatabase.create();
    const before = dataSourceBefore(db);
    let ds: DataSource | undefined;
    try {
      await before.initialize();
      await before.runMigrations({ transaction: 'each' });
      const province = await insertLegacyUnit(before, null, 'Tỉnh Thử');
      const owner = await insertLegacyUser(before, { orgUnitId: province.id, roles: 'trainer', audiences: 'official' });
      const missingUnit = '00000000-0000-4000-8000-000000000009';
      const longTag = 'the-' + 'x'.repeat(60);
      const course = await insertLegacyCourse(before, { ownerId: owner.id, tags: `ok,${longTag}`, targetAudiences: '', targetUnitIds: `${province.id},${missingUnit}` });
      await before.destroy();

      ds = db.dataSource();
      await ds.initialize();
      const failed = ds.runMigrations({ transaction: 'each' });
      await expect(failed).rejects.toThrow(/nothing was changed/);
      await expect(failed).rejects.toThrow(new RegExp(`no unit has the id "${missingUnit}"`));
      await expect(failed).rejects.toThrow(new RegExp(`"${longTag}" is longer than 50 characters`));
      // Still the previous schema, data untouched.
      expect(await ds.query('SELECT tags, targetUnitIds FROM courses WHERE id = ?', [course.id])).toEqual([{ tags: `ok,${longTag}`, targetUnitIds: `${province.id},${missingUnit}` }]);
      expect(await tablesNamed(ds, JOIN_TABLES)).toEqual([]);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (ds?.isInitialized) await ds.destroy();
      await db.dispose();
    }
  }, 60_000);
});
