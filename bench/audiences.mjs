// Audiences at scale: the users list filtered by audience or role, and the expansion of a course
// assignment into enrolments, on a large user table.
//   npx nx run-many -t build -p contracts api
//   DATABASE_URL=mariadb://root@127.0.0.1:3306/bdhv_bench_audiences REDIS_URL=redis://127.0.0.1:6379/5 node bench/audiences.mjs
// Options: BENCH_USERS (300000), BENCH_UNITS (200 communes added under the province), BENCH_URL.
// Users are written straight into the database (raw multi-row INSERTs) once per database and
// reused by later runs; each run assigns a fresh course, so every assignment enrols from scratch.
// The script writes whichever schema the built API has: the audience/role join tables, or the
// older comma-joined `users.audiences`/`users.roles` columns, so the same figures can be taken
// before and after that migration.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { load, print, startServer } from './lib.mjs';

const require = createRequire(import.meta.url);
const { loadConfig } = require('../apps/api/dist/config/config.js');
const { createAppDataSource } = require('../apps/api/dist/entities.js');

const userCount = Number(process.env.BENCH_USERS ?? 300_000);
const unitCount = Number(process.env.BENCH_UNITS ?? 200);
const BATCH = 1000;

// The same secrets lib.mjs gives the server (production mode requires them).
process.env.JWT_SECRET ??= 'bench-only-jwt-secret-not-for-production-use';
process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');

/** Deterministic mix (same for every run and schema): 70 % residents, 20 % officials (a quarter of them also communications staff), 6 % press, 4 % enterprise. */
function audiencesOf(i) {
  // A multiplicative hash, so the mix does not follow the unit (user i lives in commune i % units).
  const r = ((i * 2654435761) >>> 0) % 100;
  if (r < 70) return ['resident'];
  if (r < 85) return ['official'];
  if (r < 90) return ['official', 'communications'];
  if (r < 96) return ['press'];
  return ['enterprise'];
}
function rolesOf(i) {
  return i % 500 === 0 ? ['learner', 'trainer'] : ['learner'];
}

async function hasTable(ds, name) {
  const sql = ds.options.type === 'better-sqlite3' ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?" : 'SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?';
  return (await ds.query(sql, [name])).length > 0;
}

