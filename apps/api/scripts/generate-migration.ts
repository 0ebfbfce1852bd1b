/**
 * Generates one migration per dialect from the difference between the entities and the schema the
 * existing migrations build. Usage (from apps/api):
 *   npm run migration:generate -- AddCourses
 * MySQL side: a scratch database on MIGRATION_MYSQL_URL (default mariadb://root@127.0.0.1:3306;
 * use mysql://… against a MySQL server).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { Dialect, migrationsDir } from '../src/database/data-source';
import { appDataSourceOptions } from '../src/entities';

async function diff(dialect: Dialect): Promise<{ up: string[]; down: string[] }> {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-mig-')), 'gen.sqlite');
    ds = new DataSource(appDataSourceOptions({ database: { driver: 'sqlite', path: file } }));
    cleanup = async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  } else {
    const server = process.env.MIGRATION_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306';
    const scratch = `bdhv_migration_gen_${process.pid}`;
    const admin = new DataSource({ type: server.startsWith('mariadb:') ? 'mariadb' : 'mysql', url: server });
    await admin.initialize();
    await admin.query(`CREATE DATABASE \`${scratch}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    ds = new DataSource(appDataSourceOptions({ database: { driver: 'mysql', url: `${server.replace(/\/$/, '')}/${scratch}`, poolSize: 2 } }));
    cleanup = async () => {
      await admin.query(`DROP DATABASE \`${scratch}\``);
      await admin.destroy();
    };
  }
  try {
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await cleanup();
  }
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (qs: string[]) => qs.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: npm run migration:generate -- PascalCaseName');
    process.exit(2);
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  for (const dialect of ['sqlite', 'mysql'] as const) {
    const { up, down } = await diff(dialect);
    if (up.length === 0) {
      console.log(`${dialect}: entities and migrations already agree; nothing written`);
      continue;
    }
    const file = path.join(migrationsDir(dialect), `${timestamp}-${name}.ts`);
    fs.writeFileSync(file, render(className, up, down));
    console.log(`${dialect}: wrote ${path.relative(process.cwd(), file)} (${up.length} statements)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
