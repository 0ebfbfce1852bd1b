// Shared helpers for the benchmarks: start the built API (or use BENCH_URL), run autocannon, print figures.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function machine() {
  return `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

// Fixed secrets for benchmark servers (production mode requires them): stable across runs, so a
// second run on the same database still finds the citizen IDs the first one stored.
const BENCH_JWT_SECRET = 'bench-only-jwt-secret-not-for-production-use';
const BENCH_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Starts apps/api/dist/main.js with the embedded default, or DATABASE_URL/REDIS_URL when set
 * (SQLITE_PATH, when set, keeps the SQLite file between runs). With REDIS_URL it also starts the
 * queue worker (apps/api/dist/worker.js). `seed: true` loads the demo units and accounts first.
 */
export async function startServer(port = 3997, { seed = false } = {}) {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, stop: async () => {} };
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  if (!env.DATABASE_URL && !env.SQLITE_PATH) env.SQLITE_PATH = join(mkdtempSync(join(tmpdir(), 'bdhv-bench-')), 'bench.sqlite');
  env.STORAGE_DIR ??= mkdtempSync(join(tmpdir(), 'bdhv-bench-storage-'));
  env.JWT_SECRET ??= BENCH_JWT_SECRET;
  env.DATA_ENCRYPTION_KEY ??= BENCH_DATA_KEY;
  const run = (args) =>
    new Promise((resolve, reject) => {
      const p = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
    });
  await run(['apps/api/dist/cli.js', 'migrate']);
  if (seed) await run(['apps/api/dist/cli.js', 'seed']);
  const processes = [spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] })];
  if (env.REDIS_URL) processes.push(spawn(process.execPath, ['apps/api/dist/worker.js'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] }));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    backend: `${env.DATABASE_URL ? 'MySQL/MariaDB' : 'SQLite'} + ${env.REDIS_URL ? 'BullMQ/Redis' : 'inline queue'}`,
    stop: () =>
      Promise.all(
        processes.map(
          (p) =>
            new Promise((resolve) => {
              if (p.exitCode !== null) return resolve();
              p.on('exit', resolve);
              p.kill('SIGTERM');
            }),
        ),
      ),
  };
}

/** Runs one autocannon load and returns requests/s, exact p50/p95/p99 and errors (failures, timeouts, unexpected statuses). */
export async function load(name, { expectStatus = 200, ...options }) {
  const times = [];
  let unexpected = 0;
  const instance = autocannon({ connections: 50, duration: 10, ...options });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode !== expectStatus) unexpected++;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const pct = (p) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10 : NaN);
  return {
    name,
    connections: options.connections ?? 50,
    seconds: options.duration ?? 10,
    requestsPerSec: Math.round(result.requests.average),
    p50ms: pct(50),
    p95ms: pct(95),
    p99ms: pct(99),
    requests: times.length,
    errors: result.errors + result.timeouts + unexpected,
  };
}

export function print(title, rows) {
  console.log(`\n${title}\n${machine()}  ·  ${new Date().toISOString()}`);
  console.table(rows);
}
