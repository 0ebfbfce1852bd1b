import pino from 'pino';
import { InlineQueueDriver } from './inline.driver';
import { DriverHandler, DriverJobContext, HandlerRegistry, JobRequest } from './job-map';
import { QUEUE_NAMES, QueueName } from './queue-names';
import { assertValidTiming } from './schedule-timing';

const silent = pino({ level: 'silent' });
const ALL = QUEUE_NAMES;
const concurrency = (c: Partial<Record<QueueName, number>> = {}) => ({ media: 1, domain: 4, bulk: 2, ...c });

function registry(handlers: Record<string, DriverHandler>): HandlerRegistry {
  return { get: (name) => handlers[name] };
}

const job = (name: string, jobId: string, o: Partial<JobRequest> = {}): JobRequest => ({ queue: 'domain', name, data: {}, jobId, ...o });

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('InlineQueueDriver', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const attempts: number[] = [];
    const driver = new InlineQueueDriver({ attempts: 4, backoffMs: 5 }, concurrency(), silent);
    await driver.startWorkers(
      registry({
        probe: async (_d, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt < 3) throw new Error('transient');
        },
      }),
      ALL,
    );
    await driver.add([job('probe', 'a')]);
    await until(() => attempts.length === 3);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await driver.whenSettled(['a'])).toBe(true);
    await driver.close(1000);
  });

  it('gives up after the configured attempts, and the job then counts as settled', async () => {
    let calls = 0;
    const driver = new InlineQueueDriver({ attempts: 2, backoffMs: 1 }, concurrency(), silent);
    await driver.startWorkers(
      registry({
        probe: async () => {
          calls++;
          throw new Error('always');
        },
      }),
      ALL,
    );
    await driver.add([job('probe', 'b')]);
    expect(await driver.whenSettled(['b'])).toBe(true);
    expect(calls).toBe(2);
    await driver.close(1000);
  });

  it('ignores a second add with the same job id', async () => {
    let calls = 0;
    const driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, concurrency(), silent);
    await driver.startWorkers(registry({ probe: async () => void calls++ }), ALL);
    await driver.add([job('probe', 'same'), job('probe', 'same')]);
    await driver.add([job('probe', 'same')]);
    await driver.whenSettled(['same']);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
    await driver.close(1000);
  });

  it('holds jobs added before the workers start, and waits for running jobs on close', async () => {
    let done = false;
    const driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, concurrency(), silent);
    await driver.add([job('probe', 'd')]);
    await driver.startWorkers(
      registry({
        probe: async () => {
          await new Promise((r) => setTimeout(r, 100));
          done = true;
        },
      }),
      ALL,
    );
    await new Promise((r) => setTimeout(r, 10));
    await driver.close(5000);
    expect(done).toBe(true);
    await expect(driver.add([job('probe', 'e')])).rejects.toThrow(/shutting down/);
  });

  it('runs each queue in its own line: a long media job does not hold up a short domain job', async () => {
    const log: string[] = [];
    const hold = (ms: number, name: string): DriverHandler => async () => {
      log.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}:end`);
    };
    const driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, concurrency({ media: 1, domain: 1 }), silent);
    await driver.startWorkers(registry({ transcode: hold(300, 'transcode'), transcode2: hold(10, 'transcode2'), certificate: hold(10, 'certificate') }), ALL);
    await driver.add([job('transcode', 't1', { queue: 'media' }), job('transcode2', 't2', { queue: 'media' })]);
    await until(() => log.includes('transcode:start'));
    await driver.add([job('certificate', 'c1')]);
    await driver.whenSettled(['c1']);
    // The certificate finished while the first transcode was still running; the second transcode
    // waited for the first (media concurrency 1).
    expect(log).toEqual(['transcode:start', 'certificate:start', 'certificate:end']);
    await driver.whenSettled(['t1', 't2']);
    expect(log.slice(3)).toEqual(['transcode:end', 'transcode2:start', 'transcode2:end']);
    await driver.close(1000);
  });

  it('consumes only the queues it was told to serve', async () => {
    const ran: string[] = [];
    const driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, concurrency(), silent);
    await driver.startWorkers(registry({ probe: async (_d, ctx) => void ran.push(ctx.jobId) }), ['domain']);
    await driver.add([job('probe', 'in-domain'), job('probe', 'in-bulk', { queue: 'bulk' })]);
    await driver.whenSettled(['in-domain']);
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual(['in-domain']);
    await driver.close(100);
  });

  it('reports jobs dropped by a shutdown as not settled (the outbox then keeps their event)', async () => {
    const driver = new InlineQueueDriver({ attempts: 3, backoffMs: 10_000 }, concurrency(), silent);
    await driver.startWorkers(
      registry({
        flaky: async () => {
          throw new Error('down');
        },
      }),
      ALL,
    );
    await driver.add([job('flaky', 'f'), job('flaky', 'later', { delayMs: 60_000 })]);
    const settled = driver.whenSettled(['f', 'later']);
    await new Promise((r) => setTimeout(r, 20));
    // The first attempt failed; its retry (10 s away) and the delayed job are dropped by the shutdown.
    await driver.close(100);
    expect(await settled).toBe(false);
  });
});

describe('InlineQueueDriver schedules', () => {
  const start = Date.parse('2026-06-01T00:00:30.000Z');
  let driver: InlineQueueDriver;
  let runs: Array<{ jobId: string; slot: string }>;

  beforeEach(async () => {
    // Real setImmediate (the driver runs jobs on it); timers and the clock are ours.
    jest.useFakeTimers({ now: start, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    runs = [];
    driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, concurrency(), silent);
    const record = async (_d: unknown, ctx: DriverJobContext) => void runs.push({ jobId: ctx.jobId, slot: ctx.scheduledFor!.toISOString() });
    await driver.startWorkers(registry({ 'schedule:tick': record, 'schedule:nightly': record }), ALL);
  });
  afterEach(async () => {
    await driver.close(100);
    jest.useRealTimers();
  });

  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const advance = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
    await flush();
  };

  it('runs an interval at once, then once per slot, with the slot in the job id', async () => {
    const spec = { id: 'tick', queue: 'domain' as const, jobName: 'schedule:tick', timing: { every: 60_000 } };
    await driver.syncSchedules([spec], ALL);
    await advance(0);
    expect(runs).toEqual([{ jobId: `tick@${start}`, slot: '2026-06-01T00:00:30.000Z' }]);
    await advance(59_000);
    expect(runs).toHaveLength(1);
    await advance(1_000);
    await advance(60_000);
    expect(runs.map((r) => r.slot)).toEqual(['2026-06-01T00:00:30.000Z', '2026-06-01T00:01:30.000Z', '2026-06-01T00:02:30.000Z']);
    // Declaring the schedules again between two slots (a resync) keeps the slots: no extra run.
    await advance(10_000);
    await driver.syncSchedules([spec], ALL);
    await advance(50_000);
    expect(runs.map((r) => r.slot).slice(2)).toEqual(['2026-06-01T00:02:30.000Z', '2026-06-01T00:03:30.000Z']);
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(4);
  });

  it('fires a cron pattern at its matches, in its time zone, and skips queues it does not serve', async () => {
    // 02:00 in Viet Nam (UTC+7) is 19:00 UTC the day before.
    await driver.syncSchedules(
      [
        { id: 'nightly', queue: 'domain', jobName: 'schedule:nightly', timing: { cron: '0 2 * * *', tz: 'Asia/Ho_Chi_Minh' } },
        { id: 'tick', queue: 'bulk', jobName: 'schedule:tick', timing: { every: 1000 } },
      ],
      ['domain'],
    );
    await advance(18 * 3600_000 + 59 * 60_000); // 2026-06-01T18:59:30Z
    expect(runs).toEqual([]);
    await advance(30_000);
    await advance(24 * 3600_000);
    expect(runs.map((r) => r.slot)).toEqual(['2026-06-01T19:00:00.000Z', '2026-06-02T19:00:00.000Z']);
    expect(runs[0].jobId).toBe(`nightly@${Date.parse('2026-06-01T19:00:00.000Z')}`);
  });

  it('stops firing when the driver closes', async () => {
    await driver.syncSchedules([{ id: 'tick', queue: 'domain', jobName: 'schedule:tick', timing: { every: 1000 } }], ALL);
    await advance(0);
    await driver.close(100);
    await advance(10_000);
    expect(runs).toHaveLength(1);
  });

  it('refuses a timing that could never fire, naming the schedule', () => {
    expect(() => assertValidTiming('reports.reminders', { cron: '0 8 32 * *' })).toThrow(/Schedule "reports.reminders": invalid cron pattern "0 8 32 \* \*"/);
    expect(() => assertValidTiming('x', { cron: '0 8 * * *', tz: 'Mars/Olympus' })).toThrow(/invalid cron pattern/);
    expect(() => assertValidTiming('x', { every: 0 })).toThrow(/"every" must be/);
    expect(() => assertValidTiming('x', { cron: '0 8 1 6,12 *', tz: 'Asia/Ho_Chi_Minh' })).not.toThrow();
  });
});
