import * as fs from 'node:fs';
import { migrationsDir } from '../src/database/data-source';
import { TestDatabase, usingMysql } from './helpers/test-app';

describe(`schema (${usingMysql ? 'MySQL/MariaDB' : 'SQLite'})`, () => {
  it('the migrations build exactly the schema the entities describe', async () => {
    const db = await TestDatabase.create();
    const ds = db.dataSource();
    try {
      await ds.initialize();
      const applied = await ds.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const pending = await ds.driver.createSchemaBuilder().log();
      // Non-empty means an entity changed without a migration: run `npm run db:migration:generate -- Name`.
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.dispose();
    }
  });

  it('every migration exists for both dialects, so SQLite cannot drift from MySQL', () => {
    const names = (d: 'mysql' | 'sqlite') => fs.readdirSync(migrationsDir(d)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).map((f) => f.replace(/\.(ts|js)$/, '')).sort();
    expect(names('sqlite')).toEqual(names('mysql'));
  });

  it('stores Vietnamese text with every diacritic intact', async () => {
    const db = await TestDatabase.create();
    await db.migrate();
    const ds = db.dataSource();
    try {
      await ds.initialize();
      const name = 'Phường Đông Kinh – Ủy ban nhân dân, Lạng Sơn ỹ ặ ở';
      await ds.query('INSERT INTO org_units (id, code, name, kind, path, active) VALUES (?, ?, ?, ?, ?, ?)', ['u1', 'T1', name, 'commune', '/u1/', 1]);
      const [row] = await ds.query('SELECT name FROM org_units WHERE code = ?', ['T1']);
      expect(row.name).toBe(name);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.dispose();
    }
  });
});
