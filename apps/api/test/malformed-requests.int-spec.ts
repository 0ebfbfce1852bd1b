import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { apiErrorSchema, courseDetailSchema } from '@bdhv/contracts';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InjectOptions } from 'fastify';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { isIdParam } from '../src/common/http/path-params';
import { SecretsService } from '../src/common/secrets.service';
import { ImportJob } from '../src/modules/imports/import-job.entity';
import { ImportRejection } from '../src/modules/imports/import-rejection.entity';
import { signStreamToken } from '../src/modules/media/stream-token';
import { createCourse, createMediaAsset } from './factories/learning.factory';
import { SignedInUser, signedInUser } from './factories/sessions.factory';
import { seedTree } from './factories/users.factory';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, TestDatabase, usingMysql } from './helpers/test-app';
import { fileDigests, tableDigests } from './helpers/snapshots';

/**
 * Issue 8, "Done means" 3: malformed requests to every route of the OpenAPI document, as every role
 * and anonymously — wrong types, missing and extra fields, bad ids, broken encodings, wrong content
 * types, oversized and truncated bodies. The run fails on any 5xx, on any error outside the one
 * error shape, on any malformed request that is not refused, and on any change to a table or a
 * stored file. Routes are read from the document the API serves, so routes added later are covered
 * without touching this file (path parameters named `id`/`…Id` get real ids where the object kind is
 * known from the path, a fresh UUID otherwise).
 */

jest.setTimeout(300_000);

const LIMIT = 16 * 1024;
/** Fields named like ids that are not object ids: a request id only correlates log lines, it never reaches the database. */
const NOT_OBJECT_IDS = new Set(['requestId']);

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: string;
  /** OpenAPI template, e.g. `/api/courses/{id}/modules/{moduleId}`. */
  template: string;
  params: Parameter[];
  /** Declared body content types and their schemas. */
  body: Record<string, JsonSchema | undefined>;
}

interface Probe {
  what: string;
  request: InjectOptions;
  /** The request is malformed for this route: it must be answered 4xx. */
  mustRefuse: boolean;
}

type Doc = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>>; components: { schemas: Record<string, JsonSchema> } };

function operations(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      params: op.parameters ?? [],
      body: Object.fromEntries(Object.entries(op.requestBody?.content ?? {}).map(([type, c]) => [type, c.schema])),
    })),
  );
}

