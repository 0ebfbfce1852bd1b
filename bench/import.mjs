// Bulk import of officials: generates a file, uploads it as the demo administrator and times the
// queue job from upload to completion.
//   npx nx run-many -t build -p contracts api && node bench/import.mjs       (embedded SQLite + inline queue)
//   DATABASE_URL=mariadb://… REDIS_URL=redis://… node bench/import.mjs     (MariaDB + BullMQ, separate worker)
// Run it twice on the same database for the re-import figure (SQLite: set SQLITE_PATH to keep the file).
// Options: BENCH_ROWS (10000), BENCH_FORMAT (xlsx | csv), BENCH_URL (use a running server, seeded).
import ExcelJS from 'exceljs';
import { print, startServer } from './lib.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 10_000);
const format = process.env.BENCH_FORMAT ?? 'xlsx';
const columns = ['full_name', 'phone', 'email', 'unit_code', 'audiences', 'position', 'citizen_id'];
const units = ['SKHCN', 'SNV', 'SVHTTDL', 'BLS', 'P-DONGKINH', 'P-TAMTHANH', 'X-MAUSON', 'X-BACSON'];
const audiences = ['official', 'official;communications', 'press', 'official,enterprise'];
const lastNames = ['Nguyễn', 'Hoàng', 'Lương', 'Vi', 'Hà', 'Lộc', 'Nông', 'Lăng'];

/** The same file every run (identifiers derive from the row index), with 1 % invalid phone numbers. */
function generate() {
  const data = [columns];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(7, '0');
    const shape = i % 4; // phone+email+citizen ID, phone, email+citizen ID, citizen ID
    data.push([
      `${lastNames[i % lastNames.length]} Văn Đo Tải ${i}`,
      i % 100 === 99 ? '0123' : shape <= 1 ? `083${n}` : '',
      shape === 0 || shape === 2 ? `bench.${i}@nhap.bench.vn` : '',
      units[i % units.length],
      audiences[i % audiences.length],
      i % 3 ? 'Chuyên viên' : '',
      shape === 0 || shape >= 2 ? `02090${n}` : '',
    ]);
  }
  return data;
}

async function toFile(data) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Cán bộ');
  for (const r of data) sheet.addRow(r);
  if (format === 'csv') return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await workbook.csv.writeBuffer())]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function json(res) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

const file = await toFile(generate());
const server = await startServer(3997, { seed: true });
try {
  const login = await json(
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'admin@demo.hocvuso.vn', password: 'QuanTri@2025' }),
    }),
  );
  const auth = { authorization: `Bearer ${login.accessToken}` };
  const form = new FormData();
  form.append('file', new Blob([file]), `bench-${rows}.${format}`);

  const started = performance.now();
  const queued = await json(await fetch(`${server.url}/api/imports`, { method: 'POST', headers: auth, body: form }));
  const uploadMs = performance.now() - started;
  let job = queued;
  let firstProgressMs = null;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    job = await json(await fetch(`${server.url}/api/imports/${queued.id}`, { headers: auth }));
    if (firstProgressMs === null && job.processedRows > 0) firstProgressMs = performance.now() - started;
  }
  const seconds = (performance.now() - started) / 1000;
  if (job.status !== 'completed') throw new Error(`import ${job.status}: ${job.error}`);
  print(`Import benchmark (${server.backend ?? server.url})`, [
    {
      format,
      'file KiB': Math.round(file.length / 1024),
      rows: job.totalRows,
      'upload ms': Math.round(uploadMs),
      'first batch s': firstProgressMs === null ? '-' : Math.round(firstProgressMs / 100) / 10,
      seconds: Math.round(seconds * 100) / 100,
      'rows/s': Math.round(job.totalRows / seconds),
      created: job.created,
      updated: job.updated,
      rejected: job.rejected,
    },
  ]);
} finally {
  await server.stop();
}
