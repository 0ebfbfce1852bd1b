import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { catalogCourseSchema, learnerLessonSchema, mediaPlaybackSchema } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { Lesson } from '../src/modules/courses/lesson.entity';
import { Enrolment } from '../src/modules/enrolments/enrolment.entity';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { createCourse, createMediaAsset } from './factories/learning.factory';
import { createOrgUnit } from './factories/org-units.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { UserStore } from '../src/modules/users/user-store.service';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase, usingMysql } from './helpers/test-app';

type Method = 'GET' | 'POST' | 'DELETE';

const NOT_ENROLLED = 'Bạn cần ghi danh khóa học trước khi học bài này.';

describe(`learning content: lessons, catalog enrolment, playback (${usingMysql ? 'MariaDB' : 'SQLite'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let unit: OrgUnit;
  let otherUnit: OrgUnit;
  let trainer: SignedInUser;
  let otherTrainer: SignedInUser;
  let alice: SignedInUser;
  let bob: SignedInUser;
  let press: SignedInUser;
  let admin: SignedInUser;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    api = await startApi(db);
    inject = injector(api);
    unit = await createOrgUnit(ds, { parent: units.get('LS')! });
    otherUnit = await createOrgUnit(ds, { parent: units.get('LS')! });
    trainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: unit.id, fullName: 'Giảng Viên Chính' });
    otherTrainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: unit.id, fullName: 'Giảng Viên Khác' });
    alice = await signedInUser(ds, inject, ['learner'], { orgUnitId: unit.id, fullName: 'Học Viên An' });
    bob = await signedInUser(ds, inject, ['learner'], { orgUnitId: otherUnit.id, fullName: 'Học Viên Bình' });
    press = await signedInUser(ds, inject, ['learner'], { orgUnitId: unit.id, fullName: 'Phóng Viên', audiences: ['press'] });
    admin = await signedInUser(ds, inject, ['admin', 'learner'], { orgUnitId: units.get('LS')!.id });
  }, 60_000);
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
  });

  const call = (who: SignedInUser, method: Method, url: string) => inject({ method, url, headers: who.session.auth });
  const enrol = async (who: SignedInUser, courseId: string) => {
    const res = await call(who, 'POST', `/api/courses/${courseId}/enrol`);
    expect([200, 201]).toContain(res.statusCode);
  };
  const lesson = async (who: SignedInUser, lessonId: string, status = 200) => {
    const res = await call(who, 'GET', `/api/learn/lessons/${lessonId}`);
    expect({ status: res.statusCode, body: res.statusCode === status ? '' : res.body }).toEqual({ status, body: '' });
    return status === 200 ? learnerLessonSchema.parse(JSON.parse(res.body)) : JSON.parse(res.body);
  };
  const outline = async (who: SignedInUser, slug: string) => {
    const res = await call(who, 'GET', `/api/catalog/${slug}`);
    expect(res.statusCode).toBe(200);
    return catalogCourseSchema.parse(JSON.parse(res.body));
  };

  describe('GET /api/learn/lessons/:lessonId', () => {
    it('gives an enrolled learner the lesson content: sanitized HTML, the attached video', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
      const [video, text] = lessons;
      const asset = await createMediaAsset(ds, { ownerId: trainer.id, courseId: course.id, lessonId: video.id });
      // Written straight into the table (as a seed or an old row might be): served sanitized anyway.
      await ds.getRepository(Lesson).update(text.id, {
        textHtml: '<h2>Bài 1</h2><p onclick="steal()">Xin chào <strong>bà con</strong></p><script>alert(1)</script><img src="javascript:alert(1)" onerror="x()"><a href="javascript:alert(2)">bấm</a><iframe src="https://evil.example"></iframe>',
      });
      await enrol(alice, course.id);

      const t = await lesson(alice, text.id);
      expect(t).toMatchObject({ id: text.id, courseId: course.id, courseSlug: course.slug, moduleId: text.moduleId, type: 'text', required: true, media: null, preview: false });
      expect(t.textHtml).toContain('<h2>Bài 1</h2>');
      expect(t.textHtml).toContain('<p>Xin chào <strong>bà con</strong></p>');
      for (const bad of ['<script', 'alert(1)', 'onclick', 'onerror', 'javascript:', '<iframe']) expect(t.textHtml).not.toContain(bad);

      const v = await lesson(alice, video.id);
      expect(v).toMatchObject({ type: 'video', textHtml: null, durationSeconds: 600, preview: false });
      expect(v.media).toEqual({ id: asset.id, status: 'ready', originalName: 'bai-giang.mp4', mime: 'video/mp4', sizeBytes: 1000, durationSeconds: 600, renditions: [240, 360], hasCaptions: false });
    });

    it('refuses learners who are not enrolled (403) or withdrew, and unknown lessons (404)', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
      expect((await lesson(bob, lessons[1].id, 403)).message).toBe(NOT_ENROLLED);
      await enrol(bob, course.id);
      await lesson(bob, lessons[1].id);
      expect((await call(bob, 'DELETE', `/api/courses/${course.id}/enrol`)).statusCode).toBe(204);
      expect((await lesson(bob, lessons[1].id, 403)).message).toBe(NOT_ENROLLED);
      await lesson(bob, '00000000-0000-0000-0000-000000000000', 404);
      await lesson(bob, 'not-a-lesson', 404);
    });

    it('hides another course’s draft (404), even from other trainers, and previews it for its owner and administrators', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, status: 'draft' });
      const text = lessons[1];
      await lesson(alice, text.id, 404);
      await lesson(otherTrainer, text.id, 404);
      const own = await lesson(trainer, text.id);
      expect(own).toMatchObject({ id: text.id, courseId: course.id, preview: true, textHtml: '<p>Nội dung</p>' });
      expect((await lesson(admin, text.id)).preview).toBe(true);
      // Archived courses: learners lose the lesson, owners can still look.
      const archived = await createCourse(ds, { ownerId: trainer.id, status: 'archived' });
      await lesson(alice, archived.lessons[1].id, 404);
      expect((await lesson(trainer, archived.lessons[1].id)).preview).toBe(true);
    });

    it('previews a published course for its owner who is not enrolled; an enrolled owner learns (preview false)', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
      expect((await lesson(trainer, lessons[1].id)).preview).toBe(true);
      await enrol(trainer, course.id);
      expect((await lesson(trainer, lessons[1].id)).preview).toBe(false);
    });

    it('keeps lessons locked under strict order (403), unlocks them as the previous ones complete, and stays open after completion', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, strictOrder: true, modules: [[{ type: 'text' }], [{ type: 'text' }, { type: 'attachment' }]] });
      const [first, second, file] = lessons;
      await enrol(alice, course.id);
      await lesson(alice, first.id);
      expect((await lesson(alice, second.id, 403)).message).toMatch(/theo đúng thứ tự/);
      await lesson(alice, file.id, 403);
      // The owner previews locked lessons.
      expect((await lesson(trainer, file.id)).preview).toBe(true);
      expect((await call(alice, 'POST', `/api/progress/lessons/${first.id}/complete`)).statusCode).toBe(200);
      await lesson(alice, second.id);
      expect((await call(alice, 'POST', `/api/progress/lessons/${second.id}/complete`)).statusCode).toBe(200);
      expect((await lesson(alice, file.id)).media).toBeNull();
      expect((await call(alice, 'POST', `/api/progress/lessons/${file.id}/complete`)).statusCode).toBe(200);
      expect((await ds.getRepository(Enrolment).findOneByOrFail({ userId: alice.id, courseId: course.id })).status).toBe('completed');
      expect((await lesson(alice, second.id)).preview).toBe(false);
    });

    it('requires sign-in', async () => {
      expect((await inject({ method: 'GET', url: '/api/learn/lessons/00000000-0000-0000-0000-000000000000' })).statusCode).toBe(401);
    });
  });

  describe('catalog: myEnrolment and openToMe', () => {
    it('reports the caller’s enrolment, and null once withdrawn (enrolling again stays open)', async () => {
      const { course } = await createCourse(ds, { ownerId: trainer.id });
      expect(await outline(alice, course.slug)).toMatchObject({ myEnrolment: null, openToMe: true });
      await enrol(alice, course.id);
      const dueAt = new Date('2027-03-01T00:00:00.000Z');
      await ds.getRepository(Enrolment).update({ userId: alice.id, courseId: course.id }, { dueAt, progressPercent: 40 });
      expect(await outline(alice, course.slug)).toMatchObject({ myEnrolment: { status: 'active', progressPercent: 40, dueAt: dueAt.toISOString() }, openToMe: true });
      await ds.getRepository(Enrolment).update({ userId: alice.id, courseId: course.id }, { status: 'completed', progressPercent: 100, completedAt: new Date() });
      expect((await outline(alice, course.slug)).myEnrolment).toMatchObject({ status: 'completed', progressPercent: 100 });
      expect((await call(alice, 'DELETE', `/api/courses/${course.id}/enrol`)).statusCode).toBe(204);
      expect(await outline(alice, course.slug)).toMatchObject({ myEnrolment: null, openToMe: true });
      // Another learner's enrolment is not mine.
      expect((await outline(bob, course.slug)).myEnrolment).toBeNull();
    });

    it('answers openToMe by the same audience and unit rules as enrolling', async () => {
      const forPress = await createCourse(ds, { ownerId: trainer.id, targetAudiences: ['press'] });
      const forUnit = await createCourse(ds, { ownerId: trainer.id, targetUnitIds: [unit.id] });
      const cases: [SignedInUser, { course: { id: string; slug: string } }, boolean][] = [
        [alice, forPress, false],
        [press, forPress, true],
        [alice, forUnit, true],
        [bob, forUnit, false],
      ];
      for (const [who, { course }, open] of cases) {
        const o = await outline(who, course.slug);
        const res = await call(who, 'POST', `/api/courses/${course.id}/enrol`);
        // The flag predicts what enrolling answers.
        expect({ who: who.fullName, course: course.slug, openToMe: o.openToMe, enrol: res.statusCode }).toEqual({ who: who.fullName, course: course.slug, openToMe: open, enrol: open ? 201 : 403 });
      }
      // An existing enrolment stays open even when the targeting no longer matches (enrolling reactivates it).
      await ds.getRepository(Enrolment).update({ userId: press.id, courseId: forPress.course.id }, { status: 'withdrawn' });
      await ds.transaction((em) => new UserStore(ds).setMemberships(em, press.id, { audiences: ['resident'] }));
      expect(await outline(press, forPress.course.slug)).toMatchObject({ myEnrolment: null, openToMe: true });
      expect((await call(press, 'POST', `/api/courses/${forPress.course.id}/enrol`)).statusCode).toBe(200);
    });
  });

  describe('playback requires an enrolment', () => {
    it('gives playback URLs to enrolled learners and managers only', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
      const asset = await createMediaAsset(ds, { ownerId: trainer.id, courseId: course.id, lessonId: lessons[0].id });
      const playback = (who: SignedInUser) => call(who, 'GET', `/api/media/${asset.id}/playback`);
      // Signed in but not enrolled: as if the media did not exist.
      expect((await playback(bob)).statusCode).toBe(404);
      expect((await call(bob, 'GET', `/api/media/${asset.id}`)).statusCode).toBe(404);
      expect((await playback(otherTrainer)).statusCode).toBe(404);
      await enrol(bob, course.id);
      const res = await playback(bob);
      expect(res.statusCode).toBe(200);
      expect(mediaPlaybackSchema.parse(JSON.parse(res.body)).hlsUrl).toMatch(/^\/api\/media\/stream\/[^/]+\/hls\/master\.m3u8$/);
      expect((await call(bob, 'GET', `/api/media/${asset.id}`)).statusCode).toBe(200);
      // Completed learners keep access; withdrawn ones lose it.
      await ds.getRepository(Enrolment).update({ userId: bob.id, courseId: course.id }, { status: 'completed', completedAt: new Date() });
      expect((await playback(bob)).statusCode).toBe(200);
      expect((await call(bob, 'DELETE', `/api/courses/${course.id}/enrol`)).statusCode).toBe(204);
      expect((await playback(bob)).statusCode).toBe(404);
      // Managers always.
      expect((await playback(trainer)).statusCode).toBe(200);
      expect((await playback(admin)).statusCode).toBe(200);
    });

    it('refuses enrolled learners once the course is archived', async () => {
      const { course, lessons } = await createCourse(ds, { ownerId: trainer.id });
      const asset = await createMediaAsset(ds, { ownerId: trainer.id, courseId: course.id, lessonId: lessons[0].id });
      await enrol(alice, course.id);
      expect((await call(alice, 'GET', `/api/media/${asset.id}/playback`)).statusCode).toBe(200);
      await ds.query("UPDATE courses SET status = 'archived' WHERE id = ?", [course.id]);
      expect((await call(alice, 'GET', `/api/media/${asset.id}/playback`)).statusCode).toBe(404);
    });
  });
});