/** A multipart body as a browser sends it. */
function multipart(boundary: string, field: string, fileName: string, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe(`malformed requests to every route (${usingMysql ? 'MariaDB' : 'SQLite'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let inject: ReturnType<typeof injector>;
  let doc: Doc;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-malformed-'));
  const roles: Record<string, Record<string, string>> = {};
  /** Real keys for the path parameters and id fields, by what they name. */
  const real: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    const units = await seedTree(ds);
    api = await startApi(db, {
      STORAGE_DIR: storage,
      BODY_LIMIT_BYTES: String(LIMIT),
      IMPORT_MAX_BYTES: String(LIMIT),
      ATTACHMENT_MAX_BYTES: String(LIMIT),
      UPLOAD_IDLE_TIMEOUT_MS: '2000',
    });
    inject = injector(api);
    const root = units.get('LS')!;
    const ward = units.get('P-DONGKINH')!;
    const commune = units.get('X-MAUSON')!;
    const admin = await signedInUser(ds, inject, ['admin'], { orgUnitId: root.id });
    const manager = await signedInUser(ds, inject, ['unit_manager', 'learner'], { orgUnitId: ward.id });
    const trainer = await signedInUser(ds, inject, ['trainer', 'learner'], { orgUnitId: root.id });
    const learner: SignedInUser = await signedInUser(ds, inject, ['learner'], { orgUnitId: commune.id, audiences: ['resident'] });
    Object.assign(roles, { administrator: admin.session.auth, 'unit manager': manager.session.auth, trainer: trainer.session.auth, learner: learner.session.auth, anonymous: {} });

    // Something of every kind, so that the keys the probes spoil name real rows.
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, status: 'published', modules: [[{ type: 'video' }, { type: 'text' }, { type: 'attachment' }]] });
    const [videoLesson, textLesson, attachmentLesson] = lessons;
    const video = await createMediaAsset(ds, { ownerId: trainer.id, courseId: course.id, kind: 'video', lessonId: videoLesson.id });
    const attachment = await createMediaAsset(ds, { ownerId: trainer.id, courseId: course.id, kind: 'attachment', lessonId: attachmentLesson.id });
    const uploading = await createMediaAsset(ds, { ownerId: trainer.id, courseId: course.id, kind: 'video', status: 'uploading' });
    for (const [key, content] of [
      [video.hlsKey!, '#EXTM3U\n'],
      [video.posterKey!, 'jpeg'],
      [attachment.sourceKey!, '%PDF-1.4\n%%EOF\n'],
      [uploading.sourceKey!, ''],
      [`media/uploads/${uploading.id}.json`, '{"lessonId":null}'],
    ]) {
      fs.mkdirSync(path.dirname(path.join(storage, key)), { recursive: true });
      fs.writeFileSync(path.join(storage, key), content);
    }
    const draft = (await createCourse(ds, { ownerId: trainer.id, status: 'draft' })).course;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const cover = await inject({ method: 'POST', url: `/api/courses/${draft.id}/cover`, headers: { ...trainer.session.auth, 'content-type': 'multipart/form-data; boundary=b' }, payload: multipart('b', 'file', 'bia.png', png) });
    const coverFile = courseDetailSchema.parse(JSON.parse(cover.body)).coverImageKey!.split('/')[1];
    expect((await inject({ method: 'POST', url: `/api/courses/${course.id}/enrol`, headers: learner.session.auth })).statusCode).toBeLessThan(300);
    expect((await inject({ method: 'POST', url: `/api/progress/lessons/${textLesson.id}/complete`, headers: learner.session.auth })).statusCode).toBe(200);
    const importId = randomUUID();
    await ds.getRepository(ImportJob).insert({ id: importId, fileName: 'danh-sach.csv', storageKey: `imports/${importId}.csv`, status: 'completed', totalRows: 1, processedRows: 1, created: 0, updated: 0, rejected: 1, error: null, createdById: admin.id, createdAt: new Date(), startedAt: new Date(), finishedAt: new Date() });
    await ds.getRepository(ImportRejection).insert({ id: randomUUID(), importId, rowNumber: 2, reason: 'Thiếu họ tên.', data: { full_name: '' } });
    const token = signStreamToken(api.app.get(SecretsService).jwtSecret, video.id, Date.now() / 1000 + 3600);
    Object.assign(real, {
      course: course.id,
      slug: course.slug,
      module: videoLesson.moduleId,
      lesson: videoLesson.id,
      user: learner.id,
      owner: trainer.id,
      unit: commune.id,
      root: root.id,
      import: importId,
      media: video.id,
      upload: uploading.id,
      attachment: attachment.id,
      file: coverFile,
      token,
    });

    const res = await inject({ method: 'GET', url: '/api/docs-json' });
    doc = JSON.parse(res.body) as Doc;
  });
  afterAll(async () => {
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const deref = (s: JsonSchema | undefined): JsonSchema => (s?.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]) : (s ?? {}));

  /** A real key for a path parameter, from its name and the path segment before it. */
  function pathValue(template: string, name: string): string {
    const byName: Record<string, string> = { courseId: real.course, moduleId: real.module, lessonId: real.lesson, userId: real.owner, slug: real.slug, file: real.file, token: real.token };
    if (byName[name]) return byName[name];
    if (name === 'id') {
      const segments = template.split('/');
      const before = segments[segments.indexOf('{id}') - 1];
      const byKind: Record<string, string> = { courses: real.course, users: real.user, 'org-units': real.unit, imports: real.import, media: real.media, uploads: real.upload };
      return byKind[before] ?? randomUUID();
    }
    return isIdParam(name) ? randomUUID() : 'x';
  }

  /** A plausible value for a body field: real ids for id fields, the least a constraint allows otherwise. */
  function sample(schema: JsonSchema | undefined, name = ''): unknown {
    const s = deref(schema);
    if (s.allOf?.length) return sample(s.allOf[0], name);
    const options = s.anyOf ?? s.oneOf;
    if (options?.length) return sample(options.find((o) => deref(o).type !== 'null') ?? options[0], name);
    if (s.enum?.length) return s.enum[0];
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const key of s.required ?? []) out[key] = sample(s.properties?.[key], key);
        return out;
      }
      case 'array':
        if (s.prefixItems) return s.prefixItems.map((p, i) => (deref(p).type === 'number' ? i * 10 + 1 : sample(p)));
        return s.minItems ? Array.from({ length: s.minItems }, () => sample(s.items || undefined, name.replace(/s$/, ''))) : [];
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'string': {
        if (s.format === 'uuid' || /Id$/.test(name)) return { orgUnitId: real.unit, parentId: real.root, targetId: real.unit, userId: real.user, mediaId: real.attachment, id: real.module }[name] ?? real.module;
        if (s.format === 'email') return 'mau.thu@example.com';
        if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
        if (s.pattern === '^\\d{12}$') return '001099012345';
        if (s.pattern?.includes('a-z0-9')) return 'mau-thu';
        if (s.pattern?.includes('A-Z0-9')) return 'MAU-THU';
        return 'Mẫu thử Tiếng Việt'.padEnd(s.minLength ?? 0, '.');
      }
      default:
        return null;
    }
  }

  /** A value of the wrong JSON type for a field of this schema. */
  function wrongType(schema: JsonSchema | undefined): unknown {
    const s = deref(schema);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : (s.type ?? deref((s.anyOf ?? s.oneOf ?? [])[0]).type);
    if (s.enum) return 'khong-co-trong-danh-sach';
    return { string: 12345, integer: 'mot', number: 'mot', boolean: 'co', array: { a: 1 }, object: 'x' }[String(type)] ?? [[[]]];
  }

  /** Every malformed request for one operation, with the body, path and query it would otherwise carry. */
  function probes(op: Operation): Probe[] {
    const out: Probe[] = [];
    const pathParams = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const declared = new Set(op.params.filter((p) => p.in === 'path').map((p) => p.name));
    // A wildcard (`/stream/{token}/{path}`) is not a declared parameter: it gets a file name.
    const values = Object.fromEntries(pathParams.map((p) => [p, declared.has(p) ? encodeURIComponent(pathValue(op.template, p)) : 'hls/master.m3u8']));
    const url = (over: Record<string, string> = {}, query = '') => op.template.replace(/\{([^}]+)\}/g, (_m, p: string) => over[p] ?? values[p]) + query;
    const jsonSchema = op.body['application/json'];
    const body = jsonSchema ? sample(jsonSchema) : undefined;
    const json = body === undefined ? undefined : JSON.stringify(body);
    const withJson = (r: InjectOptions): InjectOptions => (json === undefined ? r : { ...r, headers: { ...r.headers, 'content-type': 'application/json' }, payload: json });
    const add = (what: string, request: InjectOptions, mustRefuse = true) => out.push({ what, request: { method: op.method as InjectOptions['method'], url: url(), ...request }, mustRefuse });

    // Path keys: aliases MariaDB would have matched, other spellings, junk, over-long, broken encodings.
    for (const p of pathParams.filter((name) => declared.has(name))) {
      const v = pathValue(op.template, p);
      const spoiled = [`${v}%00`, `${v}%20`, `${v}%E2%80%8B`, `${v}%0A`, `${v}x`, 'khong-hop-le', 'a'.repeat(101), '%E0%A4%A', '%', '%2e%2e', `..%2F..%2F${v}`, "1'%20OR%20'1'='1"];
      if (v.toUpperCase() !== v) spoiled.push(encodeURIComponent(v.toUpperCase()));
      for (const bad of spoiled) add(`path ${p}=${bad.slice(0, 40)}`, withJson({ url: url({ [p]: bad }) }));
    }

    // Query parameters of the wrong type or format (a POST reads its query as input too).
    for (const q of op.params.filter((p) => p.in === 'query')) {
      const s = deref(q.schema);
      const bad = s.enum ? 'khong-co' : s.type === 'integer' || s.type === 'number' ? ['mot', '-1', '1.5', '1e309', '99999999999999999999'] : s.format === 'uuid' ? [`${real.unit}%00`, `${real.unit}%20`, real.unit.toUpperCase(), 'x'] : s.format === 'date-time' ? 'hom-qua' : s.maxLength ? 'a'.repeat(s.maxLength + 1) : null;
      for (const value of [bad ?? []].flat()) add(`query ${q.name}=${value.slice(0, 30)}`, withJson({ url: url({}, `?${q.name}=${value}`) }), op.method !== 'GET' || s.type !== undefined);
      // Broken encodings and repeated keys in the query: never a 5xx, never a change (a GET may still answer).
      add(`query ${q.name} broken encoding`, withJson({ url: url({}, `?${q.name}=%E0%A4%A`) }), op.method !== 'GET');
      add(`query ${q.name} repeated`, withJson({ url: url({}, `?${q.name}=1&${q.name}=2`) }), op.method !== 'GET' && s.type !== undefined);
    }

    if (op.method === 'GET' || op.method === 'HEAD') return out;
    const accepts = Object.keys(op.body);
    // Bodies in types the route does not read (an HTML form, text, XML, no type at all).
    const foreign: [string | undefined, string][] = [
      ['application/x-www-form-urlencoded', 'title=x&name=y'],
      ['text/plain', json ?? '{}'],
      ['application/xml', '<a/>'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--\r\n'],
      ['application/octet-stream', 'abc'],
      ['text/vtt', 'WEBVTT\n'],
      [undefined, json ?? '{}'],
    ];
    for (const [type, payload] of foreign) {
      if (type && accepts.includes(type.split(';')[0])) continue;
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      add(`body as ${type ?? 'no content type'}`, { headers, payload: type ? payload : Buffer.from(payload) });
    }

    if (jsonSchema) {
      const s = deref(jsonSchema);
      const send = (what: string, payload: string | Buffer, headers: Record<string, string> = {}) => add(what, { headers: { 'content-type': 'application/json', ...headers }, payload });
      // Broken JSON.
      for (const [what, payload] of [
        ['truncated JSON', json!.slice(0, Math.max(1, Math.floor(json!.length / 2)))],
        ['empty JSON body', ''],
        ['JSON null', 'null'],
        ['JSON array', '[]'],
        ['JSON string', '"x"'],
        ['JSON number', '42'],
        ['trailing garbage', `${json}x`],
        ['prototype pollution', '{"__proto__":{"admin":true}}'],
        ['constructor pollution', '{"constructor":{"prototype":{"admin":true}}}'],
        ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ] as const) send(what, payload);
      // Not UTF-8: a stray byte in the first string, and the whole body in UTF-16.
      const firstString = /:"/.exec(json!);
      if (firstString) {
        const at = firstString.index + 2;
        send('a string that is not UTF-8', Buffer.concat([Buffer.from(json!.slice(0, at)), Buffer.from([0xff, 0xfe]), Buffer.from(json!.slice(at))]));
      }
      send('UTF-16 body', Buffer.from(json!, 'utf16le'));
      // Wrong types, missing required fields, an extra field.
      for (const [key, field] of Object.entries(s.properties ?? {})) send(`field ${key} of the wrong type`, JSON.stringify({ ...(body as object), [key]: wrongType(field) }));
      for (const key of s.required ?? []) {
        const rest = { ...(body as Record<string, unknown>) };
        delete rest[key];
        send(`field ${key} missing`, JSON.stringify(rest));
      }
      send('an unknown field', JSON.stringify({ ...(body as object), laQuanTri: true }));
      // Id fields holding aliases of a real id.
      for (const [key, field] of Object.entries(s.properties ?? {})) {
        const f = deref(field);
        const isArray = f.type === 'array';
        if (NOT_OBJECT_IDS.has(key) || !(/Ids?$|^ids$/.test(key) || deref(isArray ? f.items || undefined : f).format === 'uuid')) continue;
        for (const alias of [`${real.unit}\u0000`, `${real.unit} `, `${real.unit}\u200b`, real.unit.toUpperCase(), `${real.unit}`.slice(0, 35)]) {
          send(`field ${key}=${JSON.stringify(alias)}`, JSON.stringify({ ...(body as object), [key]: isArray ? [alias] : alias }));
        }
      }
      // Too large (sent, or only announced), and shorter than announced.
      send('a body over the limit', JSON.stringify({ ...(body as object), x: 'a'.repeat(LIMIT) }));
      send('a body announced over the limit', json!, { 'content-length': String(LIMIT * 100) });
      send('a body shorter than announced', json!, { 'content-length': String(Buffer.byteLength(json!) + 10) });
    }

    if (accepts.includes('multipart/form-data')) {
      const file = Buffer.from('khong phai tep hop le\n'.repeat(20));
      const whole = multipart('ranh-gioi', 'file', 'tep.csv', file);
      const mp = (what: string, payload: string | Buffer, type = 'multipart/form-data; boundary=ranh-gioi', headers: Record<string, string> = {}) => add(what, { headers: { 'content-type': type, ...headers }, payload });
      mp('multipart without a boundary', whole, 'multipart/form-data');
      mp('multipart with an empty boundary', whole, 'multipart/form-data; boundary=');
      mp('multipart with another boundary', whole, 'multipart/form-data; boundary=khac');
      mp('multipart without its closing boundary', whole.subarray(0, whole.lastIndexOf('\r\n--ranh-gioi--')));
      mp('multipart cut inside the file', whole.subarray(0, 150));
      mp('multipart with the file in another field', multipart('ranh-gioi', 'tep', 'tep.csv', file));
      mp('multipart with no part', '--ranh-gioi--\r\n');
      mp('empty multipart body', '');
      mp('multipart with a header line only', '--ranh-gioi\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n');
      mp('multipart with too many parts', Buffer.concat([...Array.from({ length: 25 }, (_v, i) => Buffer.from(`--ranh-gioi\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`)), Buffer.from('--ranh-gioi--\r\n')]));
      mp('multipart announced over the limit', whole, undefined, { 'content-length': String(100 * 1024 * 1024) });
      mp('multipart shorter than announced', whole, undefined, { 'content-length': String(whole.length + 100) });
    }
    if (accepts.includes('text/vtt')) {
      add('captions that are not WebVTT', { headers: { 'content-type': 'text/vtt' }, payload: 'khong phai phu de' });
      add('captions that are not UTF-8', { headers: { 'content-type': 'text/vtt' }, payload: Buffer.concat([Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n'), Buffer.from([0xff, 0xfe])]) });
      add('captions over the limit', { headers: { 'content-type': 'text/vtt' }, payload: `WEBVTT\n\n${'a'.repeat(1024 * 1024 + 10)}` });
    }
    if (accepts.includes('application/offset+octet-stream')) {
      // Bytes for a resumable upload without the tus headers that say where they go.
      add('upload bytes without tus headers', { headers: { 'content-type': 'application/offset+octet-stream' }, payload: 'abc' });
      add('upload bytes at a wrong offset', { headers: { 'content-type': 'application/offset+octet-stream', 'tus-resumable': '1.0.0', 'upload-offset': '999' }, payload: 'abc' });
      add('upload bytes at a malformed offset', { headers: { 'content-type': 'application/offset+octet-stream', 'tus-resumable': '1.0.0', 'upload-offset': '-1' }, payload: 'abc' });
    }
    return out;
  }

  it('finds the routes in the OpenAPI document', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(60);
    expect(ops.map((o) => `${o.method} ${o.template}`)).toEqual(expect.arrayContaining(['POST /api/courses/{id}/publish', 'POST /api/imports', 'PATCH /api/media/uploads/{id}', 'POST /api/media/{id}/captions']));
  });

  it('refuses every malformed request in the one error shape, never answers 5xx, and changes nothing', async () => {
    const tablesBefore = await tableDigests(ds);
    const filesBefore = fileDigests(storage);
    const problems: string[] = [];
    let sent = 0;
    const started = Date.now();
    for (const op of operations(doc)) {
      const list = probes(op);
      for (const [role, auth] of Object.entries(roles)) {
        for (const probe of list) {
          const request = { ...probe.request, headers: { ...auth, ...probe.request.headers } };
          const res = await inject(request);
          sent++;
          const where = `${op.method} ${op.template} as ${role}, ${probe.what}: ${res.statusCode}`;
          if (res.statusCode >= 500) problems.push(`${where} ${res.body.slice(0, 200)}`);
          else if (probe.mustRefuse && res.statusCode < 400) problems.push(`${where} (accepted)`);
          if (res.statusCode >= 400 && op.method !== 'HEAD') {
            let parsed: unknown = null;
            try {
              parsed = JSON.parse(res.body);
            } catch {
              // reported below
            }
            const shape = apiErrorSchema.safeParse(parsed);
            if (!shape.success) problems.push(`${where} not in the error shape: ${res.body.slice(0, 200)}`);
            else if (shape.data.requestId !== res.headers['x-request-id'] || shape.data.statusCode !== res.statusCode) problems.push(`${where} request id or status differs from the headers`);
            else if (!/^application\/json/.test(String(res.headers['content-type']))) problems.push(`${where} content type ${String(res.headers['content-type'])}`);
          }
        }
      }
    }
    // Any refused upload's staging file is removed as its request ends; give the last one a moment.
    await new Promise((r) => setTimeout(r, 100));
    const seconds = (Date.now() - started) / 1000;
    console.info(`malformed requests: ${sent} sent to ${operations(doc).length} operations × ${Object.keys(roles).length} roles in ${seconds.toFixed(1)} s`);
    expect(problems.slice(0, 60)).toEqual([]);
    expect(await tableDigests(ds)).toEqual(tablesBefore);
    expect(fileDigests(storage)).toEqual(filesBefore);
  });
});
