// Baseline throughput of the HTTP stack with a database and queue round trip: GET /api/health.
//   npm run build && node bench/health.mjs            (embedded SQLite + inline queue)
//   DATABASE_URL=mariadb://… REDIS_URL=redis://… node bench/health.mjs
// Options: BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_URL (use a running server).
import { load, print, startServer } from './lib.mjs';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const server = await startServer();
try {
  const rows = [
    await load('GET /api/health', { url: `${server.url}/api/health`, connections, duration }),
    await load('GET /api/khong-ton-tai (404 error path)', { url: `${server.url}/api/khong-ton-tai`, connections, duration, expectStatus: 404 }),
  ];
  print(`Health benchmark (${server.backend ?? server.url})`, rows);
} finally {
  await server.stop();
}
