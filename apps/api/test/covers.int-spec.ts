import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { catalogCourseSchema, COVER_IMAGE_MAX_BYTES, CourseDetail, courseDetailSchema, myLearningSchema } from '@bdhv/contracts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { Course } from '../src/modules/courses/course.entity';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase, usingMysql } from './helpers/test-app';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The start of a JPEG (SOI + APP0 JFIF): what the content check looks at. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 0x20), Buffer.from([0xff, 0xd9])]);

/** A multipart/form-data body with one file, as a browser's FormData would send it. */
async function multipart(fileName: string, content: Buffer, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([content]), fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

describe(`course covers (${usingMysql ? 'MariaDB' : 'SQLite'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let owner: SignedInUser;
  let stranger: SignedInUser;
  let learner: SignedInUser;
  let course: CourseDetail;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-covers-'));
  const coversDir = path.join(storage, 'covers');

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    api = await startApi(db, { STORAGE_DIR: storage });
    inject = injector(api);
    const orgUnitId = units.get('LS')!.id;
    owner = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Chính' });
    stranger = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId, fullName: 'Giảng Viên Khác' });
    learner = await signedInUser(ds, inject, ['learner'], { orgUnitId, fullName: 'Người Học' });
    course = await create('Khóa học có ảnh bìa');
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  async function create(title: string): Promise<CourseDetail> {
    const res = await inject({ method: 'POST', url: '/api/courses', headers: owner.session.auth, payload: { title, summary: 'Giới thiệu' } });
    expect(res.statusCode).toBe(201);
    return courseDetailSchema.parse(JSON.parse(res.body));
  }
  const upload = async (who: SignedInUser, courseId: string, fileName: string, content: Buffer, field = 'file') => {
    const body = await multipart(fileName, content, field);
    return inject({ method: 'POST', url: `/api/courses/${courseId}/cover`, headers: { ...who.session.auth, ...body.headers }, payload: body.payload });
  };
  const files = () => (fs.existsSync(coversDir) ? fs.readdirSync(coversDir).sort() : []);

  let firstUrl: string;

  it('accepts a real PNG, stores it under a random name and answers the course with its public URL', async () => {
    const res = await upload(owner, course.id, 'anh-bia.png', PNG);
    expect(res.statusCode).toBe(200);
    const detail = courseDetailSchema.parse(JSON.parse(res.body));
    expect(detail.coverUrl).toMatch(/^\/api\/covers\/[a-f0-9]{32}\.png$/);
    expect(detail.coverImageKey).toBe(`covers/${detail.coverUrl!.split('/').pop()}`);
    expect(files()).toEqual([detail.coverUrl!.split('/').pop()]);
    firstUrl = detail.coverUrl!;
  });

  it('serves the cover publicly, with its type, a long cache lifetime and nosniff', async () => {
    const res = await inject({ method: 'GET', url: firstUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PNG)).toBe(true);
  });

  it('shows the cover URL in the authoring list', async () => {
    const res = await inject({ method: 'GET', url: '/api/courses', headers: owner.session.auth });
    const item = JSON.parse(res.body).items.find((c: { id: string }) => c.id === course.id);
    expect(item.coverUrl).toBe(firstUrl);
  });

  it('replaces the cover and deletes the previous file', async () => {
    const res = await upload(owner, course.id, 'anh-moi.jpg', JPEG);
    expect(res.statusCode).toBe(200);
    const detail = courseDetailSchema.parse(JSON.parse(res.body));
    expect(detail.coverUrl).toMatch(/^\/api\/covers\/[a-f0-9]{32}\.jpg$/);
    expect(files()).toEqual([detail.coverUrl!.split('/').pop()]);
    expect((await inject({ method: 'GET', url: firstUrl })).statusCode).toBe(404);
    const jpeg = await inject({ method: 'GET', url: detail.coverUrl! });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    firstUrl = detail.coverUrl!;
  });

  it('refuses a text file named .png (415), an oversized image (413) and a request that is not multipart (415)', async () => {
    const text = await upload(owner, course.id, 'anh-bia.png', Buffer.from('Đây là văn bản, không phải ảnh.\n'.repeat(10)));
    expect(text.statusCode).toBe(415);
    expect(JSON.parse(text.body)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/JPEG, PNG hoặc WebP/) });
    const svg = await upload(owner, course.id, 'anh.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.statusCode).toBe(415);
    // Far over (refused from Content-Length) and one byte over (refused while streaming).
    for (const extra of [COVER_IMAGE_MAX_BYTES, COVER_IMAGE_MAX_BYTES - PNG.length + 1]) {
      const big = await upload(owner, course.id, 'lon.png', Buffer.concat([PNG, Buffer.alloc(extra)]));
      expect({ extra, status: big.statusCode }).toEqual({ extra, status: 413 });
      expect(JSON.parse(big.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/Ảnh bìa quá lớn: tối đa 2 MB/) });
    }
    const json = await inject({ method: 'POST', url: `/api/courses/${course.id}/cover`, headers: owner.session.auth, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const wrongField = await upload(owner, course.id, 'anh.png', PNG, 'anh');
    expect(wrongField.statusCode).toBe(400);
    // Nothing was kept from the refused uploads, and the cover is unchanged.
    expect(files()).toEqual([firstUrl.split('/').pop()]);
    expect((await ds.getRepository(Course).findOneByOrFail({ id: course.id })).coverImageKey).toBe(`covers/${firstUrl.split('/').pop()}`);
  });

  it('lets only the course managers change the cover', async () => {
    expect((await upload(stranger, course.id, 'x.png', PNG)).statusCode).toBe(404);
    expect((await upload(learner, course.id, 'x.png', PNG)).statusCode).toBe(403);
    expect((await inject({ method: 'DELETE', url: `/api/courses/${course.id}/cover`, headers: stranger.session.auth })).statusCode).toBe(404);
    expect(files()).toHaveLength(1);
  });

  it('serves only stored cover names', async () => {
    for (const name of ['..%2f..%2fsecrets.json', 'abc.png', `${'A'.repeat(32)}.png`, `${'a'.repeat(32)}.svg`, `${'a'.repeat(32)}.png`, '%2e%2e%2fcovers']) {
      const res = await inject({ method: 'GET', url: `/api/covers/${name}` });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 404 });
    }
  });

  it('shows the cover URL to learners in the catalog and in My learning', async () => {
    const published = await create('Khóa học xuất bản có ảnh bìa');
    await upload(owner, published.id, 'bia.png', PNG);
    await ds.getRepository(Course).update(published.id, { status: 'published', publishedAt: new Date() });
    const outline = catalogCourseSchema.parse(JSON.parse((await inject({ method: 'GET', url: `/api/catalog/${published.slug}`, headers: learner.session.auth })).body));
    expect(outline.coverUrl).toMatch(/^\/api\/covers\/[a-f0-9]{32}\.png$/);
    expect((await inject({ method: 'POST', url: `/api/courses/${published.id}/enrol`, headers: learner.session.auth })).statusCode).toBe(201);
    const mine = myLearningSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/me/learning', headers: learner.session.auth })).body));
    expect(mine.items.find((i) => i.courseId === published.id)?.course.coverUrl).toBe(outline.coverUrl);
  });

  it('removes the cover (DELETE) and its file; deleting a draft course removes its cover file', async () => {
    const before = files();
    const res = await inject({ method: 'DELETE', url: `/api/courses/${course.id}/cover`, headers: owner.session.auth });
    expect(res.statusCode).toBe(200);
    expect(courseDetailSchema.parse(JSON.parse(res.body))).toMatchObject({ coverUrl: null, coverImageKey: null });
    expect(files()).toEqual(before.filter((f) => f !== firstUrl.split('/').pop()));
    expect((await inject({ method: 'GET', url: firstUrl })).statusCode).toBe(404);

    const draft = await create('Nháp có ảnh bìa');
    const withCover = courseDetailSchema.parse(JSON.parse((await upload(owner, draft.id, 'bia.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(52)]))).body));
    expect(withCover.coverUrl).toMatch(/\.webp$/);
    const file = withCover.coverUrl!.split('/').pop()!;
    expect(files()).toContain(file);
    expect((await inject({ method: 'DELETE', url: `/api/courses/${draft.id}`, headers: owner.session.auth })).statusCode).toBe(204);
    expect(files()).not.toContain(file);
  });

  describe('pictures inside text lessons', () => {
    const uploadImage = async (who: SignedInUser, courseId: string, fileName: string, content: Buffer) => {
      const body = await multipart(fileName, content);
      return inject({ method: 'POST', url: `/api/courses/${courseId}/images`, headers: { ...who.session.auth, ...body.headers }, payload: body.payload });
    };

    it('stores a picture and answers its public URL, which a text lesson keeps through sanitizing', async () => {
      const c = await create('Khóa học có hình minh họa');
      const res = await uploadImage(owner, c.id, 'hinh-minh-hoa.png', PNG);
      expect(res.statusCode).toBe(201);
      const { url } = JSON.parse(res.body) as { url: string };
      expect(url).toMatch(/^\/api\/covers\/[a-f0-9]{32}\.png$/);
      expect((await inject({ method: 'GET', url })).rawPayload.equals(PNG)).toBe(true);
      // The course's cover is untouched.
      expect((await ds.getRepository(Course).findOneByOrFail({ id: c.id })).coverImageKey).toBeNull();

      const moduleId = c.modules[0]?.id ?? courseDetailSchema.parse(JSON.parse((await inject({ method: 'POST', url: `/api/courses/${c.id}/modules`, headers: owner.session.auth, payload: { title: 'Chương 1' } })).body)).modules[0].id;
      const html = `<p>Biểu tượng ổ khóa:</p><img src="${url}" alt="Ổ khóa trên thanh địa chỉ" onerror="alert(1)">`;
      const lesson = await inject({ method: 'POST', url: `/api/courses/${c.id}/modules/${moduleId}/lessons`, headers: owner.session.auth, payload: { title: 'Đọc', type: 'text', textHtml: html } });
      expect(lesson.statusCode).toBe(201);
      const text = courseDetailSchema.parse(JSON.parse(lesson.body)).modules[0].lessons.at(-1)!.textHtml!;
      expect(text).toContain(`<img src="${url}" alt="Ổ khóa trên thanh địa chỉ"`);
      expect(text).not.toContain('onerror');
    });

    it('refuses a disguised file (415) and callers who do not manage the course', async () => {
      const c = await create('Khóa học hình ảnh bị từ chối');
      const before = files();
      const fake = await uploadImage(owner, c.id, 'anh.png', Buffer.from('<html><script>alert(1)</script></html>'));
      expect(fake.statusCode).toBe(415);
      expect(JSON.parse(fake.body).message).toMatch(/Hình ảnh phải là tệp JPEG, PNG hoặc WebP/);
      expect((await uploadImage(stranger, c.id, 'x.png', PNG)).statusCode).toBe(404);
      expect((await uploadImage(learner, c.id, 'x.png', PNG)).statusCode).toBe(403);
      expect(files()).toEqual(before);
    });
  });
});
