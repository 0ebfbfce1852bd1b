import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Booted } from '../src/bootstrap';
import { DiagnosticsService } from '../src/modules/diagnostics/diagnostics.service';
import { BullmqQueueDriver } from '../src/queue/bullmq.driver';
import { QueueService } from '../src/queue/queue.service';
import { SchedulerService } from '../src/queue/scheduler.service';
import { startApi, startWorker, TestDatabase, usingRedis, waitFor } from './helpers/test-app';

/**
 * The same jobs on both drivers: inline (the embedded default) runs them in the API process;
 * BullMQ (REDIS_URL set) runs them in a separate worker process context, as `npm run start:worker` does.
 */
describe(`queue (${usingRedis ? 'BullMQ on Redis' : 'inline driver'})`, () => {
  let db: TestDatabase;
  let api: Booted<INestApplicationContext>;
  let worker: Booted<INestApplicationContext> | null = null;
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
  }, 60_000);
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

  it('runs a short domain job while a long media job holds the media line', async () => {
    // Two long jobs on the media queue (concurrency 1): the second waits for the first.
    const longA = randomUUID();
    const longB = randomUUID();
    const short = randomUUID();
    const behindLong = randomUUID();
    const started = Date.now();
    await queue.enqueue('diagnostics.probe', { probeId: longA, holdMs: 2500 }, { queue: 'media' });
    await queue.enqueue('diagnostics.probe', { probeId: longB, holdMs: 10 }, { queue: 'media' });
    await queue.enqueue('diagnostics.probe', { probeId: behindLong }, { queue: 'media' });
    await new Promise((r) => setTimeout(r, 200));
    await queue.enqueue('diagnostics.probe', { probeId: short });
    await waitFor(() => diagnostics.findProbe(short));
    const shortMs = Date.now() - started;
    // Landed long before the first media job ended, and before the media jobs queued behind it.
    expect(shortMs).toBeLessThan(1500);
    expect(await diagnostics.findProbe(longA)).toBeNull();
    expect(await diagnostics.findProbe(behindLong)).toBeNull();
    // The same short job put in the media line waits for the long one: that is what separate lines avoid.
    await waitFor(() => diagnostics.findProbe(behindLong));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect(await diagnostics.findProbe(longA)).not.toBeNull();
  }, 30_000);

  it('runs a recurring schedule once per slot, however many processes declare it', async () => {
    const slots: number[] = [];
    const runBy: string[] = [];
    // Two processes that run workers (the API here; two workers with BullMQ) declare the same schedule.
    const extraWorker = usingRedis ? await startWorker(db, { QUEUE_PREFIX: prefix }) : null;
    try {
      const schedulers = usingRedis ? [worker!.app.get(SchedulerService), extraWorker!.app.get(SchedulerService)] : [api.app.get(SchedulerService)];
      for (const [i, scheduler] of schedulers.entries()) {
        scheduler.recurring('test.tick', { every: 400 }, async (ctx) => {
          slots.push(ctx.slot.getTime());
          runBy.push(String(i));
        });
      }
      await new Promise((r) => setTimeout(r, 2200));
    } finally {
      await extraWorker?.shutdown();
    }
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
    const sorted = [...slots].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBe(400);
  }, 30_000);

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
  }, 30_000);

  (usingRedis ? it : it.skip)('serves only the queues a worker is told to (BullMQ)', async () => {
    const p = `bdhvtest_w_${process.pid}`;
    const local = await startApi(db, { QUEUE_PREFIX: p });
    const mediaOnly = await startWorker(db, { QUEUE_PREFIX: p, QUEUE_WORKER_QUEUES: 'media' });
    let domainWorker: Booted<unknown> | null = null;
    try {
      const q = local.app.get(QueueService);
      const onMedia = randomUUID();
      const onDomain = randomUUID();
      await q.enqueue('diagnostics.probe', { probeId: onDomain });
      await q.enqueue('diagnostics.probe', { probeId: onMedia }, { queue: 'media' });
      await waitFor(() => diagnostics.findProbe(onMedia));
      await new Promise((r) => setTimeout(r, 300));
      expect(await diagnostics.findProbe(onDomain)).toBeNull();
      expect(await (q.driver as BullmqQueueDriver).counts('domain')).toMatchObject({ waiting: 1 });
      // A worker for the domain queue picks it up.
      domainWorker = await startWorker(db, { QUEUE_PREFIX: p, QUEUE_WORKER_QUEUES: 'domain,bulk' });
      expect(await waitFor(() => diagnostics.findProbe(onDomain))).toMatchObject({ handledBy: 'worker' });
    } finally {
      await domainWorker?.shutdown();
      await mediaOnly.shutdown();
      await local.shutdown();
    }
  }, 60_000);
});
