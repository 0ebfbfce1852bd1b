import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../src/common/access-token.service';
import type { SecretsService } from '../src/common/secrets.service';
import { loadConfig } from '../src/config/config';
import { Enrolment } from '../src/modules/enrolments/enrolment.entity';
import { OutboxEvent } from '../src/queue/outbox-event.entity';
import { createCourse } from './factories/learning.factory';
import { createOrgUnit } from './factories/org-units.factory';
import { createUser, seedTree } from './factories/users.factory';
import { closeMigratedDatabase, openMigratedDatabase, TestDatabase, usingMysql, waitFor } from './helpers/test-app';

/**
 * Done-means 1 of issue 9, on the production path: MariaDB, BullMQ on Redis, the API and a worker as
 * real processes. Redis stops; learners complete courses (every answer is 200); the API and the
 * worker are killed (SIGKILL: nothing in their memory survives) before Redis returns; Redis, the API
 * and the worker start again → every completion's event reaches each of two consumers exactly once.
 *
 * Redis is a private `redis-server` on a free port (append-only file in a temp directory, like a
 * production Redis that keeps its data), never the shared one, so other tests are not disturbed.
 */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const runs = usingMysql && hasRedisServer;
if (!runs && process.env.CI === 'true' && usingMysql) throw new Error('outbox-faults needs redis-server (apt-get install redis-server)');
if (!runs) console.warn(`outbox-faults skipped: needs DATABASE_URL (MariaDB/MySQL)${hasRedisServer ? '' : ' and redis-server'}`);

/** Completions while Redis is down. */
const LEARNERS = 200;
/** Completions before, with everything up: they show the path works and how fast it is. */
const HAPPY = 5;
/** The two consumers the child processes register (test/helpers/outbox-fault-app.ts). */
const FAULT_CONSUMERS = ['fault-certificates', 'fault-statistics'];
const apiRoot = path.join(__dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A child process whose output is kept, to explain a failure. */
class Child {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.shift();
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill(signal);
    await this.exited;
  }
  tail(): string {
    return `--- ${this.name} ---\n${this.output.join('').split('\n').slice(-40).join('\n')}`;
  }
}

