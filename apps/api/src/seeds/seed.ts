import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrgUnit } from '../modules/org-units/org-unit.entity';
import { userSearchText } from '../modules/users/user-search';
import { hashPassword } from '../modules/users/password';
import { User } from '../modules/users/user.entity';
import { UserStore } from '../modules/users/user-store.service';
import { demoOrgUnits, demoUsers } from './demo-data';

export interface SeedResult {
  unitsCreated: number;
  usersCreated: number;
}

/**
 * Idempotent: units are matched by code and users by email, so running it again changes nothing
 * (and never resets a password someone has changed).
 */
export async function seedDemoData(dataSource: DataSource): Promise<SeedResult> {
  const store = new UserStore(dataSource);
  return dataSource.transaction(async (em) => {
    const units = em.getRepository(OrgUnit);
    const users = em.getRepository(User);
    const byCode = new Map<string, OrgUnit>();
    let unitsCreated = 0;
    let usersCreated = 0;

    for (const spec of demoOrgUnits) {
      let unit = await units.findOneBy({ code: spec.code });
      if (!unit) {
        const parent = spec.parent ? byCode.get(spec.parent) : undefined;
        if (spec.parent && !parent) throw new Error(`Seed order: parent ${spec.parent} of ${spec.code} missing`);
        const id = randomUUID();
        unit = units.create({ id, code: spec.code, name: spec.name, kind: spec.kind, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` });
        await units.insert(unit);
        unitsCreated++;
      }
      byCode.set(spec.code, unit);
    }

    for (const spec of demoUsers) {
      if (await users.existsBy({ email: spec.email })) continue;
      await store.insert(em, [{
        id: randomUUID(),
        fullName: spec.fullName,
        email: spec.email,
        phone: spec.phone,
        searchText: userSearchText(spec),
        passwordHash: await hashPassword(spec.password),
        roles: spec.roles,
        audiences: spec.audiences,
        orgUnitId: byCode.get(spec.unit)!.id,
        status: 'active',
      }]);
      usersCreated++;
    }
    return { unitsCreated, usersCreated };
  });
}
