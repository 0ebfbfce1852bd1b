import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IMPORT_COLUMNS, ImportJob, importJobListSchema, importJobSchema } from '@bdhv/contracts';
import { parse as parseCsv } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource, In, Like } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { SecretsService } from '../src/common/secrets.service';
import { ImportRejection } from '../src/modules/imports/import-rejection.entity';
import { ImportRunnerService, OUT_OF_SCOPE_REASON } from '../src/modules/imports/import-runner.service';
import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { createOrgUnit } from './factories/org-units.factory';
import { createUser, membershipsOf, seedTree } from './factories/users.factory';
import { signIn, TestSession } from './helpers/auth';
import { closeMigratedDatabase, injector, openMigratedDatabase, startApi, startWorker, TestDatabase, usingMysql, usingRedis, waitFor } from './helpers/test-app';

type Cell = string | number;
type Inject = ReturnType<typeof injector>;

const ROWS = 1000;
/** Data-row indexes (0-based) made invalid, one kind of problem each. */
const INVALID = [10, 57, 103, 150, 222, 260, 301, 350, 411, 455, 499, 512, 600, 640, 701, 777, 820, 888, 930, 999];
const pad7 = (n: number) => String(n).padStart(7, '0');
const UNITS = ['SKHCN', 'SNV', 'P-DONGKINH', 'X-MAUSON', 'BLS', 'p-tamthanh'];
const AUDIENCES = ['official', 'official;communications', 'press, official', 'Enterprise'];

/** Identifiers of data row i in file variant v: every variant uses its own range. */
const ident = (v: number, i: number) => ({
  phone: `09${6 + v}${pad7(i)}`,
  email: `can.bo.${v}.${i}@nhap.test.vn`,
  citizenId: `0200${v}${pad7(i)}`,
});

/**
 * A 1,000-row officials file: mixes of phone, email and citizen ID; unit codes in any case; some
 * phone numbers and citizen IDs typed as numbers (leading zeros lost, as Excel does); and exactly
 * 20 invalid rows of different kinds.
 */
function officialsRows(v: number, conflict: { phone: string; email: string }): { rows: Cell[][]; invalidRows: number[] } {
  const rows: Cell[][] = [[...IMPORT_COLUMNS]];
  for (let i = 0; i < ROWS; i++) {
    const id = ident(v, i);
    const shape = i % 4; // 0: phone+email+citizen ID, 1: phone, 2: email+citizen ID, 3: citizen ID
    const r: Record<(typeof IMPORT_COLUMNS)[number], Cell> = {
      full_name: `Nguyễn Văn Thử ${v}-${i}`,
      phone: shape <= 1 ? id.phone : '',
      email: shape === 0 || shape === 2 ? id.email : '',
      unit_code: UNITS[i % UNITS.length],
      audiences: AUDIENCES[i % AUDIENCES.length],
      position: i % 3 ? 'Chuyên viên' : '',
      citizen_id: shape === 0 || shape >= 2 ? id.citizenId : '',
    };
    if (i % 10 === 5 && r.phone) r.phone = Number(id.phone);
    if (i % 10 === 6 && r.citizen_id) r.citizen_id = Number(id.citizenId);
    rows.push(IMPORT_COLUMNS.map((c) => r[c]));
  }
  const set = (i: number, column: (typeof IMPORT_COLUMNS)[number], value: Cell) => {
    rows[i + 1][IMPORT_COLUMNS.indexOf(column)] = value;
  };
  const mutations: ((i: number) => void)[] = [
    (i) => set(i, 'phone', '12345'),
    (i) => set(i, 'phone', '0123 456 789'),
    (i) => set(i, 'unit_code', 'KHONG-TON-TAI'),
    (i) => set(i, 'unit_code', ''),
    (i) => set(i, 'unit_code', 'X-BACSON'), // deactivated in beforeAll
    (i) => set(i, 'audiences', 'nguoi-dan'),
    (i) => set(i, 'audiences', ''),
    (i) => set(i, 'audiences', 'official;xyz'),
    (i) => set(i, 'full_name', ''),
    (i) => set(i, 'full_name', 'A'),
    (i) => set(i, 'email', 'khong-phai-email'),
    (i) => set(i, 'citizen_id', '12345'),
    (i) => set(i, 'citizen_id', '0201ABC45678'),
    (i) => (set(i, 'phone', ''), set(i, 'email', ''), set(i, 'citizen_id', '')),
    (i) => set(i, 'phone', ident(v, i - 1).phone), // duplicate in file (row i-1 has a phone)
    (i) => set(i, 'email', ident(v, i - 1).email), // duplicate in file (row i-1 has an email)
    (i) => set(i, 'citizen_id', ident(v, i - 1).citizenId), // duplicate in file (row i-1 has a citizen ID)
    (i) => set(i, 'position', 'Chuyên viên '.repeat(30)),
    (i) => (set(i, 'phone', conflict.phone), set(i, 'email', conflict.email)), // two different accounts
    (i) => set(i, 'phone', 'abc-def'),
  ];
  INVALID.forEach((i, k) => mutations[k](i));
  return { rows, invalidRows: INVALID.map((i) => i + 2) };
}