(runs ? describe : describe.skip)('outbox under faults (MariaDB + BullMQ, API and worker processes)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let tmp: string;
  let redisPort: number;
  let apiPort: number;
  let redis: Child | null = null;
  let api: Child | null = null;
  let worker: Child | null = null;
  const children = () => [api, worker, redis].filter((c): c is Child => c !== null);
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
  let courseId: string;
  let lessonId: string;
  let learners: Array<{ id: string; token: string }>;

  function startRedis(): Promise<Child> {
    const child = new Child('redis', spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', tmp], { stdio: ['ignore', 'pipe', 'pipe'] }));
    return waitFor(async () => {
      const probe = new IORedis({ port: redisPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG' ? child : null;
      } catch {
        return null;
      } finally {
        probe.disconnect();
      }
    }, 15_000);
  }

  function startApp(role: 'api' | 'worker'): Child {
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
      WEB_DIST_DIR: '',
      ...db.env,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: 'bdhvfault',
      QUEUE_BACKOFF_MS: '200',
      // Leftovers are looked for every second (the default is 5 s) to keep the test short.
      OUTBOX_POLL_MS: '1000',
      PORT: String(apiPort),
      STORAGE_DIR: path.join(tmp, 'storage'),
      FAULT_CONSUMERS: FAULT_CONSUMERS.join(','),
      ...secrets,
    };
    return new Child(role, spawn(process.execPath, ['--conditions=@bdhv/source', '-r', '@swc-node/register', 'test/helpers/outbox-fault-app.ts', role], { cwd: apiRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  async function startApi(): Promise<Child> {
    const child = startApp('api');
    await waitFor(async () => {
      if (child.proc.exitCode !== null) throw new Error(`API exited\n${child.tail()}`);
      const res = await fetch(`http://127.0.0.1:${apiPort}/api/health`).catch(() => null);
      return res?.status === 200;
    }, 120_000);
    return child;
  }

  async function startWorkerProcess(): Promise<Child> {
    const child = startApp('worker');
    await waitFor(async () => {
      if (child.proc.exitCode !== null) throw new Error(`worker exited\n${child.tail()}`);
      return child.output.join('').includes('ready worker');
    }, 120_000);
    return child;
  }

  const complete = async (learner: { token: string }) => {
    const res = await fetch(`http://127.0.0.1:${apiPort}/api/progress/lessons/${lessonId}/complete`, { method: 'POST', headers: { authorization: `Bearer ${learner.token}` } });
    return { status: res.status, body: (await res.json()) as { courseCompleted?: boolean } };
  };

  const deliveries = (): Promise<Array<{ eventId: string; consumer: string; enrolmentId: string; deliveries: number }>> =>
    ds.query('SELECT eventId, consumer, enrolmentId, deliveries FROM fault_deliveries');

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-outbox-faults-'));
    redisPort = await freePort();
    apiPort = await freePort();
    await ds.query('CREATE TABLE fault_deliveries (eventId varchar(36) NOT NULL, consumer varchar(40) NOT NULL, enrolmentId varchar(36) NOT NULL, deliveries int NOT NULL, PRIMARY KEY (eventId, consumer))');
    const units = await seedTree(ds);
    const unit = await createOrgUnit(ds, { parent: units.get('LS')! });
    const trainer = await createUser(ds, { orgUnitId: unit.id, roles: ['trainer'] });
    const { course, lessons } = await createCourse(ds, { ownerId: trainer.id, modules: [[{ type: 'text' }]] });
    courseId = course.id;
    lessonId = lessons[0].id;
    // Access tokens only identify the caller: signed here with the API's secret, no sign-in round trips.
    const tokens = new AccessTokenService(loadConfig({ ...db.env, ...secrets }), { jwtSecret: secrets.JWT_SECRET } as SecretsService);
    learners = [];
    for (let i = 0; i < LEARNERS + HAPPY; i++) {
      const user = await createUser(ds, { orgUnitId: unit.id, fullName: `Học Viên ${i + 1}` });
      learners.push({ id: user.id, token: tokens.issueAccessToken(user.id, randomUUID()) });
    }
    redis = await startRedis();
    [api, worker] = await Promise.all([startApi(), startWorkerProcess()]);
    for (let i = 0; i < learners.length; i += 20) {
      const statuses = await Promise.all(
        learners.slice(i, i + 20).map(async (l) => (await fetch(`http://127.0.0.1:${apiPort}/api/courses/${courseId}/enrol`, { method: 'POST', headers: { authorization: `Bearer ${l.token}` } })).status),
      );
      expect(statuses.every((s) => s === 201)).toBe(true);
    }
  }, 300_000);

  afterAll(async () => {
    for (const child of children()) await child.kill('SIGKILL');
    await closeMigratedDatabase(db, ds);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('delivers every completion exactly once to each consumer after Redis, the API and the worker went down', async () => {
    try {
      // With everything up, a completion reaches both consumers, right after the answer.
      const happy = learners.slice(0, HAPPY);
      const rest = learners.slice(HAPPY);
      const relayMs: number[] = [];
      for (const [i, learner] of happy.entries()) {
        expect(await complete(learner)).toMatchObject({ status: 200, body: { courseCompleted: true } });
        const answered = Date.now();
        await waitFor(async () => (await deliveries()).length === 2 * (i + 1), 30_000);
        relayMs.push(Date.now() - answered);
      }

      // Redis stops. Learners keep completing: every request is answered and stored.
      await redis!.kill('SIGTERM');
      redis = null;
      const started = Date.now();
      const latencies: number[] = [];
      for (let i = 0; i < rest.length; i += 20) {
        const answers = await Promise.all(
          rest.slice(i, i + 20).map(async (l) => {
            const t = Date.now();
            const answer = await complete(l);
            latencies.push(Date.now() - t);
            return answer;
          }),
        );
        for (const a of answers) expect(a).toMatchObject({ status: 200, body: { courseCompleted: true } });
      }
      const outageMs = Date.now() - started;
      const completed = await ds.getRepository(Enrolment).countBy({ courseId, status: 'completed' });
      expect(completed).toBe(LEARNERS + HAPPY);
      // Each completion wrote its event in its own transaction; none could reach the queue.
      const written = await ds.getRepository(OutboxEvent).findBy({ name: 'learning.course_completed' });
      expect(written).toHaveLength(LEARNERS + HAPPY);
      expect(written.filter((e) => e.relayedAt === null)).toHaveLength(LEARNERS);

      // The API and the worker die before Redis returns: whatever they held in memory is gone.
      await Promise.all([api!.kill('SIGKILL'), worker!.kill('SIGKILL')]);
      api = worker = null;

      redis = await startRedis();
      const restarted = Date.now();
      [api, worker] = await Promise.all([startApi(), startWorkerProcess()]);
      const bootedMs = Date.now() - restarted;
      await waitFor(async () => (await deliveries()).length >= 2 * (LEARNERS + HAPPY), 120_000);
      const deliveredMs = Date.now() - restarted;
      // Give a duplicate time to show up before counting.
      await new Promise((r) => setTimeout(r, 3000));

      const rows = await deliveries();
      const events = await ds.getRepository(OutboxEvent).find();
      expect(events).toHaveLength(LEARNERS + HAPPY);
      expect(events.filter((e) => e.relayedAt === null)).toEqual([]);
      // One event per completed enrolment…
      const enrolments = await ds.getRepository(Enrolment).findBy({ courseId, status: 'completed' });
      expect(new Set(events.map((e) => JSON.parse(e.payload).enrolmentId))).toEqual(new Set(enrolments.map((e) => e.id)));
      // …delivered exactly once to each consumer.
      for (const consumer of FAULT_CONSUMERS) {
        const mine = rows.filter((r) => r.consumer === consumer);
        expect({ consumer, events: mine.length, enrolments: new Set(mine.map((r) => r.enrolmentId)).size }).toEqual({ consumer, events: LEARNERS + HAPPY, enrolments: LEARNERS + HAPPY });
      }
      expect(rows.filter((r) => Number(r.deliveries) !== 1)).toEqual([]);

      latencies.sort((a, b) => a - b);
      console.log(
        [
          `outbox: with everything up, both consumers had a completion ${relayMs.sort((a, b) => a - b).join(', ')} ms after its answer (polled every 25 ms);`,
          `${LEARNERS} completions while Redis was down in ${outageMs} ms`,
          `(answer p50 ${latencies[Math.floor(latencies.length / 2)]} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)]} ms, all 200);`,
          `API + worker booted again in ${bootedMs} ms; all ${2 * (LEARNERS + HAPPY)} deliveries done ${deliveredMs} ms after the restart began.`,
        ].join(' '),
      );
    } catch (err) {
      console.error(children().map((c) => c.tail()).join('\n'));
      throw err;
    }
  }, 600_000);
});
