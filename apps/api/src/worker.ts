import { createWorkerApp, handleSignals } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';

async function main() {
  const config = loadConfig();
  if (config.queue.driver === 'inline') {
    console.error('REDIS_URL is not set: with the embedded inline queue, jobs run inside the API process and no worker is needed.');
    process.exit(1);
  }
  const booted = await createWorkerApp(config);
  handleSignals(booted, config.shutdownTimeoutMs);
  const queues = config.queue.workerQueues;
  booted.logger.info({ queues, concurrency: Object.fromEntries(queues.map((q) => [q, config.queue.concurrency[q]])) }, 'queue worker started');
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
