import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { apiErrorSchema, courseDetailSchema } from '@bdhv/contracts';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { CourseModule } from '../src/modules/courses/course-module.entity';
import { Course } from '../src/modules/courses/course.entity';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { createCourse } from './factories/learning.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase, usingMysql } from './helpers/test-app';
import { fileDigests, tableDigests } from './helpers/snapshots';

/**
 * Issue 8, points 6–9: what got through when the API was attacked as a careless client would, and is
 * now refused in the one error shape. Run on SQLite and on MariaDB (CI sets DATABASE_URL), where
 * `utf8mb4_unicode_ci` made the id aliases reach real records.
 */

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const IDLE_MS = 400;

type Response = { statusCode: number; headers: Record<string, unknown>; body: string };

function expectError(res: Response, status: number, code: string) {
  expect({ status: res.statusCode, body: res.body.slice(0, 300) }).toEqual({ status, body: expect.any(String) });
  const body = apiErrorSchema.parse(JSON.parse(res.body));
  expect(body).toMatchObject({ statusCode: status, code });
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body;
}

/** A multipart/form-data body with one file, as a browser's FormData would send it. */
async function multipart(fileName: string, content: Buffer, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([content]), fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

/** The same body without its closing boundary (`\r\n--<boundary>--\r\n`). */
async function unterminated(fileName: string, content: Buffer) {
  const body = await multipart(fileName, content);
  const boundary = /boundary=(.+)$/.exec(body.contentType)![1];
  const end = body.payload.lastIndexOf(`\r\n--${boundary}--`);
  return { ...body, payload: body.payload.subarray(0, end) };
}

/** Sends raw bytes on a socket and reads the answer until the server closes or `timeoutMs` passes. */
function rawExchange(port: number, chunks: (string | Buffer)[], opts: { keepOpen?: boolean; timeoutMs?: number } = {}) {
  return new Promise<{ status: number; headers: Record<string, string>; body: string; elapsedMs: number }>((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length']);
      const body = rest.join('\r\n\r\n');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Number.isFinite(length) ? Buffer.from(body).subarray(0, length).toString() : body, elapsedMs: Date.now() - started });
      socket.destroy();
    };
    const timer = setTimeout(done, opts.timeoutMs ?? 5000);
    socket.on('data', (d) => {
      received.push(d);
      // A complete answer: head and as many body bytes as announced.
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(text.slice(0, split));
      if (split >= 0 && length && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1])) done();
    });
    socket.on('end', done);
    socket.on('error', (err) => (received.length ? done() : reject(err)));
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      if (!opts.keepOpen) socket.end();
    });
  });
}

jest.setTimeout(60_000);

