// Progress heartbeats, the busiest write path: N learners enrolled in a published course with a
// 600-s video lesson report what they watched.
//   npx nx run-many -t build -p contracts api && node bench/progress.mjs
//   DATABASE_URL=mariadb://… REDIS_URL=redis://… node bench/progress.mjs
// (a) steady: every learner sends one heartbeat every 10 s for BENCH_STEADY_SECONDS (60);
// (b) saturation: every learner sends heartbeats back to back for BENCH_SATURATION_SECONDS (15).
// Options: BENCH_LEARNERS (1000). Learners, course and enrolments are written straight into the
// database with the API's built entities; access tokens are minted with the bench JWT secret
// (signing 1,000 learners in would only measure argon2 and the login throttle).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Agent, request } from 'node:http';
import { machine, print, startServer } from './lib.mjs';

const require = createRequire(import.meta.url);
const { createSigner } = require('fast-jwt');
const { loadConfig } = require('../apps/api/dist/config/config.js');
const { createAppDataSource: createDataSource } = require('../apps/api/dist/entities.js');
const { UserStore } = require('../apps/api/dist/modules/users/user-store.service.js');
const { OrgUnit } = require('../apps/api/dist/modules/org-units/org-unit.entity.js');
const { Course } = require('../apps/api/dist/modules/courses/course.entity.js');
const { CourseModule } = require('../apps/api/dist/modules/courses/course-module.entity.js');
const { CourseOwner } = require('../apps/api/dist/modules/courses/course-owner.entity.js');
const { Lesson } = require('../apps/api/dist/modules/courses/lesson.entity.js');
const { Enrolment } = require('../apps/api/dist/modules/enrolments/enrolment.entity.js');

const learners = Number(process.env.BENCH_LEARNERS ?? 1000);
const steadySeconds = Number(process.env.BENCH_STEADY_SECONDS ?? 60);
const saturationSeconds = Number(process.env.BENCH_SATURATION_SECONDS ?? 15);
const VIDEO_SECONDS = 600;

// The same secrets lib.mjs gives the server, so the tokens minted here verify there.
process.env.JWT_SECRET ??= 'bench-only-jwt-secret-not-for-production-use';
process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
if (!process.env.DATABASE_URL && !process.env.SQLITE_PATH) process.env.SQLITE_PATH = join(mkdtempSync(join(tmpdir(), 'bdhv-bench-')), 'bench.sqlite');
const agent = new Agent({ keepAlive: true, maxSockets: learners + 10 });