async function insertRows(ds, table, columns, rows) {
  if (!rows.length) return;
  const q = (c) => (ds.options.type === 'better-sqlite3' ? `"${c}"` : `\`${c}\``);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  await ds.query(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`, rows.flat());
}

/** Adds the communes and users once per database; returns the schema flavour and the province root. */
async function seed() {
  const ds = createAppDataSource(loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' }));
  await ds.initialize();
  try {
    const relational = await hasTable(ds, 'user_audiences');
    const [root] = await ds.query("SELECT id, path FROM org_units WHERE code = 'LS'");
    const [{ n }] = await ds.query("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'bench.aud.%'");
    if (Number(n) === 0) {
      const started = performance.now();
      const units = [];
      for (let u = 0; u < unitCount; u++) {
        const id = randomUUID();
        units.push([id, `BENCH-C${u}`, `Xã Đo Tải ${u}`, 'commune', root.id, `${root.path}${id}/`, 1]);
      }
      await insertRows(ds, 'org_units', ['id', 'code', 'name', 'kind', 'parentId', 'path', 'active'], units);
      const lastNames = ['Nguyễn', 'Hoàng', 'Lương', 'Vi', 'Hà', 'Lộc', 'Nông', 'Lăng'];
      for (let i = 0; i < userCount; i += BATCH) {
        const users = [];
        const roleRows = [];
        const audienceRows = [];
        for (let j = i; j < Math.min(userCount, i + BATCH); j++) {
          const id = randomUUID();
          const name = `${lastNames[j % lastNames.length]} Văn Đo Tải ${j}`;
          const email = `bench.aud.${j}@bench.hocvuso.vn`;
          const base = [id, name, email, units[j % units.length][0], j % 50 === 49 ? 'disabled' : 'active', `${name.toLowerCase()} ${email}`];
          if (relational) {
            users.push(base);
            for (const r of rolesOf(j)) roleRows.push([id, r]);
            for (const a of audiencesOf(j)) audienceRows.push([id, a]);
          } else {
            users.push([...base, rolesOf(j).join(','), audiencesOf(j).join(',')]);
          }
        }
        await insertRows(ds, 'users', ['id', 'fullName', 'email', 'orgUnitId', 'status', 'searchText', ...(relational ? [] : ['roles', 'audiences'])], users);
        await insertRows(ds, 'user_roles', ['userId', 'role'], roleRows);
        await insertRows(ds, 'user_audiences', ['userId', 'audience'], audienceRows);
      }
      console.log(`seeded ${userCount} users in ${unitCount} communes in ${((performance.now() - started) / 1000).toFixed(1)} s (${relational ? 'join tables' : 'comma-joined columns'})`);
    }
    // A fresh published course per run (owned by the demo trainer), so each assignment enrols from scratch.
    const [trainer] = await ds.query("SELECT id FROM users WHERE email = 'giangvien@demo.hocvuso.vn'");
    const courseIds = [];
    for (let k = 0; k < 2; k++) {
      const id = randomUUID();
      const tag = id.slice(0, 8);
      const columns = ['id', 'slug', 'title', 'summary', 'category', 'status', 'strictOrder', 'ownerId', 'searchText', 'publishedAt', ...(relational ? [] : ['tags', 'targetAudiences', 'targetUnitIds'])];
      await insertRows(ds, 'courses', columns, [[id, `bench-aud-${tag}`, `Khóa học đo tải ${tag}`, '', 'bench', 'published', 0, trainer.id, `bench ${tag}`, new Date().toISOString().slice(0, 19).replace('T', ' '), ...(relational ? [] : ['', '', ''])]]);
      await insertRows(ds, 'course_owners', ['courseId', 'userId', 'role'], [[id, trainer.id, 'owner']]);
      courseIds.push(id);
    }
    const [commune] = await ds.query("SELECT id FROM org_units WHERE code = 'BENCH-C7'");
    return { relational, root, communeId: commune.id, courseIds };
  } finally {
    await ds.destroy();
  }
}

/**
 * The users an assignment to the whole province selects, read the way the `enrolments.assign` job
 * reads them (batches of 500 in user id order), without writing enrolments: the part of the job the
 * schema decides. Comma-joined columns: one keyset pass over users with four LIKE patterns per
 * audience. Join tables: one pass per audience along user_audiences' (audience, userId) index.
 */
async function selection(relational, root, audiences) {
  const ds = createAppDataSource(loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' }));
  await ds.initialize();
  try {
    const prefix = `${root.path.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const started = performance.now();
    let queries = 0;
    const seen = new Set();
    const passes = relational ? audiences : [null];
    for (const audience of passes) {
      let after = '';
      for (;;) {
        let rows;
        if (relational) {
          rows = await ds.query(
            "SELECT u.id AS id, u.orgUnitId AS orgUnitId FROM user_audiences ua INNER JOIN users u ON u.id = ua.userId INNER JOIN org_units o ON o.id = u.orgUnitId WHERE ua.audience = ? AND ua.userId > ? AND o.path LIKE ? ESCAPE '!' AND u.status = 'active' ORDER BY ua.userId LIMIT 500",
            [audience, after, prefix],
          );
        } else {
          const esc = (v) => v.replace(/[!%_]/g, (c) => `!${c}`);
          const any = audiences.map(() => "(u.audiences = ? OR u.audiences LIKE ? ESCAPE '!' OR u.audiences LIKE ? ESCAPE '!' OR u.audiences LIKE ? ESCAPE '!')").join(' OR ');
          rows = await ds.query(
            `SELECT u.id AS id, u.orgUnitId AS orgUnitId FROM users u INNER JOIN org_units o ON o.id = u.orgUnitId WHERE o.path LIKE ? ESCAPE '!' AND u.status = 'active' AND u.id > ? AND (${any}) ORDER BY u.id LIMIT 500`,
            [prefix, after, ...audiences.flatMap((v) => [v, `${esc(v)},%`, `%,${esc(v)}`, `%,${esc(v)},%`])],
          );
        }
        queries++;
        for (const r of rows) seen.add(r.id);
        if (rows.length < 500) break;
        after = rows[rows.length - 1].id;
      }
    }
    return { users: seen.size, queries, ms: Math.round(performance.now() - started) };
  } finally {
    await ds.destroy();
  }
}

async function json(res) {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

const server = await startServer(3996, { seed: true });
try {
  const { relational, root, communeId, courseIds } = await seed();
  const login = await json(
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'admin@demo.hocvuso.vn', password: 'QuanTri@2025' }),
    }),
  );
  const headers = { authorization: `Bearer ${login.accessToken}` };
  const schema = relational ? 'join tables' : 'comma-joined columns';

  // ---- Users list -------------------------------------------------------------------------------
  const lists = [
    ['no filter', ''],
    ['audience=official (~20 %)', '&audience=official'],
    ['audience=communications (~5 %)', '&audience=communications'],
    ['role=trainer (~0.2 %)', '&role=trainer'],
    ['audience=press, one commune', `&audience=press&orgUnitId=${communeId}`],
  ];
  const listRows = [];
  for (const [name, filter] of lists) {
    const url = `${server.url}/api/users?page=1&pageSize=20${filter}`;
    const first = await json(await fetch(url, { headers }));
    const result = await load(name, { url, headers, connections: 2, duration: 20, timeout: 120 });
    listRows.push({ schema, ...result, total: first.total });
  }
  print(`GET /api/users as administrator, ${userCount} users (${server.backend ?? server.url})`, listRows);

  // ---- Assignment expansion -----------------------------------------------------------------------
  const selections = [];
  for (const audiences of [['official'], ['communications', 'press'], ['press']]) {
    selections.push({ schema, audiences: audiences.join(' + '), ...(await selection(relational, root, audiences)) });
  }
  print('Selecting the users of an assignment to the whole province (no writes)', selections);

  const assignments = [
    ['official (~20 %)', ['official']],
    ['communications + press (~11 %)', ['communications', 'press']],
  ];
  const assignRows = [];
  for (const [k, [name, audiences]] of assignments.entries()) {
    const started = performance.now();
    let a = await json(
      await fetch(`${server.url}/api/courses/${courseIds[k]}/assignments`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ orgUnitId: root.id, audiences }),
      }),
    );
    while (a.status === 'queued' || a.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      const all = await json(await fetch(`${server.url}/api/courses/${courseIds[k]}/assignments`, { headers }));
      a = all.items.find((x) => x.id === a.id);
    }
    const seconds = (performance.now() - started) / 1000;
    if (a.status !== 'completed') throw new Error(`assignment ${a.status}`);
    assignRows.push({ schema, audiences: name, users: userCount, enrolled: a.enrolled, seconds: Math.round(seconds * 100) / 100, 'enrolments/s': Math.round(a.enrolled / seconds) });
  }
  print(`Assignment to the whole province (${server.backend ?? server.url})`, assignRows);
} finally {
  await server.stop();
}
