import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import type { JobRequest } from './job-map';
import { OutboxEvent } from './outbox-event.entity';
import { ConsumerRoute, OutboxRelay, OutboxRelayOptions } from './outbox.relay';

const silent = pino({ level: 'silent' });
const options: OutboxRelayOptions = { batchSize: 10, leaseMs: 60_000, enqueueTimeoutMs: 200, pollMs: 60_000, maxBackoffMs: 1000, lanes: 3 };
const twoConsumers = (): ConsumerRoute[] => [
  { consumer: 'certificates', queue: 'domain', jobName: 'event:learning.course_completed:certificates' },
  { consumer: 'statistics', queue: 'domain', jobName: 'event:learning.course_completed:statistics' },
];

/** A queue that records what it was given; durable like BullMQ unless told otherwise. */
class FakeQueue {
  durable = true;
  added: JobRequest[] = [];
  down = false;
  refuse = false;
  settle: Array<(ok: boolean) => void> = [];
  async ping() {
    if (this.down) throw new Error('ECONNREFUSED');
  }
  async add(jobs: JobRequest[]) {
    if (this.refuse) throw new Error('READONLY');
    this.added.push(...jobs);
  }
  whenSettled(): Promise<boolean> {
    return new Promise((resolve) => this.settle.push(resolve));
  }
}

