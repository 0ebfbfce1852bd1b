/**
 * Database commands for operators: `node dist/cli.js migrate|revert|status|seed`.
 * Reads the same environment as the API (DATABASE_URL, or the embedded SQLite file).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createAppDataSource } from './entities';
import { describeDemoCourse, seedDemoCourse } from './seeds/demo-course';
import { seedDemoData } from './seeds/seed';

async function main(command: string | undefined) {
  const config = loadConfig();
  const ds = createAppDataSource(config);
  await ds.initialize();
  const where = config.database.driver === 'mysql' ? new URL(config.database.url).pathname.slice(1) : config.database.path;
  try {
    switch (command) {
      case 'migrate': {
        const applied = await ds.runMigrations({ transaction: 'each' });
        console.log(`[${config.database.driver}] ${where}: ${applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date'}`);
        break;
      }
      case 'revert':
        await ds.undoLastMigration({ transaction: 'each' });
        console.log(`[${config.database.driver}] ${where}: reverted the last migration`);
        break;
      case 'status': {
        const pending = await ds.showMigrations();
        console.log(pending ? 'There are pending migrations: run `npm run db:migrate`.' : 'No pending migrations.');
        process.exitCode = pending ? 3 : 0;
        break;
      }
      case 'seed': {
        if (await ds.showMigrations()) throw new Error('Pending migrations: run `npm run db:migrate` first.');
        const started = Date.now();
        const result = await seedDemoData(ds);
        console.log(`[${config.database.driver}] ${where}: demo data ready (${result.unitsCreated} units and ${result.usersCreated} accounts created)`);
        const course = await seedDemoCourse(ds, { storageDir: config.storageDir });
        for (const warning of course.warnings) console.warn(`WARNING: ${warning}`);
        console.log(`[${config.database.driver}] ${where}: ${describeDemoCourse(course)}${course.created ? `, files in ${config.storageDir}` : ''} (seed took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
        break;
      }
      default:
        console.error('Usage: cli.js migrate | revert | status | seed');
        process.exitCode = 2;
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
