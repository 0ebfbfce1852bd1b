import { OrgUnit } from '../src/modules/org-units/org-unit.entity';
import { User } from '../src/modules/users/user.entity';
import { demoUsers } from '../src/database/seeds/demo-data';
import { seedDemoData } from '../src/database/seeds/seed';
import { verifyPassword } from '../src/modules/users/password';
import { TestDatabase } from './helpers/test-app';

describe('demo seed', () => {
  it('creates the province tree and one account per role, and is idempotent', async () => {
    const db = await TestDatabase.create();
    await db.migrate();
    const ds = db.dataSource();
    try {
      await ds.initialize();
      const first = await seedDemoData(ds);
      expect(first.usersCreated).toBe(demoUsers.length);
      const second = await seedDemoData(ds);
      expect(second).toEqual({ unitsCreated: 0, usersCreated: 0 });

      const units = await ds.getRepository(OrgUnit).find();
      const province = units.find((u) => u.kind === 'province')!;
      expect(province.name).toBe('Tỉnh Lạng Sơn');
      for (const u of units) expect(u.path.startsWith(`/${province.id}/`)).toBe(true);
      expect(units.filter((u) => u.kind === 'commune').length).toBeGreaterThanOrEqual(2);
      expect(units.filter((u) => u.kind === 'department').length).toBeGreaterThanOrEqual(2);

      const users = await ds.getRepository(User).find();
      expect(users).toHaveLength(demoUsers.length);
      const roles = new Set(users.flatMap((u) => u.roles));
      expect([...roles].sort()).toEqual(['admin', 'learner', 'trainer', 'unit_manager']);
      expect(users.some((u) => u.audiences.includes('resident'))).toBe(true);
      const admin = users.find((u) => u.roles.includes('admin'))!;
      expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
      const spec = demoUsers.find((u) => u.email === admin.email)!;
      expect(await verifyPassword(admin.passwordHash!, spec.password)).toBe(true);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.dispose();
    }
  });
});
