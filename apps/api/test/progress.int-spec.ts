import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { courseEnrolmentListSchema, courseProgressSchema, progressUpdateSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { Enrolment } from '../src/modules/enrolments/enrolment.entity';
import { LessonProgress } from '../src/modules/progress/lesson-progress.entity';
import { OutboxEvent } from '../src/queue/outbox-event.entity';
import { createCourse } from './factories/learning.factory';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { Delivery, recordingConsumers } from './helpers/recording-consumers';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, startWorker, TestDatabase, usingMysql, usingRedis, waitFor } from './helpers/test-app';

type Method = 'GET' | 'POST' | 'DELETE';

describe(`progress (${usingMysql ? 'MariaDB' : 'SQLite'} + ${usingRedis ? 'BullMQ worker' : 'inline queue'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let worker: Booted<unknown> | null = null;
  let inject: ReturnType<typeof injector>;
  let trainer: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let admin: SignedInUser;
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    const env = { QUEUE_PREFIX: `bdhvtest_prog_${process.pid}` };
    // Two consumers of course completions, registered by a module progress knows nothing about.
    const consumers = { modules: [recordingConsumers({ sink: deliveries, event: 'learning.course_completed', consumers: ['test-certificates', 'test-statistics'] })] };
    api = await startApi(db, env, consumers);
    if (usingRedis) worker = await startWorker(db, env, consumers);
    inject = injector(api);
    const unit = await createOrgUnit(ds, { parent: units.get('LS')! });
    trainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: unit.id });
    alice = await signedInUser(ds, inject, ['learner'], { orgUnitId: unit.id, fullName: 'Học Viên An' });
    bob = await signedInUser(ds, inject, ['learner'], { orgUnitId: unit.id, fullName: 'Học Viên Bình' });
    admin = await signedInUser(ds, inject, ['admin', 'learner'], { orgUnitId: units.get('LS')!.id });
  }, 60_000);
  afterAll(async () => {
    await worker?.shutdown();
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  /** The completion events written for an enrolment, and the consumers each was delivered to. */
  const completionEvents = async (enrolmentId: string) =>
    (await ds.getRepository(OutboxEvent).findBy({ name: 'learning.course_completed' })).filter((r) => JSON.parse(r.payload).enrolmentId === enrolmentId);
  const deliveredTo = (enrolmentId: string) =>
    deliveries
      .filter((d) => d.payload.enrolmentId === enrolmentId)
      .map((d) => d.consumer)
      .sort();
  /** One event, delivered once to each consumer (and never again while we wait a little longer). */
  const expectPublishedOnce = async (enrolmentId: string, userId: string, courseId: string) => {
    const events = await completionEvents(enrolmentId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toMatchObject({ enrolmentId, userId, courseId });
    await waitFor(async () => deliveredTo(enrolmentId).length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(deliveredTo(enrolmentId)).toEqual(['test-certificates', 'test-statistics']);
    expect(deliveries.filter((d) => d.payload.enrolmentId === enrolmentId).every((d) => d.eventId === events[0].id)).toBe(true);
  };

  const call = (who: SignedInUser, method: Method, url: string, payload?: object) =>
    inject({ method, url, headers: who.session.auth, ...(payload !== undefined ? { payload } : {}) });
  const enrol = async (who: SignedInUser, courseId: string) => {
    const res = await call(who, 'POST', `/api/courses/${courseId}/enrol`);
    expect([200, 201]).toContain(res.statusCode);
  };
  const beat = async (who: SignedInUser, lessonId: string, ranges: [number, number][], position: number, status = 200) => {
    const res = await call(who, 'POST', `/api/progress/lessons/${lessonId}/heartbeat`, { ranges, position });
    expect({ status: res.statusCode, body: res.statusCode === status ? '' : res.body }).toEqual({ status, body: '' });
    return status === 200 ? progressUpdateSchema.parse(JSON.parse(res.body)) : JSON.parse(res.body);
  };
  /** Pretends the previous heartbeat was `seconds` ago (the server limits ranges to the wall-clock time since). */
  const rewind = (who: SignedInUser, lessonId: string, seconds: number) =>
    ds.createQueryBuilder().update(LessonProgress).set({ updatedAt: new Date(Date.now() - seconds * 1000) }).where('userId = :u AND lessonId = :l', { u: who.id, l: lessonId }).execute();
  const progressOf = async (who: SignedInUser, courseId: string) => {
    const res = await call(who, 'GET', `/api/progress/courses/${courseId}`);
    expect(res.statusCode).toBe(200);
    return courseProgressSchema.parse(JSON.parse(res.body));
  };

  it('seeking a video to its end is not watching it', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
    await enrol(alice, course.id);
    const r = await beat(alice, lessons[0].id, [[0, 1], [595, 600]], 600);
    expect(r.lesson).toMatchObject({ status: 'in_progress', watchedSeconds: 6, lastPositionSeconds: 600 });
    const p = await progressOf(alice, course.id);
    expect(p.lessons[0]).toMatchObject({ lessonId: lessons[0].id, status: 'in_progress', watchedSeconds: 6 });
    expect(p.progressPercent).toBe(0);
  });

  it('steady 10-second heartbeats complete the video at 90 %, duplicates are harmless, then the text lesson completes the course once', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
    const [video, text] = lessons;
    await enrol(alice, course.id);
    let last = await beat(alice, video.id, [], 0);
    for (let t = 0; t < 540; t += 10) {
      await rewind(alice, video.id, 10);
      last = await beat(alice, video.id, [[t, t + 10]], t + 10);
      expect(last.clampedSeconds).toBe(0);
      if (t + 10 < 540) expect(last.lesson.status).toBe('in_progress');
      // A replayed report changes nothing.
      if (t === 100) expect((await beat(alice, video.id, [[t, t + 10]], t + 10)).lesson.watchedSeconds).toBe(110);
    }
    expect(last.lesson).toMatchObject({ status: 'completed', watchedSeconds: 540 });
    expect(last.courseProgressPercent).toBe(50);
    expect(last.courseCompleted).toBe(false);
    // Replays after completion keep it complete.
    expect((await beat(alice, video.id, [[530, 540]], 540)).lesson.status).toBe('completed');
    const done = await call(alice, 'POST', `/api/progress/lessons/${text.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(progressUpdateSchema.parse(JSON.parse(done.body))).toMatchObject({ courseProgressPercent: 100, courseCompleted: true });
    const first = await ds.getRepository(Enrolment).findOneByOrFail({ userId: alice.id, courseId: course.id });
    expect(first).toMatchObject({ status: 'completed', progressPercent: 100, completedLessons: 2 });
    expect(first.completedAt).not.toBeNull();
    // Completing again, and more heartbeats, record nothing new.
    expect((await call(alice, 'POST', `/api/progress/lessons/${text.id}/complete`)).statusCode).toBe(200);
    await beat(alice, video.id, [[540, 550]], 550);
    const again = await ds.getRepository(Enrolment).findOneByOrFail({ id: first.id });
    expect(again.completedAt?.getTime()).toBe(first.completedAt?.getTime());
    await expectPublishedOnce(first.id, alice.id, course.id);
    const p = await progressOf(alice, course.id);
    expect(p).toMatchObject({ status: 'completed', progressPercent: 100, completedLessons: 2, requiredLessons: 2 });
    expect(p.lessons.map((l) => l.status)).toEqual(['completed', 'completed']);
  }, 30_000);

  it('clamps a range longer than the time since the previous heartbeat', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
    await enrol(bob, course.id);
    await beat(bob, lessons[0].id, [], 0);
    await rewind(bob, lessons[0].id, 10);
    const r = await beat(bob, lessons[0].id, [[0, 300]], 300);
    expect(r.lesson.watchedSeconds).toBeLessThanOrEqual(26);
    expect(r.clampedSeconds).toBeGreaterThanOrEqual(274);
    expect(r.lesson.status).toBe('in_progress');
    // Out of bounds and malformed reports are refused.
    await beat(bob, lessons[0].id, [[0, 700]], 10, 400);
    await beat(bob, lessons[0].id, [[20, 10]], 10, 400);
    await beat(bob, lessons[0].id, Array.from({ length: 21 }, (_, i) => [i, i + 1] as [number, number]), 10, 400);
  });

  it('completes two lessons concurrently and still records the course completion exactly once', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, modules: [[{ type: 'text' }, { type: 'attachment' }, { type: 'text' }]] });
    await enrol(bob, course.id);
    await Promise.all([...lessons, ...lessons].map((l) => call(bob, 'POST', `/api/progress/lessons/${l.id}/complete`)));
    const e = await ds.getRepository(Enrolment).findOneByOrFail({ userId: bob.id, courseId: course.id });
    expect(e).toMatchObject({ status: 'completed', completedLessons: 3, progressPercent: 100 });
    await expectPublishedOnce(e.id, bob.id, course.id);
  }, 30_000);

  it('enforces strict order with a Vietnamese message', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, strictOrder: true, modules: [[{ type: 'text' }], [{ type: 'video', durationSeconds: 600 }, { type: 'text', required: false }, { type: 'attachment' }]] });
    const [intro, video, optional, file] = lessons;
    await enrol(alice, course.id);
    const locked = await beat(alice, video.id, [[0, 5]], 5, 403);
    expect(locked.message).toMatch(/thứ tự/);
    expect((await call(alice, 'POST', `/api/progress/lessons/${file.id}/complete`)).statusCode).toBe(403);
    expect((await call(alice, 'POST', `/api/progress/lessons/${intro.id}/complete`)).statusCode).toBe(200);
    await beat(alice, video.id, [[0, 5]], 5);
    expect((await call(alice, 'POST', `/api/progress/lessons/${optional.id}/complete`)).statusCode).toBe(403);
    expect((await call(alice, 'POST', `/api/progress/lessons/${file.id}/complete`)).statusCode).toBe(403);
  });

  it('refuses learners who are not enrolled, wrong lesson types and quizzes', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, modules: [[{ type: 'video' }, { type: 'text' }, { type: 'quiz' }]] });
    const [video, text, quiz] = lessons;
    await beat(bob, video.id, [[0, 5]], 5, 403);
    expect((await call(bob, 'POST', `/api/progress/lessons/${text.id}/complete`)).statusCode).toBe(403);
    await enrol(bob, course.id);
    expect((await call(bob, 'POST', `/api/progress/lessons/${quiz.id}/complete`)).statusCode).toBe(400);
    expect((await call(bob, 'POST', `/api/progress/lessons/${video.id}/complete`)).statusCode).toBe(400);
    await beat(bob, text.id, [[0, 5]], 5, 400);
    // Withdrawn learners cannot progress; progress is kept for when they come back.
    await beat(bob, video.id, [[0, 5]], 5);
    expect((await call(bob, 'DELETE', `/api/courses/${course.id}/enrol`)).statusCode).toBe(204);
    await beat(bob, video.id, [[5, 10]], 10, 403);
    await enrol(bob, course.id);
    expect((await progressOf(bob, course.id)).lessons[0]).toMatchObject({ watchedSeconds: 5, lastPositionSeconds: 5 });
  });

  it('shows a learner only their own progress; the learner table is for trainers and administrators', async () => {
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
    await enrol(alice, course.id);
    await beat(alice, lessons[0].id, [[0, 10]], 10);
    // Bob is not enrolled: his view of the course is his own, and he has none.
    expect((await call(bob, 'GET', `/api/progress/courses/${course.id}`)).statusCode).toBe(404);
    await enrol(bob, course.id);
    const bobs = await progressOf(bob, course.id);
    expect(bobs.lessons[0]).toMatchObject({ status: 'not_started', watchedSeconds: 0 });
    expect((await call(bob, 'GET', `/api/courses/${course.id}/enrolments`)).statusCode).toBe(403);
    for (const who of [trainer, admin]) {
      const res = await call(who, 'GET', `/api/courses/${course.id}/enrolments`);
      expect(res.statusCode).toBe(200);
      const list = courseEnrolmentListSchema.parse(JSON.parse(res.body));
      expect(list.total).toBe(2);
      expect(list.items.map((i) => i.learner.fullName).sort()).toEqual(['Học Viên An', 'Học Viên Bình']);
    }
  });
});
