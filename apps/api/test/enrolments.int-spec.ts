import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assignmentListSchema, assignmentSchema, enrolmentSchema, myLearningSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { CourseAssignment } from '../src/modules/enrolments/course-assignment.entity';
import { Enrolment } from '../src/modules/enrolments/enrolment.entity';
import { EnrolmentsService } from '../src/modules/enrolments/enrolments.service';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { createCourse } from './factories/learning.factory';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { createUser, createUsers, seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, startWorker, TestDatabase, usingMysql, usingRedis, waitFor } from './helpers/test-app';

type Method = 'GET' | 'POST' | 'DELETE';

describe(`enrolments (${usingMysql ? 'MariaDB' : 'SQLite'} + ${usingRedis ? 'BullMQ worker' : 'inline queue'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let worker: Booted<unknown> | null = null;
  let inject: ReturnType<typeof injector>;
  let district: OrgUnit;
  let commune: OrgUnit;
  let otherDistrict: OrgUnit;
  let trainer: SignedInUser;
  let resident: SignedInUser;
  let official: SignedInUser;
  let outsider: SignedInUser;
  let admin: SignedInUser;
  let manager: SignedInUser;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    const env = { QUEUE_PREFIX: `bdhvtest_enr_${process.pid}` };
    api = await startApi(db, env);
    if (usingRedis) worker = await startWorker(db, env);
    inject = injector(api);
    const root = units.get('LS')!;
    district = await createOrgUnit(ds, { parent: root });
    commune = await createOrgUnit(ds, { parent: district });
    otherDistrict = await createOrgUnit(ds, { parent: root });
    trainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: root.id });
    resident = await signedInUser(ds, inject, ['learner'], { orgUnitId: commune.id, audiences: ['resident'] });
    official = await signedInUser(ds, inject, ['learner'], { orgUnitId: commune.id, audiences: ['official'] });
    outsider = await signedInUser(ds, inject, ['learner'], { orgUnitId: otherDistrict.id, audiences: ['resident', 'official'] });
    admin = await signedInUser(ds, inject, ['admin', 'learner'], { orgUnitId: root.id });
    manager = await signedInUser(ds, inject, ['unit_manager', 'learner'], { orgUnitId: district.id, audiences: ['official'] });
  }, 60_000);
  afterAll(async () => {
    await worker?.shutdown();
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const call = (who: SignedInUser, method: Method, url: string, payload?: object) =>
    inject({ method, url, headers: who.session.auth, ...(payload !== undefined ? { payload } : {}) });

  it('enrols once per learner and course, keeping the unit; enrolling again answers the same enrolment', async () => {
    const { course } = await createCourse(ds, { ownerId: trainer.id });
    const first = await call(resident, 'POST', `/api/courses/${course.id}/enrol`);
    expect(first.statusCode).toBe(201);
    const e = enrolmentSchema.parse(JSON.parse(first.body));
    expect(e).toMatchObject({ userId: resident.id, courseId: course.id, orgUnitId: commune.id, source: 'self', status: 'active', progressPercent: 0 });
    const again = await call(resident, 'POST', `/api/courses/${course.id}/enrol`);
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(again.body).id).toBe(e.id);
    const both = await Promise.all([1, 2, 3].map(() => call(official, 'POST', `/api/courses/${course.id}/enrol`)));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await ds.getRepository(Enrolment).count({ where: { courseId: course.id } })).toBe(2);
  });

  it('refuses draft courses and courses not meant for the learner’s audience or unit', async () => {
    const draft = await createCourse(ds, { ownerId: trainer.id, status: 'draft' });
    expect((await call(resident, 'POST', `/api/courses/${draft.course.id}/enrol`)).statusCode).toBe(404);
    const forOfficials = await createCourse(ds, { ownerId: trainer.id, targetAudiences: ['official', 'press'] });
    const refused = await call(resident, 'POST', `/api/courses/${forOfficials.course.id}/enrol`);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body).message).toBe('Khóa học này không dành cho đối tượng của bạn.');
    expect((await call(official, 'POST', `/api/courses/${forOfficials.course.id}/enrol`)).statusCode).toBe(201);
    const forDistrict = await createCourse(ds, { ownerId: trainer.id, targetUnitIds: [district.id] });
    expect((await call(resident, 'POST', `/api/courses/${forDistrict.course.id}/enrol`)).statusCode).toBe(201);
    expect((await call(manager, 'POST', `/api/courses/${forDistrict.course.id}/enrol`)).statusCode).toBe(201);
    const elsewhere = await call(outsider, 'POST', `/api/courses/${forDistrict.course.id}/enrol`);
    expect(elsewhere.statusCode).toBe(403);
    expect(JSON.parse(elsewhere.body).message).toBe('Khóa học này không dành cho đơn vị của bạn.');
  });

  it('unenrols (withdrawn, progress kept) and re-enrolling reactivates; "My learning" lists active ones by due date', async () => {
    const a = await createCourse(ds, { ownerId: trainer.id });
    const b = await createCourse(ds, { ownerId: trainer.id });
    const c = await createCourse(ds, { ownerId: trainer.id });
    for (const x of [a, b, c]) expect((await call(outsider, 'POST', `/api/courses/${x.course.id}/enrol`)).statusCode).toBe(201);
    await ds.getRepository(Enrolment).update({ userId: outsider.id, courseId: b.course.id }, { dueAt: new Date('2027-01-10T00:00:00Z') });
    await ds.getRepository(Enrolment).update({ userId: outsider.id, courseId: c.course.id }, { dueAt: new Date('2027-01-01T00:00:00Z') });
    const text = a.lessons[1];
    expect((await call(outsider, 'POST', `/api/progress/lessons/${text.id}/complete`)).statusCode).toBe(200);
    expect((await call(outsider, 'DELETE', `/api/courses/${a.course.id}/enrol`)).statusCode).toBe(204);
    expect((await call(outsider, 'DELETE', `/api/courses/${a.course.id}/enrol`)).statusCode).toBe(404);
    let mine = myLearningSchema.parse(JSON.parse((await call(outsider, 'GET', '/api/me/learning')).body));
    expect(mine.items.map((i) => i.course.id)).toEqual([c.course.id, b.course.id]);
    expect(mine.items[0]).toMatchObject({ dueAt: '2027-01-01T00:00:00.000Z', completed: false, course: { slug: c.course.slug, title: c.course.title } });
    const back = await call(outsider, 'POST', `/api/courses/${a.course.id}/enrol`);
    expect(back.statusCode).toBe(200);
    expect(JSON.parse(back.body)).toMatchObject({ status: 'active', progressPercent: 50, completedLessons: 1 });
    mine = myLearningSchema.parse(JSON.parse((await call(outsider, 'GET', '/api/me/learning')).body));
    expect(mine.items.map((i) => i.course.id)).toEqual([c.course.id, b.course.id, a.course.id]);
  });

  describe('assignments', () => {
    it('enrols the matching active users of the subtree, idempotently, and updates due dates', async () => {
      const { course } = await createCourse(ds, { ownerId: trainer.id });
      const officials = [];
      for (let i = 0; i < 5; i++) officials.push(await createUser(ds, { orgUnitId: i % 2 ? commune.id : district.id, audiences: ['official', 'resident'] }));
      const disabled = await createUser(ds, { orgUnitId: commune.id, audiences: ['official'], status: 'disabled' });
      const residentOnly = await createUser(ds, { orgUnitId: commune.id, audiences: ['resident'] });
      const farAway = await createUser(ds, { orgUnitId: otherDistrict.id, audiences: ['official'] });
      // Already enrolled by themselves: stays as it is.
      expect((await call(official, 'POST', `/api/courses/${course.id}/enrol`)).statusCode).toBe(201);
      const res = await call(admin, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: district.id, audiences: ['official'], dueAt: '2027-03-01T00:00:00Z' });
      expect(res.statusCode).toBe(201);
      const assignment = assignmentSchema.parse(JSON.parse(res.body));
      const done = await waitFor(async () => {
        const a = await ds.getRepository(CourseAssignment).findOneByOrFail({ id: assignment.id });
        return a.status === 'completed' ? a : null;
      });
      // 5 new officials + the manager (official in the district); `official` was already enrolled.
      expect(done.enrolled).toBe(6);
      const rows = await ds.getRepository(Enrolment).find({ where: { courseId: course.id } });
      const byUser = new Map(rows.map((r) => [r.userId, r]));
      for (const u of officials) expect(byUser.get(u.id)).toMatchObject({ source: 'assignment', assignmentId: assignment.id, status: 'active', orgUnitId: u.orgUnitId });
      expect(byUser.get(official.id)).toMatchObject({ source: 'self', dueAt: null });
      expect(byUser.get(manager.id)).toMatchObject({ source: 'assignment' });
      for (const u of [disabled, residentOnly, farAway, resident]) expect(byUser.has(u.id)).toBe(false);
      expect(byUser.get(officials[0].id)!.dueAt?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
      // Running the job again changes nothing.
      await ((worker ?? api).app as NestFastifyApplication).get(EnrolmentsService).runAssignment(assignment.id);
      expect(await ds.getRepository(Enrolment).count({ where: { courseId: course.id } })).toBe(rows.length);
      expect((await ds.getRepository(CourseAssignment).findOneByOrFail({ id: assignment.id })).enrolled).toBe(6);
      // A second assignment with a new due date moves the due date of assignment-sourced enrolments only.
      const second = await call(admin, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: commune.id, audiences: [], dueAt: '2027-04-01T00:00:00Z' });
      expect(second.statusCode).toBe(201);
      const secondId = JSON.parse(second.body).id;
      await waitFor(async () => (await ds.getRepository(CourseAssignment).findOneByOrFail({ id: secondId })).status === 'completed');
      const after = new Map((await ds.getRepository(Enrolment).find({ where: { courseId: course.id } })).map((r) => [r.userId, r]));
      expect(after.get(officials[1].id)!.dueAt?.toISOString()).toBe('2027-04-01T00:00:00.000Z');
      expect(after.get(official.id)!.dueAt).toBeNull();
      expect(after.get(residentOnly.id)).toMatchObject({ source: 'assignment', assignmentId: secondId });
      expect(after.has(disabled.id)).toBe(false);
      const audit = await ds.getRepository(AuditLog).find({ where: { action: 'course.assigned', targetId: course.id } });
      expect(audit).toHaveLength(2);
      const list = assignmentListSchema.parse(JSON.parse((await call(trainer, 'GET', `/api/courses/${course.id}/assignments`)).body));
      expect(list.items).toHaveLength(2);
    });

    it('enrols each user holding any of several audiences once, across batches', async () => {
      const { course } = await createCourse(ds, { ownerId: trainer.id });
      const lab = await createOrgUnit(ds, { parent: commune, name: 'Thôn Nhiều Người' });
      const shapes: Array<Parameters<typeof createUsers>[2][number]> = [
        { roles: ['learner'], audiences: ['official', 'communications'] },
        { roles: ['learner'], audiences: ['communications'] },
        { roles: ['learner'], audiences: ['press'] },
      ];
      // 800 communications staff (more than one batch of 500), 400 of them also officials.
      const ids = await createUsers(ds, lab.id, Array.from({ length: 1_200 }, (_, i) => shapes[i % 3]));
      const res = await call(admin, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: lab.id, audiences: ['communications', 'official'] });
      expect(res.statusCode).toBe(201);
      const assignment = assignmentSchema.parse(JSON.parse(res.body));
      expect(assignment.audiences).toEqual(['official', 'communications']);
      const done = await waitFor(async () => {
        const a = await ds.getRepository(CourseAssignment).findOneByOrFail({ id: assignment.id });
        return a.status === 'completed' ? a : null;
      }, 60_000);
      expect(done.enrolled).toBe(800);
      const enrolled = new Set((await ds.getRepository(Enrolment).find({ where: { courseId: course.id }, select: ['userId'] })).map((e) => e.userId));
      expect(enrolled).toEqual(new Set(ids.filter((_, i) => i % 3 !== 2)));
    }, 90_000);

    it('lets a unit manager assign only within their subtree, and nobody else but administrators', async () => {
      const { course } = await createCourse(ds, { ownerId: trainer.id });
      expect((await call(manager, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: otherDistrict.id, audiences: [] })).statusCode).toBe(403);
      const ok = await call(manager, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: commune.id, audiences: [] });
      expect(ok.statusCode).toBe(201);
      expect((await call(trainer, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: commune.id, audiences: [] })).statusCode).toBe(403);
      expect((await call(resident, 'POST', `/api/courses/${course.id}/assignments`, { orgUnitId: commune.id, audiences: [] })).statusCode).toBe(403);
      expect((await call(resident, 'GET', `/api/courses/${course.id}/assignments`)).statusCode).toBe(403);
      const draft = await createCourse(ds, { ownerId: trainer.id, status: 'draft' });
      expect((await call(admin, 'POST', `/api/courses/${draft.course.id}/assignments`, { orgUnitId: commune.id, audiences: [] })).statusCode).toBe(409);
      // The manager sees the learners of their subtree only.
      await waitFor(async () => (await ds.getRepository(CourseAssignment).findOneByOrFail({ id: JSON.parse(ok.body).id })).status === 'completed');
      expect((await call(outsider, 'POST', `/api/courses/${course.id}/enrol`)).statusCode).toBe(201);
      const seen = JSON.parse((await call(manager, 'GET', `/api/courses/${course.id}/enrolments?pageSize=100`)).body);
      const all = JSON.parse((await call(admin, 'GET', `/api/courses/${course.id}/enrolments?pageSize=100`)).body);
      expect(all.total).toBe(seen.total + 1);
      expect(seen.items.map((i: { userId: string }) => i.userId)).not.toContain(outsider.id);
    });
  });
});
