import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('selects the embedded defaults when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.driver).toBe('sqlite');
    expect(config.queue.driver).toBe('inline');
    expect(config.queue.runWorkersInApi).toBe(true);
  });

  it('selects MySQL and BullMQ from their URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/bdhv', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.database).toMatchObject({ driver: 'mysql', url: 'mysql://root@127.0.0.1:3306/bdhv' });
    expect(config.queue.driver).toBe('bullmq');
    expect(config.queue.runWorkersInApi).toBe(false);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'postgres://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: .*"abc"/m);
    expect(problems).toMatch(/^DATABASE_URL: must be a mysql:\/\/ or mariadb:\/\/ URL/m);
    expect(problems).toMatch(/^LOG_LEVEL: /m);
  });

  it('deletes abandoned uploads after 24 hours unless configured, in whole hours', () => {
    expect(loadConfig({}).media.uploadAbandonHours).toBe(24);
    expect(loadConfig({ MEDIA_UPLOAD_ABANDON_HOURS: '72' }).media.uploadAbandonHours).toBe(72);
    expect(() => loadConfig({ MEDIA_UPLOAD_ABANDON_HOURS: '0' })).toThrow(/MEDIA_UPLOAD_ABANDON_HOURS/);
  });

  it('gives each queue its own concurrency and lets a worker serve some queues', () => {
    const defaults = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).queue;
    expect(defaults.concurrency).toEqual({ media: 1, domain: 4, bulk: 2 });
    expect(defaults.workerQueues).toEqual(['media', 'domain', 'bulk']);
    const media = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_WORKER_QUEUES: ' media , bulk', QUEUE_CONCURRENCY_MEDIA: '3' }).queue;
    expect(media.workerQueues).toEqual(['media', 'bulk']);
    expect(media.concurrency.media).toBe(3);
    // The inline driver runs every job in the API: it serves every queue whatever is asked.
    expect(loadConfig({ QUEUE_WORKER_QUEUES: 'media' }).queue.workerQueues).toEqual(['media', 'domain', 'bulk']);
  });

  it('names an unknown queue, an empty list, and the retired QUEUE_CONCURRENCY', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', ...env });
      } catch (e) {
        return (e as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problems({ QUEUE_WORKER_QUEUES: 'media,video' })).toMatch(/^QUEUE_WORKER_QUEUES: unknown queue "video" \(queues: media, domain, bulk\) \(got "media,video"\)$/m);
    expect(problems({ QUEUE_WORKER_QUEUES: ' , ' })).toMatch(/^QUEUE_WORKER_QUEUES: name at least one queue/m);
    expect(problems({ QUEUE_WORKER_QUEUES: 'bulk,bulk' })).toMatch(/^QUEUE_WORKER_QUEUES: a queue is named twice/m);
    expect(problems({ QUEUE_CONCURRENCY: '8' })).toMatch(/^QUEUE_CONCURRENCY: replaced by QUEUE_CONCURRENCY_MEDIA, QUEUE_CONCURRENCY_DOMAIN and QUEUE_CONCURRENCY_BULK/m);
    expect(problems({ QUEUE_CONCURRENCY_DOMAIN: '0', OUTBOX_POLL_MS: '10' })).toMatch(/^QUEUE_CONCURRENCY_DOMAIN: [\s\S]*^OUTBOX_POLL_MS: /m);
  });

  it('relays leftover outbox events every 5 s and keeps relayed ones a week unless configured', () => {
    expect(loadConfig({}).outbox).toEqual({ pollMs: 5000, retentionDays: 7 });
    expect(loadConfig({ OUTBOX_POLL_MS: '250', OUTBOX_RETENTION_DAYS: '0' }).outbox).toEqual({ pollMs: 250, retentionDays: 0 });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.driver).toBe('sqlite');
  });
});
