import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { UserStore } from '../src/modules/users/user-store.service';
import { demoUsers } from '../src/seeds/demo-data';
import { DEMO_COURSE } from '../src/seeds/demo-course-data';
import { DemoCourseResult, describeDemoCourse, seedDemoCourse } from '../src/seeds/demo-course';
import { seedDemoData } from '../src/seeds/seed';
import { CourseModule } from '../src/modules/courses/course-module.entity';
import { CourseOwner } from '../src/modules/courses/course-owner.entity';
import { Course } from '../src/modules/courses/course.entity';
import { CourseTargeting, CourseTargetingService } from '../src/modules/courses/course-targeting.service';
import { Lesson } from '../src/modules/courses/lesson.entity';
import { sanitizeLessonHtml } from '../src/modules/courses/sanitize-lesson-html';
import { Enrolment } from '../src/modules/enrolments/enrolment.entity';
import { describeWithFfmpeg } from '../src/common/files/ffmpeg.spec-support';
import { MediaAsset } from '../src/modules/media/media-asset.entity';
import { sniffFile } from '../src/common/files/sniff';
import { LessonProgress } from '../src/modules/progress/lesson-progress.entity';
import { verifyPassword } from '../src/modules/users/password';
import { signIn } from './helpers/auth';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase, usingMysql } from './helpers/test-app';

describe('demo seed', () => {
  it('creates the province tree and one account per role, and is idempotent', async () => {
    const db = await TestDatabase.create();
    await db.migrate();
    const ds = db.dataSource();
    try {
      await ds.initialize();
      const first = await seedDemoData(ds);
      expect(first.usersCreated).toBe(demoUsers.length);
      const second = await seedDemoData(ds);
      expect(second).toEqual({ unitsCreated: 0, usersCreated: 0 });

      const units = await ds.getRepository(OrgUnit).find();
      const province = units.find((u) => u.kind === 'province')!;
      expect(province.name).toBe('Tỉnh Lạng Sơn');
      for (const u of units) expect(u.path.startsWith(`/${province.id}/`)).toBe(true);
      expect(units.filter((u) => u.kind === 'commune').length).toBeGreaterThanOrEqual(2);
      expect(units.filter((u) => u.kind === 'department').length).toBeGreaterThanOrEqual(2);

      const users = await new UserStore(ds).withMemberships(await ds.getRepository(User).find());
      expect(users).toHaveLength(demoUsers.length);
      const roles = new Set(users.flatMap((u) => u.roles));
      expect([...roles].sort()).toEqual(['admin', 'learner', 'trainer', 'unit_manager']);
      expect(users.some((u) => u.audiences.includes('resident'))).toBe(true);
      const admin = users.find((u) => u.roles.includes('admin'))!;
      expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
      const spec = demoUsers.find((u) => u.email === admin.email)!;
      expect(await verifyPassword(admin.passwordHash!, spec.password)).toBe(true);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.dispose();
    }
  });
});

/** Every file below `dir`, relative, sorted. */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** Row counts of everything the demo course writes. */
async function courseRows(ds: DataSource) {
  return {
    courses: await ds.getRepository(Course).count(),
    owners: await ds.getRepository(CourseOwner).count(),
    modules: await ds.getRepository(CourseModule).count(),
    lessons: await ds.getRepository(Lesson).count(),
    media: await ds.getRepository(MediaAsset).count(),
    enrolments: await ds.getRepository(Enrolment).count(),
    progress: await ds.getRepository(LessonProgress).count(),
  };
}

const NO_ROWS = { courses: 0, owners: 0, modules: 0, lessons: 0, media: 0, enrolments: 0, progress: 0 };
const userId = async (ds: DataSource, email: string) => (await ds.getRepository(User).findOneByOrFail({ email })).id;

