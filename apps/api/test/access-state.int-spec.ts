import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { courseEnrolmentListSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { Enrolment } from '../src/modules/enrolments/enrolment.entity';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { createCourse } from './factories/learning.factory';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { createUser, seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase } from './helpers/test-app';

type Inject = ReturnType<typeof injector>;

// Each case waits up to 5 s for a change to reach the second process.
jest.setTimeout(30_000);

/** Polls `probe` until it returns true; the elapsed milliseconds, or a failure after `limitMs`. */
async function within(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What the access policy sees is the caller's current state: a disabled account, a removed role or a
 * move to another unit takes effect within seconds on every API process, not when the access token
 * expires. Two API instances share the database (and Redis, when REDIS_URL is set), as a province
 * running several API processes would.
 */
describe('access follows the caller’s current state', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let a: Booted<NestFastifyApplication>;
  let b: Booted<NestFastifyApplication>;
  let onA: Inject;
  let onB: Inject;
  let units: Map<string, OrgUnit>;
  let admin: SignedInUser;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    // One deployment: both processes share the Redis key prefix.
    const shared = { QUEUE_PREFIX: `bdhvtest_access_${process.pid}_${Date.now()}` };
    a = await startApi(db, shared);
    b = await startApi(db, shared);
    onA = injector(a);
    onB = injector(b);
    admin = await signedInUser(ds, onA, ['admin', 'learner'], { orgUnitId: units.get('SKHCN')!.id });
  });

  afterAll(async () => {
    await a?.shutdown();
    await b?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  it('refuses a disabled learner’s next request within 5 s on every process, reads and progress writes alike', async () => {
    const trainer = await createUser(ds, { orgUnitId: units.get('SKHCN')!.id, roles: ['trainer', 'learner'] });
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, modules: [[{ type: 'text' }, { type: 'text' }]] });
    const learner = await signedInUser(ds, onA, ['learner'], { orgUnitId: units.get('X-MAUSON')!.id });
    expect((await onB({ method: 'POST', url: `/api/courses/${course.id}/enrol`, headers: learner.session.auth })).statusCode).toBe(201);
    expect((await onB({ method: 'POST', url: `/api/progress/lessons/${lessons[0].id}/complete`, headers: learner.session.auth })).statusCode).toBe(200);
    expect((await onB({ method: 'GET', url: '/api/me/learning', headers: learner.session.auth })).statusCode).toBe(200);

    const disabled = await onA({ method: 'PATCH', url: `/api/users/${learner.id}`, headers: admin.session.auth, payload: { status: 'disabled' } });
    expect(disabled.statusCode).toBe(200);

    // The process that made the change refuses at once; the other within seconds.
    const first = await onA({ method: 'GET', url: '/api/me/learning', headers: learner.session.auth });
    expect(first.statusCode).toBe(401);
    expect(JSON.parse(first.body)).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    const elapsed = await within(5_000, async () => (await onB({ method: 'GET', url: '/api/me/learning', headers: learner.session.auth })).statusCode === 401);
    expect(elapsed).toBeLessThan(5_000);
    const write = await onB({ method: 'POST', url: `/api/progress/lessons/${lessons[1].id}/complete`, headers: learner.session.auth });
    expect(write.statusCode).toBe(401);
    expect(await ds.getRepository(Enrolment).findOneByOrFail({ userId: learner.id, courseId: course.id })).toMatchObject({ completedLessons: 1 });
    // Nor can the session be renewed.
    expect((await onB({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: learner.session.refreshCookie } })).statusCode).toBe(401);
  });

  it('stops a demoted unit manager from editing users within 5 s on every process', async () => {
    const unit = units.get('P-DONGKINH')!;
    const manager = await signedInUser(ds, onA, ['unit_manager', 'learner'], { orgUnitId: unit.id });
    const resident = await createUser(ds, { orgUnitId: unit.id });
    const edit = (name: string) => onB({ method: 'PATCH', url: `/api/users/${resident.id}`, headers: manager.session.auth, payload: { fullName: name } });
    expect((await edit('Tên Trước')).statusCode).toBe(200);

    const demoted = await onA({ method: 'PATCH', url: `/api/users/${manager.id}`, headers: admin.session.auth, payload: { roles: ['learner'] } });
    expect(demoted.statusCode).toBe(200);
    await within(5_000, async () => (await edit('Tên Trong Lúc Chờ')).statusCode === 403);
    // From then on nothing gets through, on either process.
    expect((await edit('Tên Sau')).statusCode).toBe(403);
    expect((await onA({ method: 'GET', url: '/api/users', headers: manager.session.auth })).statusCode).toBe(403);
    expect((await ds.query('SELECT fullName FROM users WHERE id = ?', [resident.id]))[0].fullName).not.toBe('Tên Sau');
  });

  it('lists a learner who moved unit for the new unit’s manager, not the old one’s', async () => {
    const from = units.get('P-TAMTHANH')!;
    const to = units.get('X-MAUSON')!;
    const trainer = await createUser(ds, { orgUnitId: units.get('SKHCN')!.id, roles: ['trainer', 'learner'] });
    const { course } = await createCourse(ds, { ownerId: trainer.id });
    const oldManager = await signedInUser(ds, onA, ['unit_manager', 'learner'], { orgUnitId: from.id });
    const newManager = await signedInUser(ds, onA, ['unit_manager', 'learner'], { orgUnitId: to.id });
    const learner = await signedInUser(ds, onA, ['learner'], { orgUnitId: from.id, fullName: 'Người Chuyển Đơn Vị' });
    expect((await onA({ method: 'POST', url: `/api/courses/${course.id}/enrol`, headers: learner.session.auth })).statusCode).toBe(201);

    const learnersSeenBy = async (manager: SignedInUser) => {
      const res = await onB({ method: 'GET', url: `/api/courses/${course.id}/enrolments`, headers: manager.session.auth });
      expect(res.statusCode).toBe(200);
      return courseEnrolmentListSchema.parse(JSON.parse(res.body)).items.map((e) => e.learner.fullName);
    };
    expect(await learnersSeenBy(oldManager)).toEqual(['Người Chuyển Đơn Vị']);
    expect(await learnersSeenBy(newManager)).toEqual([]);

    const moved = await onA({ method: 'PATCH', url: `/api/users/${learner.id}`, headers: admin.session.auth, payload: { orgUnitId: to.id } });
    expect(moved.statusCode).toBe(200);
    expect(await learnersSeenBy(oldManager)).toEqual([]);
    expect(await learnersSeenBy(newManager)).toEqual(['Người Chuyển Đơn Vị']);
    // The enrolment keeps the unit it was made in: statistics attribute it there (docs/decisions.md).
    expect(await ds.getRepository(Enrolment).findOneByOrFail({ userId: learner.id, courseId: course.id })).toMatchObject({ orgUnitId: from.id });
  });

  it('follows a unit moved in the tree: its manager’s scope moves with it at once', async () => {
    const parent = units.get('P-DONGKINH')!;
    const ward = await createOrgUnit(ds, { parent, name: 'Khu phố chuyển' });
    const wardManager = await signedInUser(ds, onA, ['unit_manager', 'learner'], { orgUnitId: ward.id });
    const resident = await createUser(ds, { orgUnitId: ward.id });
    expect((await onA({ method: 'GET', url: `/api/users/${resident.id}`, headers: wardManager.session.auth })).statusCode).toBe(200);

    const res = await onA({ method: 'POST', url: `/api/org-units/${ward.id}/move`, headers: admin.session.auth, payload: { parentId: units.get('X-MAUSON')!.id } });
    expect(res.statusCode).toBe(200);
    // The manager's unit path changed; with a stale path they would no longer see their own residents.
    await within(5_000, async () => (await onB({ method: 'GET', url: `/api/users/${resident.id}`, headers: wardManager.session.auth })).statusCode === 200);
    expect((await onA({ method: 'GET', url: `/api/users/${resident.id}`, headers: wardManager.session.auth })).statusCode).toBe(200);
  });
});