async function toXlsx(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cán bộ');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function toCsv(rows: Cell[][], { bom = true, delimiter = ',' } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('csv');
  for (const r of rows) ws.addRow(r.map(String));
  const body = Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { delimiter, rowDelimiter: '\r\n' } }));
  return bom ? Buffer.concat([Buffer.from('\uFEFF'), body]) : body;
}

/** A multipart/form-data body with one file, as a browser's FormData would send it. */
async function multipart(fileName: string, content: Buffer, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([content]), fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

describe(`imports (${usingMysql ? 'MariaDB' : 'SQLite'} + ${usingRedis ? 'BullMQ worker' : 'inline queue'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let api: Booted<NestFastifyApplication>;
  let worker: Booted<unknown> | null = null;
  let inject: Inject;
  let units: Map<string, OrgUnit>;
  let admin: TestSession;
  let storageDir: string;
  /** Existing accounts that one row of each big file matches at once (phone of one, email of the other). */
  let conflict: { phone: string; email: string };
  const maxBytes = 512 * 1024;

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    units = await seedTree(ds);
    await ds.getRepository(OrgUnit).update({ code: 'X-BACSON' }, { active: false });
    const a = await createUser(ds, { orgUnitId: units.get('SNV')!.id });
    const b = await createUser(ds, { orgUnitId: units.get('SNV')!.id });
    conflict = { phone: `0${a.phone!.slice(3)}`, email: b.email! };
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-imports-'));
    const env = { QUEUE_PREFIX: `bdhvtest_imp_${process.pid}`, STORAGE_DIR: storageDir, IMPORT_MAX_BYTES: String(maxBytes) };
    api = await startApi(db, env);
    if (usingRedis) worker = await startWorker(db, env);
    inject = injector(api);
    admin = await signIn(inject, 'admin@demo.hocvuso.vn', 'QuanTri@2025');
  }, 60_000);
  afterAll(async () => {
    await worker?.shutdown();
    await api?.shutdown();
    await closeMigratedDatabase(db, ds);
    if (storageDir) fs.rmSync(storageDir, { recursive: true, force: true });
  });

  /** The process whose handlers run the jobs: the API (inline) or the worker (BullMQ). */
  const jobRunner = () => ((worker ?? api).app as NestFastifyApplication).get(ImportRunnerService);

  async function upload(session: TestSession, fileName: string, content: Buffer) {
    const body = await multipart(fileName, content);
    return inject({ method: 'POST', url: '/api/imports', headers: { ...session.auth, ...body.headers }, payload: body.payload });
  }

  async function uploadAndWait(session: TestSession, fileName: string, content: Buffer): Promise<ImportJob> {
    const res = await upload(session, fileName, content);
    expect({ status: res.statusCode, body: res.statusCode === 202 ? 'ok' : res.body }).toEqual({ status: 202, body: 'ok' });
    const queued = importJobSchema.parse(JSON.parse(res.body));
    expect(queued).toMatchObject({ status: 'queued', fileName, processedRows: 0 });
    return waitFor(async () => {
      const r = await inject({ method: 'GET', url: `/api/imports/${queued.id}`, headers: session.auth });
      const job = importJobSchema.parse(JSON.parse(r.body));
      return job.status === 'completed' || job.status === 'failed' ? job : null;
    }, 60_000);
  }

  async function report(session: TestSession, id: string) {
    const res = await inject({ method: 'GET', url: `/api/imports/${id}/report.csv`, headers: session.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: string[][] = parseCsv(res.rawPayload, { bom: true });
    expect(rows[0]).toEqual(['Dòng', 'Lý do', ...IMPORT_COLUMNS]);
    return rows.slice(1);
  }

  const userCount = () => ds.getRepository(User).count();

  describe.each([
    ['xlsx', 0],
    ['csv', 1],
  ] as const)('a 1,000-row %s file', (format, variant) => {
    let file: Buffer;
    let invalidRows: number[];
    let first: ImportJob;
    let before: number;

    beforeAll(async () => {
      const generated = officialsRows(variant, conflict);
      invalidRows = generated.invalidRows;
      file = format === 'xlsx' ? await toXlsx(generated.rows) : await toCsv(generated.rows);
    });

    it('creates 980 accounts and rejects exactly the 20 invalid rows', async () => {
      before = await userCount();
      first = await uploadAndWait(admin, `Danh sách cán bộ ${variant}.${format}`, file);
      expect(first).toMatchObject({ status: 'completed', totalRows: 1000, processedRows: 1000, created: 980, updated: 0, rejected: 20, error: null });
      expect(first.finishedAt).not.toBeNull();
      expect((await userCount()) - before).toBe(980);

      const secrets = api.app.get(SecretsService);
      const full = ident(variant, 0);
      const u = await ds.getRepository(User).findOneOrFail({ where: { email: full.email }, relations: { orgUnit: true } });
      expect(u).toMatchObject({ fullName: `Nguyễn Văn Thử ${variant}-0`, phone: `+84${full.phone.slice(1)}`, passwordHash: null, citizenIdLast4: full.citizenId.slice(-4), status: 'active' });
      expect(await membershipsOf(ds, u.id)).toEqual({ roles: ['learner'], audiences: ['official'] });
      expect(Boolean(u.mustChangePassword)).toBe(true);
      expect(u.orgUnit!.code).toBe('SKHCN');
      expect(u.searchText).toContain(`nguyen van thu ${variant}-0`);
      expect(u.citizenIdCipher).not.toContain(full.citizenId);
      expect(secrets.decrypt(u.citizenIdCipher!)).toBe(full.citizenId);
      // Lower-case unit codes, spaced audience lists, capitalised audiences are accepted.
      const tamThanh = await ds.getRepository(User).findOneByOrFail({ phone: `+84${ident(variant, 5).phone.slice(1)}` });
      expect(tamThanh.orgUnitId).toBe(units.get('P-TAMTHANH')!.id);
      expect((await membershipsOf(ds, tamThanh.id)).audiences).toEqual(['official', 'communications']);
      // A phone number and a citizen ID typed as numbers (leading zeros lost) are restored.
      expect(await ds.getRepository(User).existsBy({ citizenIdHash: secrets.lookupHash(ident(variant, 6).citizenId) })).toBe(true);
      // The first of two rows sharing an identifier is imported.
      expect(await ds.getRepository(User).existsBy({ phone: `+84${ident(variant, 700).phone.slice(1)}` })).toBe(true);
    });

    it('names exactly those 20 rows, with reasons, in the report', async () => {
      const rows = await report(admin, first.id);
      expect(rows.map((r) => Number(r[0]))).toEqual(invalidRows);
      const reasons = new Map(rows.map((r) => [Number(r[0]), r[1]]));
      expect(reasons.get(12)).toMatch(/Số điện thoại không hợp lệ/);
      expect(reasons.get(105)).toMatch(/Mã đơn vị «KHONG-TON-TAI» không tồn tại/);
      expect(reasons.get(224)).toMatch(/ngừng hoạt động/);
      expect(reasons.get(262)).toMatch(/Đối tượng không hợp lệ: «nguoi-dan»/);
      expect(reasons.get(413)).toMatch(/Thiếu họ và tên/);
      expect(reasons.get(514)).toMatch(/12 chữ số/);
      expect(reasons.get(642)).toMatch(/Cần ít nhất một trong/);
      expect(reasons.get(703)).toBe('Trùng số điện thoại với dòng 702 trong cùng tệp.');
      expect(reasons.get(779)).toBe('Trùng email với dòng 778 trong cùng tệp.');
      expect(reasons.get(822)).toBe('Trùng số định danh cá nhân với dòng 821 trong cùng tệp.');
      expect(reasons.get(932)).toMatch(/nhiều tài khoản khác nhau/);
      // The original columns follow, citizen ID included (kept encrypted at rest, shown to the importer).
      const dupCitizen = rows.find((r) => r[0] === '822')!;
      expect(dupCitizen[2]).toBe(`Nguyễn Văn Thử ${variant}-820`);
      expect(dupCitizen[2 + IMPORT_COLUMNS.indexOf('citizen_id')]).toBe(ident(variant, 819).citizenId);
      const stored = await ds.getRepository(ImportRejection).findOneByOrFail({ importId: first.id, rowNumber: 822 });
      expect(JSON.stringify(stored.data)).not.toContain(ident(variant, 819).citizenId);
    });

    it('importing the same file again creates nobody and duplicates nothing', async () => {
      const again = await uploadAndWait(admin, `lan-2.${format}`, file);
      expect(again).toMatchObject({ status: 'completed', processedRows: 1000, created: 0, rejected: 20 });
      expect(again.updated).toBeLessThanOrEqual(980);
      expect(again.updated + again.created + again.rejected).toBe(1000);
      expect((await userCount()) - before).toBe(980);
      const phones = await ds.getRepository(User).find({ where: { phone: Like(`+849${6 + variant}%`) }, select: { phone: true } });
      expect(new Set(phones.map((p) => p.phone)).size).toBe(phones.length);
    });

    it('running the finished job again changes nothing', async () => {
      const count = await userCount();
      await jobRunner().run({ importId: first.id }, { jobId: first.id, attempt: 1, processRole: 'api' });
      const res = await inject({ method: 'GET', url: `/api/imports/${first.id}`, headers: admin.auth });
      expect(JSON.parse(res.body)).toMatchObject({ created: 980, updated: 0, rejected: 20, processedRows: 1000 });
      expect(await ds.getRepository(ImportRejection).countBy({ importId: first.id })).toBe(20);
      expect(await userCount()).toBe(count);
    });
  });

  it('a job that fails halfway is retried and resumes without counting or creating anything twice', async () => {
    const runner = jobRunner();
    const original = runner.writeBatch.bind(runner);
    let calls = 0;
    const spy = jest.spyOn(runner, 'writeBatch').mockImplementation(async (...args) => {
      const outcome = await original(...args);
      // The third batch's writes are made, then the transaction fails: they must roll back.
      if (++calls === 3) throw new Error('planned failure after writing the third batch');
      return outcome;
    });
    try {
      const before = await userCount();
      const { rows } = officialsRows(2, conflict);
      const job = await uploadAndWait(admin, 'gian-doan.xlsx', await toXlsx(rows));
      expect(job).toMatchObject({ status: 'completed', processedRows: 1000, created: 980, updated: 0, rejected: 20 });
      expect(calls).toBe(6); // 5 batches of 200, plus the one that failed
      expect((await userCount()) - before).toBe(980);
      expect(await ds.getRepository(ImportRejection).countBy({ importId: job.id })).toBe(20);
    } finally {
      spy.mockRestore();
    }
  });

  describe('unit managers', () => {
    let manager: TestSession;
    let managerImport: ImportJob;

    beforeAll(async () => {
      manager = await signIn(inject, 'quanly@demo.hocvuso.vn', 'QuanLy@2025');
    });

    it('import only into their own subtree; other rows are rejected', async () => {
      const rows: Cell[][] = [
        [...IMPORT_COLUMNS],
        ['Lý Thị Phường', '0961 111 222', '', 'P-DONGKINH', 'official', 'Công chức', ''],
        ['Ngoài Phạm Vi', '0961 111 333', '', 'SKHCN', 'official', '', ''],
        // Existing accounts in other units (a learner elsewhere, the administrator) cannot be taken over.
        ['Vi Văn Cán Bộ', '', 'canbo@demo.hocvuso.vn', 'P-DONGKINH', 'official', '', ''],
        ['Quản Trị', '', 'admin@demo.hocvuso.vn', 'P-DONGKINH', 'official', '', ''],
      ];
      // Semicolon-separated, as Excel writes CSV in some locales.
      managerImport = await uploadAndWait(manager, 'phuong-dong-kinh.csv', await toCsv(rows, { delimiter: ';' }));
      expect(managerImport).toMatchObject({ status: 'completed', totalRows: 4, created: 1, updated: 0, rejected: 3 });
      const reasons = (await report(manager, managerImport.id)).map((r) => [r[0], r[1]]);
      expect(reasons).toEqual([
        ['3', 'Đơn vị «SKHCN» nằm ngoài phạm vi quản lý của bạn.'],
        ['4', OUT_OF_SCOPE_REASON],
        ['5', OUT_OF_SCOPE_REASON],
      ]);
      const canbo = await ds.getRepository(User).findOneByOrFail({ email: 'canbo@demo.hocvuso.vn' });
      expect(canbo.orgUnitId).toBe(units.get('P-TAMTHANH')!.id);
    });

    it("cannot see another manager's import (404), and list only their own", async () => {
      const other = await createUser(ds, { orgUnitId: units.get('X-MAUSON')!.id, roles: ['unit_manager', 'learner'] });
      const session = await signIn(inject, other.email!, other.password);
      for (const url of [`/api/imports/${managerImport.id}`, `/api/imports/${managerImport.id}/report.csv`]) {
        const res = await inject({ method: 'GET', url, headers: session.auth });
        expect(res.statusCode).toBe(404);
        expect(JSON.parse(res.body).code).toBe('NOT_FOUND');
      }
      const theirs = importJobListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/imports', headers: session.auth })).body));
      expect(theirs.total).toBe(0);
      const mine = importJobListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/imports', headers: manager.auth })).body));
      expect(mine.items.map((j) => j.id)).toEqual([managerImport.id]);
      expect((await inject({ method: 'GET', url: `/api/imports/${managerImport.id}`, headers: admin.auth })).statusCode).toBe(200);
    });

  });

  it('lists every import for an administrator, newest first, paginated', async () => {
    const page1 = importJobListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/imports?pageSize=2', headers: admin.auth })).body));
    const all = importJobListSchema.parse(JSON.parse((await inject({ method: 'GET', url: '/api/imports?pageSize=100', headers: admin.auth })).body));
    expect(all.total).toBe(6);
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: 6 });
    expect(page1.items.map((j) => j.id)).toEqual(all.items.slice(0, 2).map((j) => j.id));
    const times = all.items.map((j) => Date.parse(j.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(all.items[0].fileName).toBe('phuong-dong-kinh.csv');
  });

  it('records import.started and import.completed in the audit log', async () => {
    const rows = await ds.query(`SELECT action, details FROM audit_logs WHERE action IN ('import.started', 'import.completed')`);
    expect(rows.filter((r: { action: string }) => r.action === 'import.started')).toHaveLength(6);
    const completed = rows.filter((r: { action: string }) => r.action === 'import.completed').map((r: { details: string }) => JSON.parse(r.details));
    expect(completed).toHaveLength(6);
    expect(completed).toEqual(expect.arrayContaining([expect.objectContaining({ created: 980, updated: 0, rejected: 20, totalRows: 1000 })]));
  });

  describe('a unit manager cannot reach accounts through an import that a direct edit would refuse', () => {
    let manager: TestSession;

    beforeAll(async () => {
      manager = await signIn(inject, 'quanly@demo.hocvuso.vn', 'QuanLy@2025');
    });

    it('cannot rewrite another unit manager’s account through an import, exactly as a direct edit is refused', async () => {
      // A ward below the manager's own unit, with its own manager.
      const ward = await createOrgUnit(ds, { parent: units.get('P-DONGKINH')!, code: `KP-${Date.now() % 100000}`, name: 'Khu phố thử' });
      const subManager = await createUser(ds, { orgUnitId: ward.id, roles: ['unit_manager', 'learner'], fullName: 'Quản Lý Khu Phố' });
      const direct = await inject({
        method: 'PATCH',
        url: `/api/users/${subManager.id}`,
        headers: manager.auth,
        payload: { email: 'ke-gian@example.com', orgUnitId: units.get('P-DONGKINH')!.id },
      });
      expect(direct.statusCode).toBe(403);
      const job = await uploadAndWait(
        manager,
        'chiem-tai-khoan.csv',
        await toCsv([
          [...IMPORT_COLUMNS],
          ['Tên Mới', subManager.phone ?? '', 'ke-gian@example.com', 'P-DONGKINH', 'official', '', ''],
        ]),
      );
      expect(job).toMatchObject({ status: 'completed', created: 0, updated: 0, rejected: 1 });
      const [[, reason]] = await report(manager, job.id);
      expect(reason).toBe(JSON.parse(direct.body).message);
      const after = await ds.getRepository(User).findOneByOrFail({ id: subManager.id });
      expect({ fullName: after.fullName, email: after.email, orgUnitId: after.orgUnitId }).toEqual({ fullName: 'Quản Lý Khu Phố', email: subManager.email, orgUnitId: ward.id });
    });

    it('give one neutral reason for every row naming an account outside their subtree (no existence or citizen-ID oracle)', async () => {
      const elsewhere = units.get('X-MAUSON')!;
      const secrets = api.app.get(SecretsService);
      const withId = await createUser(ds, { orgUnitId: elsewhere.id, fullName: 'Người Ở Xa' });
      const citizenId = '020190009999';
      await ds.getRepository(User).update(withId.id, { citizenIdHash: secrets.lookupHash(citizenId), citizenIdCipher: secrets.encrypt(citizenId), citizenIdLast4: '9999' });
      const other = await createUser(ds, { orgUnitId: elsewhere.id, fullName: 'Người Khác' });
      const probes: Cell[][] = [
        ['Dò Một', withId.phone ?? '', '', 'P-DONGKINH', 'official', '', ''], // phone only
        ['Dò Hai', withId.phone ?? '', '', 'P-DONGKINH', 'official', '', citizenId], // the right citizen ID
        ['Dò Ba', withId.phone ?? '', '', 'P-DONGKINH', 'official', '', '020190001111'], // a wrong guess
        ['Dò Bốn', other.phone ?? '', '', 'P-DONGKINH', 'official', '', citizenId], // phone of one, ID of another
        ['Dò Năm', '', '', 'P-DONGKINH', 'official', '', citizenId], // the ID alone
      ];
      // One file per probe, as an attacker would send them (rows of one file are also checked against each other).
      for (const probe of probes) {
        const job = await uploadAndWait(manager, 'do-tim.csv', await toCsv([[...IMPORT_COLUMNS], probe]));
        expect(job).toMatchObject({ status: 'completed', created: 0, updated: 0, rejected: 1 });
        expect((await report(manager, job.id)).map((r) => r[1])).toEqual([OUT_OF_SCOPE_REASON]);
      }
      expect(await ds.getRepository(User).findOneByOrFail({ id: withId.id })).toMatchObject({ fullName: 'Người Ở Xa', orgUnitId: elsewhere.id });
    });
  });

  describe('refuses', () => {
    const header = `${IMPORT_COLUMNS.join(',')}\r\nNguyễn Văn A,0912345678,,SKHCN,official,,\r\n`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 0x07), Buffer.from([0xff, 0x00, 0xfe])]);

    async function expectRefused(res: { statusCode: number; body: string }, status: number, message: RegExp) {
      expect(res.statusCode).toBe(status);
      const body = JSON.parse(res.body);
      expect(body.message).toMatch(message);
      expect(body.requestId).toBeTruthy();
      return body;
    }

    let jobsBefore: number;
    beforeAll(async () => {
      jobsBefore = Number((await ds.query('SELECT COUNT(*) AS n FROM import_jobs'))[0].n);
    });
    afterAll(async () => {
      // Nothing refused was recorded or left on disk.
      expect(Number((await ds.query('SELECT COUNT(*) AS n FROM import_jobs'))[0].n)).toBe(jobsBefore);
      const left = fs.readdirSync(path.join(storageDir, 'imports'));
      expect(left.filter((f) => f.endsWith('.upload'))).toEqual([]);
      // Every file left belongs to an unfinished import: refused uploads leave nothing, and a
      // completed import deletes its file (it holds citizen IDs in clear text).
      const unfinished = new Set(
        (await ds.query("SELECT id FROM import_jobs WHERE status IN ('queued', 'running')")).map((r: { id: string }) => r.id),
      );
      for (const f of left) expect({ file: f, unfinished: unfinished.has(f.replace(/\.(csv|xlsx)$/, '')) }).toEqual({ file: f, unfinished: true });
      const completed = Number((await ds.query("SELECT COUNT(*) AS n FROM import_jobs WHERE status = 'completed'"))[0].n);
      expect(completed).toBeGreaterThan(0);
    });

    it('a learner (403) and an anonymous caller (401)', async () => {
      const learner = await signIn(inject, 'nguoidan@demo.hocvuso.vn', 'NguoiDan@2025');
      expect((await upload(learner, 'a.csv', Buffer.from(header))).statusCode).toBe(403);
      expect((await inject({ method: 'GET', url: '/api/imports', headers: learner.auth })).statusCode).toBe(403);
      const body = await multipart('a.csv', Buffer.from(header));
      expect((await inject({ method: 'POST', url: '/api/imports', headers: body.headers, payload: body.payload })).statusCode).toBe(401);
    });

    it('a PNG renamed .csv (415)', async () => {
      const body = await expectRefused(await upload(admin, 'anh.csv', png), 415, /UTF-8/);
      expect(body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('a text file renamed .xlsx (415)', async () => {
      await expectRefused(await upload(admin, 'danh-sach.xlsx', Buffer.from(header)), 415, /không phải bảng tính Excel/);
    });

    it('a ZIP that is not a workbook, named .xlsx (415)', async () => {
      const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 0)]);
      await expectRefused(await upload(admin, 'x.xlsx', zip), 415, /Excel/);
    });

    it('a file that is neither .csv nor .xlsx (415)', async () => {
      await expectRefused(await upload(admin, 'danh-sach.txt', Buffer.from(header)), 415, /Chỉ nhận tệp CSV/);
    });

    it('a CSV without the expected header, or without data rows (400 naming the file field)', async () => {
      const wrong = await expectRefused(await upload(admin, 'sai-mau.csv', Buffer.from('ho_ten,so_dien_thoai\r\nA,1\r\n')), 400, /Dòng tiêu đề không đúng mẫu: thiếu cột full_name, unit_code, audiences/);
      expect(wrong.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      await expectRefused(await upload(admin, 'trong.csv', Buffer.from(`${IMPORT_COLUMNS.join(',')}\r\n`)), 400, /chưa có dòng dữ liệu/);
      await expectRefused(await upload(admin, 'rong.csv', Buffer.alloc(0)), 400, /trống/);
    });

    it('a CSV in a legacy code page instead of UTF-8 (415)', async () => {
      // "Nguyễn" in Windows-1258 bytes: not valid UTF-8.
      const legacy = Buffer.concat([Buffer.from(`${IMPORT_COLUMNS.join(',')}\r\nNguy`), Buffer.from([0xea, 0xde, 0x6e]), Buffer.from(',0912345678,,SKHCN,official,,\r\n')]);
      await expectRefused(await upload(admin, 'cu.csv', legacy), 415, /UTF-8/);
    });

    it('an oversized file (413)', async () => {
      const big = Buffer.concat([Buffer.from(header), Buffer.alloc(maxBytes + 1024, 0x41)]);
      // Just over the limit: cut off while streaming. Far over it: refused from its announced length.
      for (const file of [big, Buffer.concat([big, big])]) {
        const body = await expectRefused(await upload(admin, 'lon.csv', file), 413, /vượt quá dung lượng cho phép \(0.5 MB\)/);
        expect(body.code).toBe('PAYLOAD_TOO_LARGE');
      }
    });

    it('a broken multipart body (400, not 500)', async () => {
      const body = await multipart('a.csv', Buffer.from(header));
      const cut = body.payload.subarray(0, body.payload.length - 60);
      await expectRefused(await inject({ method: 'POST', url: '/api/imports', headers: { ...admin.auth, ...body.headers }, payload: cut }), 400, /gián đoạn/);
    });

    it('a request without a file, or not multipart', async () => {
      const json = await inject({ method: 'POST', url: '/api/imports', headers: { ...admin.auth, 'content-type': 'application/json' }, payload: '{}' });
      await expectRefused(json, 415, /multipart/);
      const wrongField = await multipart('a.csv', Buffer.from(header), 'tep');
      await expectRefused(await inject({ method: 'POST', url: '/api/imports', headers: { ...admin.auth, ...wrongField.headers }, payload: wrongField.payload }), 400, /Hãy chọn một tệp/);
    });
  });

  it('fails an XLSX import whose header or data is wrong, saying why', async () => {
    const wrongHeader = await uploadAndWait(admin, 'sai-mau.xlsx', await toXlsx([['Họ và tên', 'Số điện thoại'], ['Nguyễn Văn A', '0912345678']]));
    expect(wrongHeader).toMatchObject({ status: 'failed', processedRows: 0, created: 0 });
    expect(wrongHeader.error).toMatch(/^Dòng tiêu đề không đúng mẫu: thiếu cột full_name, unit_code, audiences/);
    const headerOnly = await uploadAndWait(admin, 'chi-tieu-de.xlsx', await toXlsx([[...IMPORT_COLUMNS]]));
    expect(headerOnly).toMatchObject({ status: 'failed', error: 'Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.' });
    const audited = await ds.query("SELECT actorId, summary FROM audit_logs WHERE action = 'import.failed' AND targetId = ?", [wrongHeader.id]);
    const adminId = (await ds.query('SELECT id FROM users WHERE email = ?', ['admin@demo.hocvuso.vn']))[0].id;
    expect(audited).toEqual([expect.objectContaining({ actorId: adminId })]);
    expect(audited[0].summary).toContain('sai-mau.xlsx');
  });

  it('reads an unknown import as 404', async () => {
    const res = await inject({ method: 'GET', url: '/api/imports/00000000-0000-0000-0000-000000000000', headers: admin.auth });
    expect(res.statusCode).toBe(404);
  });

  it('keeps imported users findable by their identifiers in bulk (sanity)', async () => {
    const found = await ds.getRepository(User).countBy({ email: In([ident(0, 0).email, ident(1, 0).email, ident(2, 0).email]) });
    expect(found).toBe(3);
  });
});