describe('demo course without ffmpeg', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-seed-storage-'));
  const noFfmpeg = { storageDir: storage, ffmpegPath: path.join(storage, 'no-such-ffmpeg'), ffprobePath: path.join(storage, 'no-such-ffprobe') };

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    await seedDemoData(ds);
  });
  afterAll(async () => {
    await closeMigratedDatabase(db, ds);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('a failure before the commit leaves neither rows nor files', async () => {
    // The enrolment is the last row written: everything before it must be rolled back.
    await ds.query(
      usingMysql
        ? "CREATE TRIGGER seed_spec_fail BEFORE INSERT ON enrolments FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'seed spec failure'"
        : "CREATE TRIGGER seed_spec_fail BEFORE INSERT ON enrolments BEGIN SELECT RAISE(ABORT, 'seed spec failure'); END",
    );
    try {
      await expect(seedDemoCourse(ds, noFfmpeg)).rejects.toThrow(/seed spec failure/);
    } finally {
      await ds.query('DROP TRIGGER seed_spec_fail');
    }
    expect(await courseRows(ds)).toEqual(NO_ROWS);
    expect(filesBelow(storage)).toEqual([]);
  });

  it('creates the course with its text and attachment lessons only, says why, and a second run changes nothing', async () => {
    const first = await seedDemoCourse(ds, noFfmpeg);
    expect(first).toMatchObject({ created: true, modules: 2, lessons: { video: 0, text: 2, attachment: 1 }, media: { videos: 0, attachments: 1, renditions: [] }, videosSkipped: 2 });
    expect(describeDemoCourse(first)).toMatch(/3 lessons \(0 video, 2 text, 1 attachment\); media: 1 PDF \(2 video lessons skipped: no ffmpeg\)/);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatch(/ffmpeg\/ffprobe not found.*WITHOUT its 2 video lessons/);

    const course = await ds.getRepository(Course).findOneByOrFail({ slug: 'ky-nang-so-co-ban' });
    expect(course.status).toBe('published');
    const lessons = await ds.getRepository(Lesson).find({ where: { courseId: course.id } });
    expect(lessons.map((l) => l.type).sort()).toEqual(['attachment', 'text', 'text']);
    const pdf = await ds.getRepository(MediaAsset).findOneByOrFail({ kind: 'attachment' });
    expect(await sniffFile(path.join(storage, pdf.sourceKey!))).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    // The official finished the two text lessons of three required lessons: floor(2 × 100 / 3).
    const enrolment = await ds.getRepository(Enrolment).findOneByOrFail({ courseId: course.id });
    expect(enrolment).toMatchObject({ userId: await userId(ds, 'canbo@demo.hocvuso.vn'), completedLessons: 2, progressPercent: 66 });

    const rows = await courseRows(ds);
    const files = filesBelow(storage);
    const second = await seedDemoCourse(ds, noFfmpeg);
    expect(second).toMatchObject({ created: false, warnings: [] });
    expect(describeDemoCourse(second)).toMatch(/already present: nothing changed/);
    expect(await courseRows(ds)).toEqual(rows);
    expect(filesBelow(storage)).toEqual(files);
  });
});

