import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CourseDetail, courseDetailSchema, mediaAssetSchema } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { MediaAsset } from '../src/modules/media/media-asset.entity';
import { UPLOAD_SWEEP_SCHEDULE } from '../src/modules/media/media.processor';
import { SchedulerService } from '../src/queue/scheduler.service';
import { MediaService } from '../src/modules/media/media.service';
import { createMediaAsset } from './factories/learning.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, startWorker, TestDatabase, usingMysql, usingRedis, waitFor } from './helpers/test-app';

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const HOUR = 3600_000;

/** A multipart/form-data body with one file, as a browser's FormData would send it. */
async function multipart(fileName: string, content: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([content]), fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

describe(`media lifecycle: publishing checks, abandoned uploads (${usingMysql ? 'MariaDB' : 'SQLite'} + ${usingRedis ? 'BullMQ worker' : 'inline queue'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let worker: Booted<unknown> | null = null;
  let inject: ReturnType<typeof injector>;
  let owner: SignedInUser;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-media-life-'));
  const uploads = path.join(storage, 'media/uploads');

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    const env = { QUEUE_PREFIX: `bdhvtest_medialife_${process.pid}`, STORAGE_DIR: storage, MEDIA_UPLOAD_ABANDON_HOURS: '24' };
    api = await startApi(db, env);
    if (usingRedis) worker = await startWorker(db, env);
    inject = injector(api);
    owner = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: units.get('LS')!.id, fullName: 'Giảng Viên Chính' });
  }, 60_000);
  afterAll(async () => {
    await worker?.shutdown();
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, status = 200): Promise<CourseDetail> => {
    const res = await inject({ method, url, headers: owner.session.auth, ...(payload ? { payload } : {}) });
    expect({ url, status: res.statusCode, body: res.statusCode === status ? '' : res.body }).toEqual({ url, status, body: '' });
    return courseDetailSchema.parse(JSON.parse(res.body));
  };

  describe('publishing', () => {
    let course: CourseDetail;
    let videoId: string;
    let fileId: string;
    const publish = () => inject({ method: 'POST', url: `/api/courses/${course.id}/publish`, headers: owner.session.auth });
    const errors = async () => {
      const res = await publish();
      expect(res.statusCode).toBe(400);
      return JSON.parse(res.body).errors as { field: string; message: string }[];
    };

    beforeAll(async () => {
      course = await ok('POST', '/api/courses', { title: 'Dịch vụ công', summary: 'Nộp hồ sơ trực tuyến' }, 201);
      course = await ok('POST', `/api/courses/${course.id}/modules`, { title: 'Chương 1' }, 201);
      course = await ok('POST', `/api/courses/${course.id}/modules/${course.modules[0].id}/lessons`, { title: 'Bài giảng video', type: 'video' }, 201);
      course = await ok('POST', `/api/courses/${course.id}/modules/${course.modules[0].id}/lessons`, { title: 'Biểu mẫu', type: 'attachment' }, 201);
      [videoId, fileId] = course.modules[0].lessons.map((l) => l.id);
    });

    it('refuses while the video is processing, saying so', async () => {
      await createMediaAsset(ds, { ownerId: owner.id, courseId: course.id, lessonId: videoId, status: 'processing' });
      const list = await errors();
      expect(list.map((e) => e.field)).toEqual(['modules.0.lessons.0.mediaId', 'modules.0.lessons.1.attachmentKey']);
      expect(list[0].message).toBe('Video của bài học "Bài giảng video" vẫn đang được xử lý. Hãy đợi xử lý xong rồi xuất bản.');
      expect(list[1].message).toBe('Bài học "Biểu mẫu" chưa có tệp đính kèm.');
    });

    it('refuses a failed video, asking for a new upload and giving the reason', async () => {
      await createMediaAsset(ds, { ownerId: owner.id, courseId: course.id, lessonId: videoId, status: 'failed', error: 'Tệp không phải là video hợp lệ.' });
      const [video] = await errors();
      expect(video).toEqual({ field: 'modules.0.lessons.0.mediaId', message: 'Video của bài học "Bài giảng video" xử lý không thành công, cần tải video lên lại. Lý do: Tệp không phải là video hợp lệ.' });
    });

    it('refuses an attachment whose file is gone', async () => {
      await createMediaAsset(ds, { ownerId: owner.id, courseId: course.id, lessonId: videoId, status: 'ready' });
      // An attachment row whose file was never written.
      await createMediaAsset(ds, { ownerId: owner.id, courseId: course.id, lessonId: fileId, kind: 'attachment' });
      const list = await errors();
      expect(list).toEqual([{ field: 'modules.0.lessons.1.attachmentKey', message: 'Tệp đính kèm của bài học "Biểu mẫu" không còn trên máy chủ, cần tải tệp lên lại.' }]);
    });

    it('publishes once the video is ready and the attachment uploaded', async () => {
      const body = await multipart('bieu-mau.pdf', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'));
      const up = await inject({ method: 'POST', url: `/api/media/attachments?courseId=${course.id}`, headers: { ...owner.session.auth, ...body.headers }, payload: body.payload });
      expect(up.statusCode).toBe(201);
      const asset = mediaAssetSchema.parse(JSON.parse(up.body));
      await ok('POST', `/api/courses/${course.id}/lessons/${fileId}/media`, { mediaId: asset.id });
      const res = await publish();
      expect({ status: res.statusCode, body: res.statusCode === 200 ? '' : res.body }).toEqual({ status: 200, body: '' });
      expect(courseDetailSchema.parse(JSON.parse(res.body)).status).toBe('published');
    });
  });

  describe('abandoned uploads', () => {
    let courseId: string;
    const create = async (length: number) => {
      const res = await inject({
        method: 'POST',
        url: '/api/media/uploads',
        headers: { ...owner.session.auth, ...TUS, 'upload-length': String(length), 'upload-metadata': `filename ${b64('bai.mp4')},courseId ${b64(courseId)}` },
      });
      expect(res.statusCode).toBe(201);
      return res.headers.location as string;
    };
    const send = async (location: string, bytes: Buffer, offset = 0) => {
      const res = await inject({ method: 'PATCH', url: location, headers: { ...owner.session.auth, ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, payload: bytes });
      expect(res.statusCode).toBe(204);
    };
    const idOf = (location: string) => location.split('/').pop()!;
    /** Pretends nothing happened to an upload for `hours`: its row was created and its file last written that long ago. */
    const age = async (id: string, hours: number) => {
      const then = new Date(Date.now() - hours * HOUR);
      await ds.createQueryBuilder().update(MediaAsset).set({ createdAt: then, updatedAt: then }).where('id = :id', { id }).execute();
      for (const ext of ['part', 'json']) {
        const file = path.join(uploads, `${id}.${ext}`);
        if (fs.existsSync(file)) fs.utimesSync(file, then, then);
      }
    };
    const exists = (id: string) => ds.getRepository(MediaAsset).existsBy({ id });
    const filesOf = (id: string) => ['part', 'json'].filter((ext) => fs.existsSync(path.join(uploads, `${id}.${ext}`)));

    beforeAll(async () => {
      courseId = (await ok('POST', '/api/courses', { title: 'Khóa học tải lên' }, 201)).id;
    });

    it('deletes uploads idle for longer than the limit, with their partial files, and nothing else', async () => {
      const abandoned = idOf(await create(1000));
      await send(`/api/media/uploads/${abandoned}`, Buffer.alloc(300, 1));
      const neverStarted = idOf(await create(1000));
      const recent = idOf(await create(1000));
      await send(`/api/media/uploads/${recent}`, Buffer.alloc(300, 1));
      // Created long ago but written to a minute ago: still in use.
      const resumed = idOf(await create(1000));
      await send(`/api/media/uploads/${resumed}`, Buffer.alloc(300, 1));
      // Processing keeps its original in uploads/ (the transcoder reads it): never swept.
      const processing = await createMediaAsset(ds, { ownerId: owner.id, courseId, status: 'processing' });
      fs.writeFileSync(path.join(uploads, `${processing.id}.part`), 'video');
      // Files of an upload whose row never came to be.
      const orphan = randomUUID();
      fs.writeFileSync(path.join(uploads, `${orphan}.part`), 'x');
      fs.writeFileSync(path.join(uploads, `${orphan}.json`), '{}');
      const freshOrphan = randomUUID();
      fs.writeFileSync(path.join(uploads, `${freshOrphan}.part`), 'x');

      await age(abandoned, 25);
      await age(neverStarted, 30);
      await age(recent, 23);
      await age(resumed, 48);
      fs.utimesSync(path.join(uploads, `${resumed}.part`), new Date(), new Date(Date.now() - 60_000));
      await age(processing.id, 100);
      await age(orphan, 25);

      const media = api.app.get(MediaService);
      // Two sweeps at once (in one process they queue; across processes the guarded delete has one winner).
      const results = await Promise.all([media.sweepAbandonedUploads(), media.sweepAbandonedUploads()]);
      expect(results.map((r) => r.removed).sort()).toEqual([0, 2]);

      for (const id of [abandoned, neverStarted]) {
        expect({ id, row: await exists(id), files: filesOf(id) }).toEqual({ id, row: false, files: [] });
      }
      for (const id of [recent, resumed, processing.id]) {
        expect({ id, row: await exists(id), files: filesOf(id).includes('part') }).toEqual({ id, row: true, files: true });
      }
      expect(filesOf(orphan)).toEqual([]);
      expect(filesOf(freshOrphan)).toEqual(['part']);
      // The client resuming a swept upload learns it is gone and starts over.
      const head = await inject({ method: 'HEAD', url: `/api/media/uploads/${abandoned}`, headers: { ...owner.session.auth, ...TUS } });
      expect(head.statusCode).toBe(404);
      // The uploads still in progress continue.
      await send(`/api/media/uploads/${recent}`, Buffer.alloc(100, 1), 300);
    });

    it('runs as an hourly scheduled job', async () => {
      const abandoned = idOf(await create(1000));
      await send(`/api/media/uploads/${abandoned}`, Buffer.alloc(10, 1));
      await age(abandoned, 26);
      const scheduler = api.app.get(SchedulerService);
      expect(scheduler.list().find((s) => s.id === UPLOAD_SWEEP_SCHEDULE)).toMatchObject({ queue: 'domain', timing: { every: HOUR } });
      // This hour's run happened when the API started; run the schedule's job now instead of waiting an hour.
      await scheduler.runNow(UPLOAD_SWEEP_SCHEDULE);
      await waitFor(async () => !(await exists(abandoned)));
      await waitFor(async () => filesOf(abandoned).length === 0);
    });
  });
});
