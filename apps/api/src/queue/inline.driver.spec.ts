import pino from 'pino';
import { InlineQueueDriver } from './inline.driver';
import { HandlerRegistry, JobHandler, JobName } from './job-map';

const silent = pino({ level: 'silent' });

function registry(handler: JobHandler<'diagnostics.probe'>): HandlerRegistry {
  return {
    get: <N extends JobName>(name: N) => (name === 'diagnostics.probe' ? (handler as unknown as JobHandler<N>) : undefined),
    names: () => ['diagnostics.probe'],
  };
}

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
    const driver = new InlineQueueDriver({ attempts: 4, backoffMs: 5 }, silent);
    await driver.startWorkers(
      registry(async (_p, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error('transient');
      }),
    );
    await driver.enqueue('diagnostics.probe', { probeId: 'a' });
    await until(() => attempts.length === 3);
    expect(attempts).toEqual([1, 2, 3]);
    await driver.close(1000);
  });

  it('gives up after the configured attempts', async () => {
    let calls = 0;
    const driver = new InlineQueueDriver({ attempts: 2, backoffMs: 1 }, silent);
    await driver.startWorkers(
      registry(async () => {
        calls++;
        throw new Error('always');
      }),
    );
    await driver.enqueue('diagnostics.probe', { probeId: 'b' });
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(2);
    await driver.close(1000);
  });

  it('ignores a second enqueue with the same job id', async () => {
    let calls = 0;
    const driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, silent);
    await driver.startWorkers(registry(async () => void calls++));
    await driver.enqueue('diagnostics.probe', { probeId: 'c' }, { jobId: 'same' });
    await driver.enqueue('diagnostics.probe', { probeId: 'c' }, { jobId: 'same' });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(1);
    await driver.close(1000);
  });

  it('holds jobs enqueued before the workers start, and waits for running jobs on close', async () => {
    let done = false;
    const driver = new InlineQueueDriver({ attempts: 1, backoffMs: 1 }, silent);
    await driver.enqueue('diagnostics.probe', { probeId: 'd' });
    await driver.startWorkers(
      registry(async () => {
        await new Promise((r) => setTimeout(r, 100));
        done = true;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    await driver.close(5000);
    expect(done).toBe(true);
    await expect(driver.enqueue('diagnostics.probe', { probeId: 'e' })).rejects.toThrow(/shutting down/);
  });
});
