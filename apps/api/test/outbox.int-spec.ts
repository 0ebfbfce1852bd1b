import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { Booted } from '../src/bootstrap';
import { serializedTransaction } from '../src/database/transactions';
import type { JobRequest } from '../src/queue/job-map';
import { OutboxEvent } from '../src/queue/outbox-event.entity';
import { DEFAULT_RELAY_OPTIONS, OutboxRelay } from '../src/queue/outbox.relay';
import { OutboxService } from '../src/queue/outbox.service';
import { Delivery, recordingConsumers } from './helpers/recording-consumers';
import { closeMigratedDatabase, openMigratedDatabase, startApi, startWorker, TestDatabase, usingMysql, usingRedis, waitFor } from './helpers/test-app';

const payload = (n: number) => ({ enrolmentId: `e-${n}-${randomUUID()}`, userId: randomUUID(), courseId: randomUUID(), completedAt: new Date().toISOString() });

describe(`outbox (${usingMysql ? 'MariaDB' : 'SQLite'} + ${usingRedis ? 'BullMQ worker' : 'inline queue'})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const deliveries: Delivery[] = [];
  const consumers = { modules: [recordingConsumers({ sink: deliveries, event: 'learning.course_completed', consumers: ['a', 'b'] })] };
  let api: Booted<INestApplicationContext> | null = null;
  let worker: Booted<INestApplicationContext> | null = null;
  const prefix = `bdhvtest_ob_${process.pid}`;

  /** The API (and, with Redis, a worker); OUTBOX_POLL_MS is huge so only the commit can trigger a relay. */
  async function start(env: Record<string, string> = {}) {
    api = await startApi(db, { QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '600000', ...env }, consumers);
    if (usingRedis) worker = await startWorker(db, { QUEUE_PREFIX: prefix, OUTBOX_POLL_MS: '600000', ...env }, consumers);
  }
  async function stop() {
    await worker?.shutdown();
    await api?.shutdown();
    api = worker = null;
  }
  const deliveredTo = (enrolmentId: string) =>
    deliveries
      .filter((d) => d.payload.enrolmentId === enrolmentId)
      .map((d) => d.consumer)
      .sort();

  beforeAll(async () => {
    ({ db, ds } = await openMigratedDatabase());
  }, 60_000);
  afterEach(stop);
  afterAll(async () => {
    await stop();
    await closeMigratedDatabase(db, ds);
  });

  it('relays an event as soon as its transaction commits, and never one whose transaction rolled back', async () => {
    await start();
    const outbox = api!.app.get(OutboxService);
    // The API's own data source, and its transactions as domain code opens them (queued on SQLite).
    const appDb = api!.app.get(DataSource);
    const kept = payload(1);
    const dropped = payload(2);
    await serializedTransaction(appDb, async (em) => {
      await outbox.publish(em, 'learning.course_completed', kept);
      // A relay pass started by anything else meanwhile (another commit, the poll) must not see the
      // row before the commit, not even on SQLite's single connection.
      outbox.relay.kick();
      await new Promise((r) => setTimeout(r, 200));
      expect(deliveries).toEqual([]);
    });
    await expect(
      serializedTransaction(appDb, async (em) => {
        await outbox.publish(em, 'learning.course_completed', dropped);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // The poll is 10 minutes away: only the commit can have triggered this.
    await waitFor(async () => deliveredTo(kept.enrolmentId).length === 2, 5000);
    expect(deliveredTo(kept.enrolmentId)).toEqual(['a', 'b']);
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveredTo(dropped.enrolmentId)).toEqual([]);
    expect((await ds.getRepository(OutboxEvent).find()).map((r) => JSON.parse(r.payload).enrolmentId)).toEqual([kept.enrolmentId]);
  }, 30_000);

  it('holds an event published for later until it falls due', async () => {
    await start({ OUTBOX_POLL_MS: '300' });
    const later = payload(3);
    const at = new Date(Date.now() + 1500);
    await serializedTransaction(api!.app.get(DataSource), (em) => api!.app.get(OutboxService).publish(em, 'learning.course_completed', later, { at }));
    await new Promise((r) => setTimeout(r, 1000));
    expect(deliveredTo(later.enrolmentId)).toEqual([]);
    await waitFor(async () => deliveredTo(later.enrolmentId).length === 2, 5000);
    expect(Math.min(...deliveries.filter((d) => d.payload.enrolmentId === later.enrolmentId).map((d) => d.at))).toBeGreaterThanOrEqual(at.getTime());
  }, 30_000);

  it('relays each row once however many relays run at once', async () => {
    const repo = ds.getRepository(OutboxEvent);
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const id = randomUUID();
      ids.push(id);
      const now = new Date();
      await repo.insert({ id, name: 'test.concurrency', payload: '{}', createdAt: now, availableAt: now, attempts: 0 });
    }
    const added: JobRequest[] = [];
    const target = {
      durable: true,
      ping: async () => undefined,
      add: async (jobs: JobRequest[]) => {
        // Slow enough that passes overlap.
        await new Promise((r) => setTimeout(r, 5));
        added.push(...jobs);
      },
      whenSettled: async () => true,
    };
    const route = () => [{ consumer: 'only', queue: 'domain' as const, jobName: 'event:test.concurrency:only' }];
    // Four relays on separate connections (MariaDB: a pool per relay, as in separate processes).
    const sources = usingMysql ? await Promise.all([0, 1, 2, 3].map(async () => db.dataSource().initialize())) : [ds, ds, ds, ds];
    try {
      const relays = sources.map((s) => new OutboxRelay(s, target, route, { ...DEFAULT_RELAY_OPTIONS, batchSize: 20, pollMs: 60_000 }, pino({ level: 'silent' })));
      const counts = await Promise.all(relays.map((r) => r.relayDue()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
      // Every relay got a share when they really run side by side.
      if (usingMysql) expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    } finally {
      if (usingMysql) await Promise.all(sources.map((s) => s.destroy()));
    }
    const perEvent = new Map<string, number>();
    for (const j of added) perEvent.set((j.data as { eventId: string }).eventId, (perEvent.get((j.data as { eventId: string }).eventId) ?? 0) + 1);
    expect([...perEvent.keys()].sort()).toEqual([...ids].sort());
    expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
    expect((await repo.findBy({ name: 'test.concurrency' })).every((r) => r.relayedAt !== null)).toBe(true);
  }, 60_000);

  (usingRedis ? it.skip : it)('inline: delivers after a restart an event whose consumers had not run when the process stopped', async () => {
    // First life: the consumers' first attempts fail and their retries are 10 s away when the API stops.
    const failing: Delivery[] = [];
    api = await startApi(db, { QUEUE_PREFIX: prefix, QUEUE_BACKOFF_MS: '10000' }, { modules: [recordingConsumers({ sink: failing, event: 'learning.course_completed', consumers: ['a', 'b'], failAttempts: 1 })] });
    const event = payload(4);
    await serializedTransaction(api.app.get(DataSource), (em) => api!.app.get(OutboxService).publish(em, 'learning.course_completed', event));
    const find = async () => (await ds.getRepository(OutboxEvent).findBy({ name: 'learning.course_completed' })).find((r) => JSON.parse(r.payload).enrolmentId === event.enrolmentId)!;
    // Relayed to the in-process queue (claimed), but held until the consumers have run.
    await waitFor(async () => (await find()).claimToken !== null, 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(failing).toEqual([]);
    await api.shutdown();
    api = null;
    const row = await find();
    // Not relayed, and released at shutdown: the next start takes it at once.
    expect(row).toMatchObject({ relayedAt: null, claimToken: null });
    // Second life: delivered again (consumers are idempotent by ctx.eventId).
    await start();
    await waitFor(async () => deliveredTo(event.enrolmentId).length === 2, 5000);
    expect(deliveries.filter((d) => d.payload.enrolmentId === event.enrolmentId).every((d) => d.eventId === row.id)).toBe(true);
    await waitFor(async () => (await ds.getRepository(OutboxEvent).findOneByOrFail({ id: row.id })).relayedAt !== null, 5000);
  }, 60_000);

  it('purges relayed events past the retention, never unrelayed ones', async () => {
    await start({ OUTBOX_RETENTION_DAYS: '7' });
    const repo = ds.getRepository(OutboxEvent);
    const day = 86_400_000;
    const old = new Date(Date.now() - 8 * day);
    const rows = [
      { id: randomUUID(), relayedAt: old },
      { id: randomUUID(), relayedAt: new Date(Date.now() - 6 * day) },
      { id: randomUUID(), relayedAt: null },
    ];
    for (const r of rows) await repo.insert({ ...r, name: 'test.purge', payload: '{}', createdAt: old, availableAt: new Date(Date.now() + 365 * day), attempts: 0 });
    expect(await api!.app.get(OutboxService).purge()).toBeGreaterThanOrEqual(1);
    expect((await repo.findBy({ name: 'test.purge' })).map((r) => r.id).sort()).toEqual([rows[1].id, rows[2].id].sort());
  }, 30_000);
});