/** POST with a kept-alive connection per learner; resolves to the status code. */
function post(url, token, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function seed() {
  const ds = createDataSource(loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' }));
  await ds.initialize();
  try {
    const root = await ds.getRepository(OrgUnit).findOneOrFail({ where: { code: 'LS' } });
    const tag = randomUUID().slice(0, 8);
    const ownerId = randomUUID();
    const users = Array.from({ length: learners }, (_, i) => ({
      id: randomUUID(),
      fullName: `Học viên thử ${tag} ${i}`,
      phone: null,
      email: `bench.${tag}.${i}@bench.hocvuso.vn`,
      passwordHash: null,
      roles: ['learner'],
      audiences: ['resident'],
      orgUnitId: root.id,
      status: 'active',
      searchText: `hoc vien thu ${tag} ${i}`,
      position: null,
      mustChangePassword: false,
    }));
    users.push({ ...users[0], id: ownerId, email: `bench.${tag}.owner@bench.hocvuso.vn`, roles: ['trainer', 'learner'], fullName: `Giảng viên ${tag}` });
    await ds.transaction((em) => new UserStore(ds).insert(em, users));
    const courseId = randomUUID();
    await ds.getRepository(Course).insert({
      id: courseId, slug: `bench-${tag}`, title: `Khóa học đo tải ${tag}`, summary: '', coverImageKey: null, category: 'bench',
      estimatedMinutes: 10, status: 'published', strictOrder: false, ownerId, searchText: `bench ${tag}`, publishedAt: new Date(),
    });
    await ds.getRepository(CourseOwner).insert({ courseId, userId: ownerId, role: 'owner' });
    const moduleId = randomUUID();
    await ds.getRepository(CourseModule).insert({ id: moduleId, courseId, title: 'Chương 1', position: 0 });
    const videoId = randomUUID();
    await ds.getRepository(Lesson).insert([
      { id: videoId, moduleId, courseId, title: 'Video', type: 'video', position: 0, required: true, textHtml: null, mediaId: null, attachmentKey: null, durationSeconds: VIDEO_SECONDS },
      { id: randomUUID(), moduleId, courseId, title: 'Bài đọc', type: 'text', position: 1, required: true, textHtml: '<p>Nội dung</p>', mediaId: null, attachmentKey: null, durationSeconds: null },
    ]);
    const enrolments = users.slice(0, learners).map((u) => ({ id: randomUUID(), userId: u.id, courseId, orgUnitId: root.id, source: 'self', assignmentId: null, status: 'active', dueAt: null, progressPercent: 0, completedLessons: 0 }));
    for (let i = 0; i < enrolments.length; i += 500) await ds.createQueryBuilder().insert().into(Enrolment).values(enrolments.slice(i, i + 500)).execute();
    const sign = createSigner({ key: process.env.JWT_SECRET, algorithm: 'HS256', iss: 'bdhv', expiresIn: 30 * 60 * 1000 });
    const tokens = users.slice(0, learners).map((u) => sign({ sub: u.id, roles: u.roles, unit: root.id, path: root.path, sid: randomUUID() }));
    return { videoId, tokens };
  } finally {
    await ds.destroy();
  }
}

function stats(name, times, errors, seconds, statuses) {
  times.sort((a, b) => a - b);
  const pct = (p) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10 : NaN);
  return { name, learners, seconds, requests: times.length, requestsPerSec: Math.round(times.length / seconds), p50ms: pct(50), p95ms: pct(95), p99ms: pct(99), errors, ...(Object.keys(statuses).length ? { statuses: JSON.stringify(statuses) } : {}) };
}

async function run(url, videoId, tokens, { name, seconds, intervalMs }) {
  const times = [];
  let errors = 0;
  const statuses = {};
  const end = Date.now() + seconds * 1000;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Each learner plays the video from a different place, so rows and ranges differ.
  const learner = async (token, i) => {
    let t = (i * 7) % (VIDEO_SECONDS - 200);
    const step = intervalMs ? intervalMs / 1000 : 1;
    if (intervalMs) await sleep(Math.random() * intervalMs);
    while (Date.now() < end) {
      const next = Math.min(VIDEO_SECONDS, t + step);
      const started = performance.now();
      try {
        const status = await post(`${url}/api/progress/lessons/${videoId}/heartbeat`, token, JSON.stringify({ ranges: [[t, next]], position: next }));
        times.push(performance.now() - started);
        if (status !== 200) {
          errors++;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      } catch {
        errors++;
      }
      t = next >= VIDEO_SECONDS ? 0 : next;
      if (intervalMs) await sleep(Math.max(0, intervalMs - (performance.now() - started)));
    }
  };
  await Promise.all(tokens.map(learner));
  return stats(name, times, errors, seconds, statuses);
}

const server = await startServer(3996, { seed: true });
try {
  const { videoId, tokens } = await seed();
  const rows = [
    await run(server.url, videoId, tokens, { name: `steady: heartbeat every 10 s`, seconds: steadySeconds, intervalMs: 10_000 }),
    await run(server.url, videoId, tokens, { name: 'saturation: back to back', seconds: saturationSeconds, intervalMs: 0 }),
  ];
  print(`Progress heartbeat benchmark (${server.backend ?? server.url}) — ${learners} learners`, rows);
  console.log(machine());
} finally {
  await server.stop();
}
