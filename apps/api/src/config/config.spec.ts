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

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.driver).toBe('sqlite');
  });
});