describeWithFfmpeg()('demo course with generated videos', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let first: DemoCourseResult;
  let course: Course & CourseTargeting;
  let lessons: Lesson[];
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-seed-storage-'));

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    await seedDemoData(ds);
    first = await seedDemoCourse(ds, { storageDir: storage });
    [course] = await new CourseTargetingService(ds).withTargeting([await ds.getRepository(Course).findOneByOrFail({ slug: 'ky-nang-so-co-ban' })]);
    const modules = await ds.getRepository(CourseModule).find({ where: { courseId: course.id }, order: { position: 'ASC' } });
    lessons = [];
    for (const m of modules) lessons.push(...(await ds.getRepository(Lesson).find({ where: { moduleId: m.id }, order: { position: 'ASC' } })));
  }, 90_000);
  afterAll(async () => {
    await closeMigratedDatabase(db, ds);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('creates one published course, owned by the demo trainer, with its modules and lessons in order', async () => {
    expect(first).toMatchObject({ created: true, modules: 2, lessons: { video: 2, text: 2, attachment: 1 }, media: { videos: 2, attachments: 1, renditions: [240, 360, 720] }, videosSkipped: 0, warnings: [] });
    expect(describeDemoCourse(first)).toMatch(/created and published: 2 modules; 5 lessons \(2 video, 2 text, 1 attachment\); media: 2 videos transcoded to HLS 240p\/360p\/720p/);
    expect(await ds.getRepository(Course).count()).toBe(1);
    expect(course).toMatchObject({
      title: 'Kỹ năng số cơ bản',
      category: 'Kỹ năng số',
      tags: ['ky-nang-so-co-ban'],
      targetAudiences: ['resident', 'official'],
      status: 'published',
      estimatedMinutes: 20,
      ownerId: await userId(ds, 'giangvien@demo.hocvuso.vn'),
    });
    expect(course.publishedAt).toBeTruthy();
    expect(course.searchText).toContain('ky nang so co ban');
    expect(await ds.getRepository(CourseOwner).findBy({ courseId: course.id })).toEqual([{ courseId: course.id, userId: course.ownerId, role: 'owner' }]);
    expect(lessons.map((l) => [l.type, l.title])).toEqual(DEMO_COURSE.modules.flatMap((m) => m.lessons.map((l) => [l.type, l.title])));
    for (const l of lessons.filter((x) => x.type === 'text')) {
      expect(l.textHtml).toBe(sanitizeLessonHtml(l.textHtml!));
      expect(l.textHtml).toMatch(/<h2>/);
    }
    expect(lessons.find((l) => l.type === 'text')!.textHtml).toContain('mật khẩu');
  });

  it('processes the videos like uploads: ready assets, HLS ladder, poster, MP4 fallback and captions on disk', async () => {
    for (const lesson of lessons.filter((l) => l.type === 'video')) {
      const asset = await ds.getRepository(MediaAsset).findOneByOrFail({ id: lesson.mediaId! });
      expect(asset).toMatchObject({ kind: 'video', status: 'ready', courseId: course.id, ownerId: course.ownerId, progress: 100, error: null, sourceKey: null, renditions: [240, 360, 720], mime: 'video/mp4' });
      expect(asset.durationSeconds).toBeGreaterThanOrEqual(6);
      expect(asset.durationSeconds).toBeLessThanOrEqual(10);
      expect(lesson.durationSeconds).toBe(asset.durationSeconds);
      for (const key of [asset.hlsKey, asset.posterKey, asset.fallbackKey, asset.captionsKey]) {
        expect(key).toMatch(new RegExp(`^media/${asset.id}/`));
        expect(fs.statSync(path.join(storage, key!)).size).toBeGreaterThan(0);
      }
      const master = fs.readFileSync(path.join(storage, asset.hlsKey!), 'utf8');
      for (const rung of ['240p', '360p', '720p']) {
        expect(master).toContain(`${rung}/index.m3u8`);
        const segments = fs.readdirSync(path.join(storage, `media/${asset.id}/hls/${rung}`)).filter((f) => f.endsWith('.ts'));
        expect(segments.length).toBeGreaterThanOrEqual(3);
      }
      expect(fs.readFileSync(path.join(storage, asset.captionsKey!), 'utf8')).toMatch(/^WEBVTT\n/);
    }
    const attachment = lessons.find((l) => l.type === 'attachment')!;
    const pdf = await ds.getRepository(MediaAsset).findOneByOrFail({ id: attachment.mediaId! });
    expect(pdf).toMatchObject({ kind: 'attachment', status: 'ready', sourceKey: attachment.attachmentKey, mime: 'application/pdf' });
    expect(await sniffFile(path.join(storage, attachment.attachmentKey!))).toEqual({ kind: 'pdf', mime: 'application/pdf' });
  });

  it('enrols the demo official with some progress and leaves the demo resident free to enrol', async () => {
    const official = await userId(ds, 'canbo@demo.hocvuso.vn');
    const enrolments = await ds.getRepository(Enrolment).find({ where: { courseId: course.id } });
    expect(enrolments).toHaveLength(1);
    expect(enrolments[0]).toMatchObject({ userId: official, status: 'active', source: 'self', completedLessons: 2, progressPercent: 40, completedAt: null });
    const progress = await ds.getRepository(LessonProgress).find({ where: { enrolmentId: enrolments[0].id } });
    const byLesson = new Map(progress.map((p) => [p.lessonId, p]));
    expect(byLesson.get(lessons[0].id)).toMatchObject({ status: 'completed', watchedSeconds: lessons[0].durationSeconds, watchedRanges: [[0, lessons[0].durationSeconds]] });
    expect(byLesson.get(lessons[1].id)).toMatchObject({ status: 'completed' });
    expect(byLesson.get(lessons[2].id)).toMatchObject({ status: 'in_progress', watchedSeconds: 3, lastPositionSeconds: 3 });
    expect(progress).toHaveLength(3);
  });

  it('a second run creates nothing and touches no file', async () => {
    const rows = await courseRows(ds);
    const files = filesBelow(storage);
    const second = await seedDemoCourse(ds, { storageDir: storage });
    expect(second).toMatchObject({ created: false, modules: 0, lessons: { video: 0, text: 0, attachment: 0 }, media: { videos: 0, attachments: 0 }, enrolled: [] });
    expect(await courseRows(ds)).toEqual(rows);
    expect(filesBelow(storage)).toEqual(files);
  });

  it('is served by the API: catalog, enrolment, signed playback of the videos, captions and the PDF, learner lessons, my learning', async () => {
    const api = await startApi(db, { STORAGE_DIR: storage });
    try {
      const inject = injector(api);
      const resident = await signIn(inject, 'nguoidan@demo.hocvuso.vn', 'NguoiDan@2025');
      const catalog = await inject({ method: 'GET', url: '/api/catalog?q=ky nang so', headers: resident.auth });
      expect(catalog.statusCode).toBe(200);
      expect(catalog.body).toContain('ky-nang-so-co-ban');
      // The cover drawn by ffmpeg is a real JPEG served publicly.
      const coverUrl = (JSON.parse(catalog.body) as { items: { slug: string; coverUrl: string | null }[] }).items.find((c) => c.slug === 'ky-nang-so-co-ban')!.coverUrl;
      expect(coverUrl).toMatch(/^\/api\/covers\/[a-f0-9]{32}\.jpg$/);
      const cover = await inject({ method: 'GET', url: coverUrl! });
      expect(cover.statusCode).toBe(200);
      expect(cover.headers['content-type']).toBe('image/jpeg');
      expect(cover.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect((await inject({ method: 'GET', url: '/api/catalog/ky-nang-so-co-ban', headers: resident.auth })).statusCode).toBe(200);
      // Targeted at residents too, and the resident is left un-enrolled so that they can try it.
      expect((await inject({ method: 'POST', url: `/api/courses/${course.id}/enrol`, headers: resident.auth })).statusCode).toBe(201);

      // Playback as the enrolled official.
      const official = await signIn(inject, 'canbo@demo.hocvuso.vn', 'CanBo@2025');
      for (const lesson of lessons.filter((l) => l.type !== 'text')) {
        const res = await inject({ method: 'GET', url: `/api/media/${lesson.mediaId}/playback`, headers: official.auth });
        expect(res.statusCode).toBe(200);
        const playback = JSON.parse(res.body) as Record<string, string | null>;
        const urls = lesson.type === 'video' ? [playback.hlsUrl, playback.posterUrl, playback.mp4Url, playback.captionsUrl] : [playback.fileUrl];
        for (const url of urls) {
          expect(url).toMatch(/^\/api\/media\/stream\//);
          expect((await inject({ method: 'GET', url: url! })).statusCode).toBe(200);
        }
      }

      for (const lesson of lessons) {
        const res = await inject({ method: 'GET', url: `/api/learn/lessons/${lesson.id}`, headers: official.auth });
        expect([lesson.title, res.statusCode]).toEqual([lesson.title, 200]);
      }
      const learning = await inject({ method: 'GET', url: '/api/me/learning', headers: official.auth });
      expect(learning.statusCode).toBe(200);
      expect(learning.body).toContain('ky-nang-so-co-ban');
    } finally {
      await api.shutdown();
    }
  }, 30_000);
});
