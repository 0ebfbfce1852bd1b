import { randomUUID } from 'node:crypto';
import { Booted } from '../src/bootstrap';
import { DiagnosticsService } from '../src/modules/diagnostics/diagnostics.service';
import { QueueService } from '../src/queue/queue.service';
import { startApi, startWorker, TestDatabase, usingRedis, waitFor } from './helpers/test-app';

/**
 * The same jobs on both drivers: inline (the embedded default) runs them in the API process;
 * BullMQ (REDIS_URL set) runs them in a separate worker process context, as `npm run start:worker` does.
 */
describe(`queue (${usingRedis ? 'BullMQ on Redis' : 'inline driver'})`, () => {
  let db: TestDatabase;
  let api: Booted<unknown>;
  let worker: Booted<unknown> | null = null;
  let queue: QueueService;
  let diagnostics: DiagnosticsService;
  const prefix = `bdhvtest_q_${process.pid}`;

  beforeAll(async () => {
    db = await TestDatabase.create();
    await db.migrate();
    const booted = await startApi(db, { QUEUE_PREFIX: prefix });
    api = booted;
    queue = booted.app.get(QueueService);
    diagnostics = booted.app.get(DiagnosticsService);
    if (usingRedis) worker = await startWorker(db, { QUEUE_PREFIX: prefix });
  });
  afterAll(async () => {
    await worker?.shutdown();
    await api?.shutdown();
    await db?.dispose();
  });

  const expectedHandler = usingRedis ? 'worker' : 'api';

  it('runs an enqueued job and its effect lands in the database', async () => {
    const probeId = randomUUID();
    await queue.enqueue('diagnostics.probe', { probeId });
    const probe = await waitFor(() => diagnostics.findProbe(probeId));
    expect(probe).toMatchObject({ id: probeId, attempts: 1, handledBy: expectedHandler });
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const probeId = randomUUID();
    await queue.enqueue('diagnostics.probe', { probeId, failAttempts: 2 });
    const probe = await waitFor(() => diagnostics.findProbe(probeId));
    expect(probe.attempts).toBe(3);
  });

  it('is idempotent: the same job id enqueued twice lands once', async () => {
    const probeId = randomUUID();
    const jobId = `probe-${probeId}`;
    await queue.enqueue('diagnostics.probe', { probeId }, { jobId });
    await queue.enqueue('diagnostics.probe', { probeId }, { jobId });
    await waitFor(() => diagnostics.findProbe(probeId));
    // Running the handler again by hand (a redelivered job) changes nothing either.
    await diagnostics.recordProbe({ probeId }, { jobId, attempt: 9, processRole: 'api' });
    expect((await diagnostics.findProbe(probeId))?.attempts).toBe(1);
  });

  it('finishes an in-flight job before shutting down', async () => {
    const tmp = await TestDatabase.create();
    await tmp.migrate();
    const p = `bdhvtest_s_${process.pid}`;
    const local = await startApi(tmp, { QUEUE_PREFIX: p, QUEUE_RUN_WORKERS_IN_API: 'true' });
    const probeId = randomUUID();
    try {
      const started = Date.now();
      await local.app.get(QueueService).enqueue('diagnostics.probe', { probeId, holdMs: 400 });
      // Let the job start, then ask for shutdown while it is still holding.
      await new Promise((r) => setTimeout(r, 150));
      await local.shutdown('SIGTERM');
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      const ds = tmp.dataSource();
      await ds.initialize();
      const rows = await ds.query(`SELECT id FROM queue_probes WHERE id = '${probeId}'`);
      await ds.destroy();
      expect(rows).toHaveLength(1);
    } finally {
      await local.shutdown();
      await tmp.dispose();
    }
  });
});
