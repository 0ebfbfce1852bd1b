import { randomUUID } from 'node:crypto';
import type { Audience, Role } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { seedDemoData } from '../../src/seeds/seed';
import { userSearchText } from '../../src/modules/users/user-search';
import { OrgUnit } from '../../src/modules/org-units/org-unit.entity';
import { hashPassword } from '../../src/modules/users/password';
import { User } from '../../src/modules/users/user.entity';
import { Memberships, UserStore } from '../../src/modules/users/user-store.service';

let seq = 0;

/** The demo province tree (and demo accounts); returns units by code. */
export async function seedTree(ds: DataSource): Promise<Map<string, OrgUnit>> {
  await seedDemoData(ds);
  const units = await ds.getRepository(OrgUnit).find();
  return new Map(units.map((u) => [u.code, u]));
}

export interface UserOverrides {
  fullName?: string;
  roles?: Role[];
  audiences?: Audience[];
  orgUnitId: string;
  password?: string;
  phone?: string | null;
  email?: string | null;
  status?: 'active' | 'disabled';
}

/** A user with a real argon2id hash. Phone and email are unique per call. */
export async function createUser(ds: DataSource, o: UserOverrides): Promise<User & Memberships & { password: string }> {
  seq++;
  const password = o.password ?? 'MatKhau@123';
  const n = `${process.pid % 1000}${String(seq).padStart(4, '0')}`.slice(-7);
  const user = ds.getRepository(User).create({
    id: randomUUID(),
    fullName: o.fullName ?? `Người Dùng Thử ${seq}`,
    phone: o.phone === undefined ? `+849${n.padStart(8, '0')}` : o.phone,
    email: o.email === undefined ? `user${seq}.${randomUUID().slice(0, 6)}@test.hocvuso.vn` : o.email,
    passwordHash: await hashPassword(password),
    orgUnitId: o.orgUnitId,
    status: o.status ?? 'active',
    position: null,
    mustChangePassword: false,
  });
  user.searchText = userSearchText(user);
  const memberships = { roles: o.roles ?? ['learner'], audiences: o.audiences ?? ['resident'] };
  await ds.transaction((em) => new UserStore(ds).insert(em, [{ ...user, ...memberships }]));
  return Object.assign(user, memberships, { password });
}

/** A user's roles and audiences as stored (user_roles, user_audiences). */
export async function membershipsOf(ds: DataSource, userId: string): Promise<Memberships> {
  return (await new UserStore(ds).memberships([userId])).get(userId)!;
}

/** Many users at once, without passwords (no argon2): for lists and jobs that need hundreds of accounts. */
export async function createUsers(ds: DataSource, orgUnitId: string, memberships: Memberships[]): Promise<string[]> {
  const users = memberships.map((m) => {
    seq++;
    const id = randomUUID();
    const fullName = `Người Dùng Loạt ${seq}`;
    const email = `bulk${seq}.${id.slice(0, 6)}@test.hocvuso.vn`;
    return { id, fullName, email, phone: null, passwordHash: null, orgUnitId, status: 'active' as const, searchText: userSearchText({ fullName, phone: null, email }), ...m };
  });
  await ds.transaction((em) => new UserStore(ds).insert(em, users));
  return users.map((u) => u.id);
}
