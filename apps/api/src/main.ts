import { handleSignals, createHttpApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';

async function main() {
  const config = loadConfig();
  const booted = await createHttpApp(config);
  handleSignals(booted, config.shutdownTimeoutMs);
  await booted.app.listen({ host: config.host, port: config.port });
  booted.logger.info(
    { url: `http://localhost:${config.port}`, database: config.database.driver, queue: config.queue.driver },
    'Bình dân học vụ số API is listening',
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Failed to start the API:', err);
  }
  process.exit(1);
});