describe(`HTTP hardening (${usingMysql ? 'MariaDB' : 'SQLite'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let port: number;
  let admin: SignedInUser;
  let trainer: SignedInUser;
  let commune: OrgUnit;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-harden-'));

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    api = await startApi(db, { STORAGE_DIR: storage, UPLOAD_IDLE_TIMEOUT_MS: String(IDLE_MS) });
    inject = injector(api);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.getHttpServer().address() as net.AddressInfo).port;
    const root = units.get('LS')!;
    commune = units.get('X-MAUSON')!;
    admin = await signedInUser(ds, inject, ['admin'], { orgUnitId: root.id });
    trainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: root.id });
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  describe('ids with trailing bytes or another spelling never reach a record (point 6)', () => {
    /** What MariaDB's collation used to treat as the same id. */
    const aliases = (id: string) => [`${id}%00`, `${id}%20`, `${id}%E2%80%8B`, id.toUpperCase()];
    let published: Course;
    let draft: Course;
    let moduleId: string;
    let coverKey: string;

    beforeAll(async () => {
      published = (await createCourse(ds, { ownerId: trainer.id, status: 'published' })).course;
      const created = await createCourse(ds, { ownerId: trainer.id, status: 'draft' });
      draft = created.course;
      moduleId = created.lessons[0].moduleId;
      const { payload, contentType } = await multipart('bia.png', PNG);
      const res = await inject({ method: 'POST', url: `/api/courses/${draft.id}/cover`, headers: { ...trainer.session.auth, 'content-type': contentType }, payload });
      coverKey = courseDetailSchema.parse(JSON.parse(res.body)).coverImageKey!;
    });

    it('refuses path aliases with 404 naming the parameter, and changes nothing', async () => {
      const tables = await tableDigests(ds);
      const files = fileDigests(storage);
      const user = admin.session.auth;
      const owner = trainer.session.auth;
      for (const [label, method, url, auth, payload] of [
        ['read a course', 'GET', (a: string) => `/api/courses/${a}`, owner],
        ['archive a published course', 'POST', (a: string) => `/api/courses/${a}/archive`, owner],
        ['publish a draft', 'POST', (a: string) => `/api/courses/${a}/publish`, owner],
        ['delete a cover', 'DELETE', (a: string) => `/api/courses/${a}/cover`, owner],
        ['rename a module', 'PATCH', (a: string) => `/api/courses/${draft.id}/modules/${a}`, owner, { title: 'Đổi tên qua bí danh' }],
        ['rename a commune', 'PATCH', (a: string) => `/api/org-units/${a}`, user, { name: 'Xã Đổi Tên' }],
        ['force a password reset', 'POST', (a: string) => `/api/users/${a}/force-reset`, user],
      ] as const) {
        const target = { 'read a course': published.id, 'archive a published course': published.id, 'publish a draft': draft.id, 'delete a cover': draft.id, 'rename a module': moduleId, 'rename a commune': commune.id, 'force a password reset': trainer.id }[label];
        for (const alias of aliases(target)) {
          const res = await inject({ method, url: url(alias), headers: auth, ...(payload ? { payload } : {}) });
          expect({ label, alias, status: res.statusCode }).toEqual({ label, alias, status: 404 });
          const body = expectError(res, 404, 'NOT_FOUND');
          expect(body.errors?.[0]?.field).toBe(label === 'rename a module' ? 'moduleId' : 'id');
        }
      }
      expect(await tableDigests(ds)).toEqual(tables);
      expect(fileDigests(storage)).toEqual(files);
      expect((await ds.getRepository(Course).findOneByOrFail({ id: draft.id })).coverImageKey).toBe(coverKey);
    });

    it('refuses aliases in bodies, queries and upload metadata with 400 naming the field (they used to end in 500 on MariaDB)', async () => {
      const tables = await tableDigests(ds);
      const [lesson] = (await createCourse(ds, { ownerId: trainer.id, status: 'draft', modules: [[{ type: 'attachment' }]] })).lessons;
      const before = await tableDigests(ds);
      for (const alias of [`${admin.id}\u0000`, `${admin.id} `, `${admin.id}\u200b`, admin.id.toUpperCase()]) {
        const coOwner = await inject({ method: 'POST', url: `/api/courses/${draft.id}/owners`, headers: trainer.session.auth, payload: { userId: alias } });
        expect(expectError(coOwner, 400, 'VALIDATION_FAILED').errors).toEqual([expect.objectContaining({ field: 'userId' })]);
        const assign = await inject({ method: 'POST', url: `/api/courses/${published.id}/assignments`, headers: admin.session.auth, payload: { orgUnitId: alias.replace(admin.id, commune.id) } });
        expect(expectError(assign, 400, 'VALIDATION_FAILED').errors).toEqual([expect.objectContaining({ field: 'orgUnitId' })]);
        const attach = await inject({ method: 'POST', url: `/api/courses/${lesson.courseId}/lessons/${lesson.id}/media`, headers: trainer.session.auth, payload: { mediaId: alias } });
        expect(expectError(attach, 400, 'VALIDATION_FAILED').errors).toEqual([expect.objectContaining({ field: 'mediaId' })]);
        const { payload, contentType } = await multipart('tai-lieu.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
        const attachment = await inject({ method: 'POST', url: `/api/media/attachments?courseId=${encodeURIComponent(alias.replace(admin.id, lesson.courseId))}`, headers: { ...trainer.session.auth, 'content-type': contentType }, payload });
        expect(expectError(attachment, 400, 'VALIDATION_FAILED').errors).toEqual([expect.objectContaining({ field: 'courseId' })]);
        const tus = await inject({
          method: 'POST',
          url: '/api/media/uploads',
          headers: { ...trainer.session.auth, 'tus-resumable': '1.0.0', 'upload-length': '1000', 'upload-metadata': `filename ${Buffer.from('a.mp4').toString('base64')},lessonId ${Buffer.from(alias.replace(admin.id, lesson.id)).toString('base64')}` },
        });
        expect(expectError(tus, 400, 'VALIDATION_FAILED').errors).toEqual([expect.objectContaining({ field: 'lessonId' })]);
      }
      expect(await tableDigests(ds)).toEqual(before);
      expect(Object.keys(fileDigests(storage))).toEqual(Object.keys(fileDigests(storage)).filter((f) => f.startsWith('covers/')));
      expect(Object.keys(before)).toEqual(Object.keys(tables));
    });

    it('refuses malformed slugs, cover names and stream tokens the same way', async () => {
      for (const slug of [`${published.slug}%00`, `${published.slug}%20`, `${published.slug}%E2%80%8B`, published.slug.toUpperCase()]) {
        expectError(await inject({ method: 'GET', url: `/api/catalog/${slug}`, headers: trainer.session.auth }), 404, 'NOT_FOUND');
      }
      const file = coverKey.split('/')[1];
      expect((await inject({ method: 'GET', url: `/api/covers/${file}` })).statusCode).toBe(200);
      expectError(await inject({ method: 'GET', url: `/api/covers/${file}%00` }), 404, 'NOT_FOUND');
      expectError(await inject({ method: 'GET', url: `/api/media/stream/khong-hop-le/master.m3u8` }), 404, 'NOT_FOUND');
    });

    it('still asks who is calling first: an anonymous alias is 401', async () => {
      expectError(await inject({ method: 'POST', url: `/api/courses/${published.id}%00/archive` }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('multipart uploads end in a clear 400, quickly, and leave nothing on disk (point 7)', () => {
    let course: Course;
    const routes = () => [
      { label: 'import', url: '/api/imports', auth: admin.session.auth, fileName: 'danh-sach.csv', content: Buffer.from('full_name,phone,email,unit_code,audiences,position,citizen_id\n') },
      { label: 'cover', url: `/api/courses/${course.id}/cover`, auth: trainer.session.auth, fileName: 'bia.png', content: PNG },
      { label: 'lesson picture', url: `/api/courses/${course.id}/images`, auth: trainer.session.auth, fileName: 'hinh.png', content: PNG },
      { label: 'attachment', url: `/api/media/attachments?courseId=${course.id}`, auth: trainer.session.auth, fileName: 'tai-lieu.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ];
    let files: Record<string, string>;
    let tables: Record<string, string>;

    beforeAll(async () => {
      course = (await createCourse(ds, { ownerId: trainer.id, status: 'draft' })).course;
    });
    beforeEach(async () => {
      files = fileDigests(storage);
      tables = await tableDigests(ds);
    });
    afterEach(async () => {
      // Give a discarded staging file the moment its removal takes.
      await new Promise((r) => setTimeout(r, 50));
      expect(fileDigests(storage)).toEqual(files);
      expect(await tableDigests(ds)).toEqual(tables);
    });

    it('a multipart body without a boundary is 400 (it was 500)', async () => {
      for (const route of routes()) {
        const { payload } = await multipart(route.fileName, route.content);
        const res = await inject({ method: 'POST', url: route.url, headers: { ...route.auth, 'content-type': 'multipart/form-data' }, payload });
        expect({ route: route.label, status: res.statusCode }).toEqual({ route: route.label, status: 400 });
        expect(expectError(res, 400, 'BAD_REQUEST').message).toMatch(/boundary/);
      }
    });

    it('a body that ends before its closing boundary is 400 at once (it hung)', async () => {
      for (const route of routes()) {
        const { payload, contentType } = await unterminated(route.fileName, route.content);
        const started = Date.now();
        const res = await inject({ method: 'POST', url: route.url, headers: { ...route.auth, 'content-type': contentType }, payload });
        expect({ route: route.label, status: res.statusCode }).toEqual({ route: route.label, status: 400 });
        expect(expectError(res, 400, 'BAD_REQUEST').message).toMatch(/gián đoạn/);
        expect(Date.now() - started).toBeLessThan(IDLE_MS);
      }
    });

    it('a sender that stops before the closing boundary is answered 400 after the idle timeout, on a real connection', async () => {
      for (const route of routes()) {
        const { payload, contentType } = await multipart(route.fileName, Buffer.concat([route.content, Buffer.alloc(4000, 0x20)]));
        const head = `POST ${route.url} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${route.auth.authorization}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`;
        const res = await rawExchange(port, [head, payload.subarray(0, payload.length - 200)], { keepOpen: true, timeoutMs: 5000 });
        expect({ route: route.label, status: res.status }).toEqual({ route: route.label, status: 400 });
        expect(apiErrorSchema.parse(JSON.parse(res.body))).toMatchObject({ code: 'BAD_REQUEST', requestId: res.headers['x-request-id'] });
        expect(res.headers['connection']).toBe('close');
        expect(res.elapsedMs).toBeGreaterThanOrEqual(IDLE_MS - 50);
        expect(res.elapsedMs).toBeLessThan(IDLE_MS + 2000);
      }
    });

    it('a sender that disconnects half-way leaves nothing behind', async () => {
      for (const route of routes()) {
        const { payload, contentType } = await multipart(route.fileName, Buffer.concat([route.content, Buffer.alloc(64 * 1024, 0x20)]));
        const head = `POST ${route.url} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${route.auth.authorization}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`;
        const socket = net.connect(port, '127.0.0.1');
        await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
        socket.write(head);
        socket.write(payload.subarray(0, payload.length / 2));
        await new Promise((r) => setTimeout(r, 100));
        socket.destroy();
        await new Promise((r) => setTimeout(r, 150));
      }
    });

    it('a complete upload still works (control)', async () => {
      const { payload, contentType } = await multipart('hinh.png', PNG);
      const res = await inject({ method: 'POST', url: `/api/courses/${course.id}/images`, headers: { ...trainer.session.auth, 'content-type': contentType }, payload });
      expect(res.statusCode).toBe(201);
      // The new picture is the only change.
      const added = Object.keys(fileDigests(storage)).filter((f) => !(f in files));
      expect(added).toEqual([expect.stringMatching(/^covers\/[a-f0-9]{32}\.png$/)]);
      files = fileDigests(storage);
    });
  });

  describe('only JSON (and the declared upload types) are read: form posts are 415 (point 8)', () => {
    it('refuses HTML form encodings on JSON routes, before anything is done', async () => {
      const tables = await tableDigests(ds);
      const course = (await createCourse(ds, { ownerId: trainer.id, status: 'draft' })).course;
      const moduleRow = await ds.getRepository(CourseModule).findOneByOrFail({ courseId: course.id });
      const after = await tableDigests(ds);
      const cases = [
        { label: 'register', method: 'POST', url: '/api/auth/register', form: `fullName=Nguyen+Van+A&phone=0912999888&password=MatKhau%40123&orgUnitId=${commune.id}` },
        { label: 'forgot password', method: 'POST', url: '/api/auth/forgot-password', form: `identifier=${encodeURIComponent(admin.email!)}` },
        { label: 'telemetry', method: 'POST', url: '/api/telemetry/client-errors', form: 'message=x&url=%2F' },
        { label: 'create a unit', method: 'POST', url: '/api/org-units', auth: admin.session.auth, form: `code=X-MOI&name=Xa+Moi&kind=commune&parentId=${commune.parentId}` },
        { label: 'rename a module', method: 'PATCH', url: `/api/courses/${course.id}/modules/${moduleRow.id}`, auth: trainer.session.auth, form: 'title=Ten+moi' },
      ] as const;
      for (const c of cases) {
        for (const [type, payload] of [
          ['application/x-www-form-urlencoded', c.form],
          ['text/plain', c.form],
          ['multipart/form-data; boundary=xyz', `--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nTen moi\r\n--xyz--\r\n`],
        ] as const) {
          const res = await inject({ method: c.method, url: c.url, headers: { ...('auth' in c ? c.auth : {}), 'content-type': type }, payload });
          expect({ route: c.label, type, status: res.statusCode }).toEqual({ route: c.label, type, status: 415 });
          expect(expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toMatch(/application\/json/);
        }
      }
      expect(await tableDigests(ds)).toEqual(after);
      expect(Object.keys(after)).toEqual(Object.keys(tables));
      // Control: the same change as JSON is accepted.
      const json = await inject({ method: 'PATCH', url: `/api/courses/${course.id}/modules/${moduleRow.id}`, headers: trainer.session.auth, payload: { title: 'Tên mới' } });
      expect(json.statusCode).toBe(200);
    });

    it('keeps the declared non-JSON types where they are used, and refuses a body without a type', async () => {
      const res = await inject({ method: 'POST', url: '/api/courses', headers: { ...trainer.session.auth, 'content-length': '2' }, payload: '{}' });
      expect([415, 400]).toContain(res.statusCode);
      expectError(res, res.statusCode, res.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'MALFORMED_JSON');
      const vttOnJson = await inject({ method: 'POST', url: '/api/courses', headers: { ...trainer.session.auth, 'content-type': 'text/vtt' }, payload: 'WEBVTT\n' });
      expectError(vttOnJson, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const jsonOnCaptions = await inject({ method: 'POST', url: `/api/media/${trainer.id}/captions`, headers: trainer.session.auth, payload: { text: 'WEBVTT' } });
      expect(expectError(jsonOnCaptions, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toMatch(/text\/vtt/);
    });
  });

  describe('errors raised before the API sees a request have the one shape too (point 9)', () => {
    it('broken percent-encoding in a path is 400', async () => {
      for (const url of ['/api/courses/%E0%A4%A', '/api/courses/%', '/api/catalog/%zz']) {
        expectError(await inject({ method: 'GET', url, headers: trainer.session.auth }), 400, 'BAD_REQUEST');
      }
    });

    it('a path parameter over 100 characters is 414', async () => {
      const res = await inject({ method: 'GET', url: `/api/courses/${'a'.repeat(101)}`, headers: trainer.session.auth });
      expect(expectError(res, 414, 'URI_TOO_LONG').message).toMatch(/100/);
    });

    it('a 20 KB query string is 431, answered by the HTTP parser on a real connection', async () => {
      const res = await rawExchange(port, [`GET /api/catalog?q=${'a'.repeat(20 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`]);
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = apiErrorSchema.parse(JSON.parse(res.body));
      expect(body).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE', requestId: res.headers['x-request-id'] });
    });

    it('a request the HTTP parser cannot read is 400', async () => {
      const res = await rawExchange(port, ['GARBAGE\r\n\r\n']);
      expect(res.status).toBe(400);
      expect(apiErrorSchema.parse(JSON.parse(res.body))).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
    });
  });
});