describe('OutboxRelay', () => {
  let db: DataSource;
  let queue: FakeQueue;
  const relay = (o: Partial<OutboxRelayOptions> = {}, q: FakeQueue = queue) => new OutboxRelay(db, q, () => twoConsumers(), { ...options, ...o }, silent);
  const rows = () => db.getRepository(OutboxEvent).find({ order: { createdAt: 'ASC' } });

  async function publish(count: number, o: Partial<OutboxEvent> = {}): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const at = new Date(Date.now() - 1000 + i);
      await db.getRepository(OutboxEvent).insert({ id, name: 'learning.course_completed', payload: JSON.stringify({ n: i }), createdAt: at, availableAt: at, attempts: 0, ...o });
      ids.push(id);
    }
    return ids;
  }

  beforeEach(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [OutboxEvent], synchronize: true });
    await db.initialize();
    queue = new FakeQueue();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('gives two relays claiming at the same moment disjoint rows', async () => {
    const ids = await publish(8);
    // Both read the same candidates; the conditional UPDATE lets only the first take them.
    const [a, b] = await Promise.all([relay().claim(), relay().claim()]);
    const claimedA = a.rows.map((r) => r.id);
    const claimedB = b.rows.map((r) => r.id);
    expect(claimedA.filter((id) => claimedB.includes(id))).toEqual([]);
    expect([...claimedA, ...claimedB].sort()).toEqual([...ids].sort());
    // Each row is held by the pass that claimed it, for the lease.
    for (const row of await rows()) {
      expect(row.claimToken).toBe(claimedA.includes(row.id) ? a.token : b.token);
      expect(row.claimedUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    }
    // While held, nobody else gets them.
    expect((await relay().claim()).rows).toEqual([]);
  });

  it('leaves to the first claimer a row both relays saw as free', async () => {
    const ids = await publish(4);
    const late = relay();
    const seen = await late.candidates();
    expect(seen.sort()).toEqual([...ids].sort());
    // Another relay claims two of them between the late relay's read and its update.
    const early = relay({ batchSize: 2 });
    const first = await early.claim();
    expect(first.rows).toHaveLength(2);
    const second = await late.take(seen);
    expect(second.rows.map((r) => r.id).sort()).toEqual(ids.filter((id) => !first.rows.some((r) => r.id === id)).sort());
  });

  it('takes over the rows of a relay that died, once its lease has run out', async () => {
    await publish(3);
    const dead = await relay({ leaseMs: 150 }).claim();
    expect(dead.rows).toHaveLength(3);
    expect((await relay().claim()).rows).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 200));
    const heir = relay();
    expect(await heir.relayDue()).toBe(3);
    // The dead relay's late mark changes nothing: the rows are no longer its own.
    expect((await rows()).every((r) => r.relayedAt && r.claimToken === null)).toBe(true);
  });

  it('relays each event as one job per consumer, marks it relayed, and never relays it again', async () => {
    const [id] = await publish(1);
    expect(await relay().relayDue()).toBe(1);
    expect(queue.added).toEqual([
      { queue: 'domain', name: 'event:learning.course_completed:certificates', jobId: `${id}.certificates`, data: expect.objectContaining({ eventId: id, event: 'learning.course_completed', payload: { n: 0 } }) },
      { queue: 'domain', name: 'event:learning.course_completed:statistics', jobId: `${id}.statistics`, data: expect.objectContaining({ eventId: id }) },
    ]);
    const [row] = await rows();
    expect(row.relayedAt).not.toBeNull();
    expect(row.claimToken).toBeNull();
    expect(await relay().relayDue()).toBe(0);
    expect(queue.added).toHaveLength(2);
  });

  it('relays in batches until nothing is due, oldest first, and leaves events planned for later', async () => {
    const ids = await publish(25);
    const later = await publish(1, { availableAt: new Date(Date.now() + 60_000) });
    expect(await relay().relayDue()).toBe(25);
    expect([...new Set(queue.added.map((j) => (j.data as { eventId: string }).eventId))]).toEqual(ids);
    expect((await rows()).filter((r) => !r.relayedAt).map((r) => r.id)).toEqual(later);
  });

  it('claims nothing while the queue is unreachable, and releases a batch the queue refused', async () => {
    await publish(2);
    queue.down = true;
    await expect(relay().relayDue()).rejects.toThrow(/ECONNREFUSED/);
    expect((await rows()).every((r) => r.claimToken === null && r.attempts === 0)).toBe(true);
    queue.down = false;
    queue.refuse = true;
    await expect(relay().relayDue()).rejects.toThrow(/READONLY/);
    // Released at once (another relay may succeed), with the failure recorded for operators.
    for (const r of await rows()) expect(r).toMatchObject({ claimToken: null, claimedUntil: null, relayedAt: null, attempts: 1, lastError: 'READONLY' });
    queue.refuse = false;
    expect(await relay().relayDue()).toBe(2);
  });

  it('gives up waiting for a queue that hangs, and releases the batch', async () => {
    await publish(1);
    const hanging = Object.assign(new FakeQueue(), { add: () => new Promise<void>(() => undefined) });
    await expect(relay({}, hanging).relayDue()).rejects.toThrow(/did not take the jobs within 200 ms/);
    expect((await rows())[0]).toMatchObject({ claimToken: null, attempts: 1 });
  });

  it('with an in-process queue, holds an event until its consumers have run, and releases it when they were dropped', async () => {
    queue.durable = false;
    await publish(2);
    const r = relay({ leaseMs: 90 });
    expect(await r.relayDue()).toBe(2);
    // Held (lease renewed) while the consumers run, however long they take.
    await new Promise((res) => setTimeout(res, 200));
    expect((await rows()).every((x) => x.claimToken !== null && x.claimedUntil!.getTime() > Date.now() && !x.relayedAt)).toBe(true);
    expect((await relay().claim()).rows).toEqual([]);
    // The first event's consumers ran; the second's were dropped by a shutdown.
    queue.settle[0](true);
    queue.settle[1](false);
    await r.drain();
    const [first, second] = await rows();
    expect(first.relayedAt).not.toBeNull();
    expect(second).toMatchObject({ relayedAt: null, claimToken: null });
    // The next start delivers the second one again.
    queue.durable = true;
    expect(await relay().relayDue()).toBe(1);
  });

  it('marks an event without consumers as relayed, and sets aside a row that is not JSON', async () => {
    await publish(1, { name: 'nobody.listens' });
    const [bad] = await publish(1, { payload: '{oops' });
    const lonely = new OutboxRelay(db, queue, (e) => (e === 'nobody.listens' ? [] : twoConsumers()), options, silent);
    expect(await lonely.relayDue()).toBe(2);
    expect(queue.added).toEqual([]);
    const after = await rows();
    expect(after.find((r) => r.name === 'nobody.listens')!.relayedAt).not.toBeNull();
    const aside = after.find((r) => r.id === bad)!;
    expect(aside).toMatchObject({ relayedAt: null, claimToken: null, attempts: 1, lastError: 'unreadable payload (not JSON)' });
    expect(aside.claimedUntil!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
  });

  it('relays right after a kick, and retries by itself after a failure', async () => {
    const r = relay({ maxBackoffMs: 50 });
    queue.down = true;
    r.start();
    await publish(1);
    r.kick();
    await new Promise((res) => setTimeout(res, 30));
    expect(queue.added).toEqual([]);
    queue.down = false;
    const end = Date.now() + 2000;
    while (!queue.added.length && Date.now() < end) await new Promise((res) => setTimeout(res, 10));
    expect(queue.added).toHaveLength(2);
    await r.stop();
  });
});
