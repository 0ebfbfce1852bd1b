import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CourseDetail, mediaAssetSchema, mediaPlaybackSchema } from '@bdhv/contracts';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { Lesson } from '../src/modules/courses/lesson.entity';
import { describeWithFfmpeg } from '../src/common/files/ffmpeg.spec-support';
import { MediaService } from '../src/modules/media/media.service';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, startWorker, TestDatabase, usingRedis, waitFor } from './helpers/test-app';

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

describeWithFfmpeg()('media: resumable upload, processing, playback', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  let inject: ReturnType<typeof injector>;
  let owner: SignedInUser;
  let stranger: SignedInUser;
  let learner: SignedInUser;
  let course: CourseDetail;
  let lessonId: string;
  let tmp: string;
  let clip: Buffer;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-media-'));

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    const env = { QUEUE_PREFIX: `bdhvtest_media_${process.pid}`, STORAGE_DIR: storage, MEDIA_MAX_BYTES: String(5 * 1024 * 1024) };
    api = await startApi(db, env);
    if (usingRedis) worker = await startWorker(db, env);
    inject = injector(api);
    const orgUnitId = units.get('LS')!.id;
    owner = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Chính' });
    stranger = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Khác' });
    learner = await signedInUser(ds, inject, ['learner'], { orgUnitId, fullName: 'Người Học' });
    const post = async (url: string, payload: object) => {
      const res = await inject({ method: 'POST', url, headers: owner.session.auth, payload });
      expect(res.statusCode).toBe(201);
      return JSON.parse(res.body) as CourseDetail;
    };
    course = await post('/api/courses', { title: 'Video bài giảng' });
    course = await post(`/api/courses/${course.id}/modules`, { title: 'Chương 1' });
    course = await post(`/api/courses/${course.id}/modules/${course.modules[0].id}/lessons`, { title: 'Bài video', type: 'video' });
    lessonId = course.modules[0].lessons[0].id;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-clip-'));
    const file = path.join(tmp, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=4:size=640x360:rate=24', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file]);
    clip = fs.readFileSync(file);
  }, 60_000);
  afterAll(async () => {
    await worker?.shutdown();
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const create = (who: SignedInUser, length: number, meta: Record<string, string>) =>
    inject({
      method: 'POST',
      url: '/api/media/uploads',
      headers: { ...who.session.auth, ...TUS, 'upload-length': String(length), 'upload-metadata': Object.entries(meta).map(([k, v]) => `${k} ${b64(v)}`).join(',') },
    });
  const patch = (who: SignedInUser, location: string, offset: number, body: Buffer) =>
    inject({ method: 'PATCH', url: location, headers: { ...who.session.auth, ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, payload: body });
  const status = async (id: string, who = owner) => {
    const res = await inject({ method: 'GET', url: `/api/media/${id}`, headers: who.session.auth });
    return { statusCode: res.statusCode, body: res.statusCode === 200 ? mediaAssetSchema.parse(JSON.parse(res.body)) : JSON.parse(res.body) };
  };

  let assetId: string;
  let playback: ReturnType<typeof mediaPlaybackSchema.parse>;

  it('uploads a video in two parts with an interruption, resuming from the server offset', async () => {
    const created = await create(owner, clip.length, { filename: 'bai-giang.mp4', lessonId });
    expect(created.statusCode).toBe(201);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/api\/media\/uploads\/[0-9a-f-]{36}$/);
    assetId = location.split('/').pop()!;
    const half = Math.floor(clip.length / 2);
    const first = await patch(owner, location, 0, clip.subarray(0, half));
    expect(first.statusCode).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(half));
    // The connection drops; the client asks where to resume.
    const head = await inject({ method: 'HEAD', url: location, headers: { ...owner.session.auth, ...TUS } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(half));
    expect(head.headers['upload-length']).toBe(String(clip.length));
    // A stale offset is refused.
    expect((await patch(owner, location, 0, clip.subarray(0, 10))).statusCode).toBe(409);
    const rest = await patch(owner, location, half, clip.subarray(half));
    expect(rest.statusCode).toBe(204);
    expect(rest.headers['upload-offset']).toBe(String(clip.length));
  });

  it('processes the video: processing → ready, lesson duration set, original deleted', async () => {
    const ready = await waitFor(async () => {
      const s = await status(assetId);
      expect(s.body.status).not.toBe('failed');
      return s.body.status === 'ready' ? s.body : null;
    }, 90_000);
    expect(ready).toMatchObject({ kind: 'video', progress: 100, durationSeconds: 4, renditions: [240, 360], error: null });
    expect(ready.posterUrl).toMatch(/^\/api\/media\/stream\/.+\/hls\/poster\.jpg$/);
    const lesson = await ds.getRepository(Lesson).findOneByOrFail({ id: lessonId });
    expect(lesson).toMatchObject({ mediaId: assetId, durationSeconds: 4 });
    // The original is deleted right after the asset is marked ready (it is kept until then so a retry can start over).
    await waitFor(async () => !fs.existsSync(path.join(storage, 'media/uploads', `${assetId}.part`)), 10_000);
  }, 100_000);

  it('serves signed playback URLs: master lowest first, segments, poster, MP4 ranges', async () => {
    const res = await inject({ method: 'GET', url: `/api/media/${assetId}/playback`, headers: owner.session.auth });
    expect(res.statusCode).toBe(200);
    playback = mediaPlaybackSchema.parse(JSON.parse(res.body));
    expect(playback.hlsUrl).toMatch(/^\/api\/media\/stream\/[^/]+\/hls\/master\.m3u8$/);
    const master = await inject({ method: 'GET', url: playback.hlsUrl! });
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    const variants = master.body.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(variants.length).toBe(2);
    const heights = [...master.body.matchAll(/RESOLUTION=\d+x(\d+)/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    const base = playback.hlsUrl!.replace(/master\.m3u8$/, '');
    const media = await inject({ method: 'GET', url: base + variants[0] });
    expect(media.statusCode).toBe(200);
    const segment = media.body.split('\n').find((l) => l && !l.startsWith('#'))!;
    const variantDir = variants[0].includes('/') ? variants[0].slice(0, variants[0].lastIndexOf('/') + 1) : '';
    const seg = await inject({ method: 'GET', url: base + variantDir + segment });
    expect(seg.statusCode).toBe(200);
    expect(seg.headers['content-type']).toBe('video/mp2t');
    expect(seg.headers['cache-control']).toMatch(/max-age=31536000/);
    const poster = await inject({ method: 'GET', url: playback.posterUrl! });
    expect(poster.headers['content-type']).toBe('image/jpeg');
    const mp4 = await inject({ method: 'GET', url: playback.mp4Url!, headers: { range: 'bytes=0-99' } });
    expect(mp4.statusCode).toBe(206);
    expect(mp4.headers['content-type']).toBe('video/mp4');
    expect(mp4.headers['content-range']).toMatch(/^bytes 0-99\/\d+$/);
    expect(mp4.rawPayload.length).toBe(100);
    // A range outside the file: 416 with the size, in the one error shape.
    const outside = await inject({ method: 'GET', url: playback.mp4Url!, headers: { range: 'bytes=999999999-' } });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
    expect(JSON.parse(outside.body)).toMatchObject({ statusCode: 416, code: 'RANGE_NOT_SATISFIABLE', requestId: outside.headers['x-request-id'] });
  });

  it('refuses tampered or expired tokens and path traversal', async () => {
    const [, , , , token] = playback.hlsUrl!.split('/');
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect((await inject({ method: 'GET', url: playback.hlsUrl!.replace(token, tampered) })).statusCode).toBe(401);
    const expired = api.app.get(MediaService).streamToken(assetId, Date.now() / 1000 - 10);
    expect((await inject({ method: 'GET', url: playback.hlsUrl!.replace(token, expired) })).statusCode).toBe(401);
    // Literal dot segments are resolved by the URL parser before routing (the token is lost: 401).
    for (const dots of ['hls/../../uploads/x.mp4', '%2e%2e/%2e%2e/x.m3u8']) {
      expect([401, 404]).toContain((await inject({ method: 'GET', url: `/api/media/stream/${token}/${dots}` })).statusCode);
    }
    for (const evil of ['..%2f..%2fsecrets.json', '..%2F..%2Fuploads%2Fx.json', 'hls%2f..%2f..%2f..%2fsecrets.json']) {
      const res = await inject({ method: 'GET', url: `/api/media/stream/${token}/${evil}` });
      expect({ evil, status: res.statusCode }).toEqual({ evil, status: 404 });
    }
  });

  it('accepts WebVTT captions and refuses other text', async () => {
    const bad = await inject({ method: 'POST', url: `/api/media/${assetId}/captions`, headers: { ...owner.session.auth, 'content-type': 'text/vtt' }, payload: 'not captions' });
    expect(bad.statusCode).toBe(400);
    const good = await inject({ method: 'POST', url: `/api/media/${assetId}/captions`, headers: { ...owner.session.auth, 'content-type': 'text/vtt' }, payload: 'WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n' });
    expect(good.statusCode).toBe(200);
    const res = await inject({ method: 'GET', url: `/api/media/${assetId}/playback`, headers: owner.session.auth });
    const { captionsUrl } = mediaPlaybackSchema.parse(JSON.parse(res.body));
    const vtt = await inject({ method: 'GET', url: captionsUrl! });
    expect(vtt.headers['content-type']).toMatch(/^text\/vtt/);
    expect(vtt.body).toMatch(/^WEBVTT/);
  });

  it('rejects a text file renamed .mp4 with a clear error', async () => {
    const text = Buffer.from('Đây không phải là video, chỉ là văn bản.\n'.repeat(20));
    const created = await create(owner, text.length, { filename: 'gia-mao.mp4', lessonId });
    const res = await patch(owner, created.headers.location as string, 0, text);
    expect(res.statusCode).toBe(415);
    expect(JSON.parse(res.body).message).toMatch(/không phải là video/);
    const s = await status((created.headers.location as string).split('/').pop()!);
    expect(s.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/không phải là video/) });
    // The lesson keeps its working video.
    expect((await ds.getRepository(Lesson).findOneByOrFail({ id: lessonId })).mediaId).toBe(assetId);
  });

  it('a video that cannot be transcoded fails and leaves no file behind: no partial ladder, no original, no scratch', async () => {
    // An MP4 header (so the upload is taken for a video) over bytes ffmpeg cannot read.
    const broken = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4000, 7)]);
    const created = await create(owner, broken.length, { filename: 'hong.mp4', courseId: course.id });
    const id = (created.headers.location as string).split('/').pop()!;
    expect((await patch(owner, created.headers.location as string, 0, broken)).statusCode).toBe(204);
    const failed = await waitFor(async () => {
      const s = await status(id);
      return s.body.status === 'failed' ? s.body : null;
    }, 60_000);
    expect(failed.error).toBeTruthy();
    const left = (dir: string) => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]) : []);
    expect(left(path.join(storage, 'media', id))).toEqual([]);
    // The original goes right after the asset is marked failed.
    await waitFor(async () => left(path.join(storage, 'media/uploads')).every((f) => !f.startsWith(id)), 10_000);
    expect(left(path.join(storage, '.staging'))).toEqual([]);
  }, 90_000);

  it('refuses an over-size upload with 413', async () => {
    const res = await create(owner, 6 * 1024 * 1024, { filename: 'lon.mp4', lessonId });
    expect(res.statusCode).toBe(413);
    const small = await create(owner, 10, { filename: 'nho.mp4', lessonId });
    const over = await patch(owner, small.headers.location as string, 0, Buffer.alloc(20));
    expect(over.statusCode).toBe(413);
  });

  it('keeps other trainers and learners out', async () => {
    expect((await create(stranger, 100, { filename: 'x.mp4', lessonId })).statusCode).toBe(404);
    expect((await create(stranger, 100, { filename: 'x.mp4', courseId: course.id })).statusCode).toBe(404);
    expect((await create(learner, 100, { filename: 'x.mp4', lessonId })).statusCode).toBe(403);
    const attach = await inject({ method: 'POST', url: `/api/courses/${course.id}/lessons/${lessonId}/media`, headers: stranger.session.auth, payload: { mediaId: assetId } });
    expect(attach.statusCode).toBe(404);
    expect((await status(assetId, stranger)).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: `/api/media/${assetId}/playback`, headers: learner.session.auth })).statusCode).toBe(404);
    const head = await inject({ method: 'HEAD', url: `/api/media/uploads/${assetId}`, headers: { ...stranger.session.auth, ...TUS } });
    expect(head.statusCode).toBe(404);
  });

  it('lets the owner attach an uploaded asset to a lesson', async () => {
    const res = await inject({ method: 'POST', url: `/api/courses/${course.id}/lessons/${lessonId}/media`, headers: owner.session.auth, payload: { mediaId: assetId } });
    expect(res.statusCode).toBe(200);
    const lesson = (JSON.parse(res.body) as CourseDetail).modules[0].lessons[0];
    expect(lesson).toMatchObject({ id: lessonId, durationSeconds: 4 });
  });
});
