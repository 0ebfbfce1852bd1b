import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Audience, audienceSchema, Role, roleSchema } from '@bdhv/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { inDeclaredOrder } from '../../common/declared-order';
import { supportsRowLocks } from '../../database/sql';
import { UserAudience } from './user-audience.entity';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';

/** What a user is (roles: what they may do) and belongs to (audiences: whom courses and the plan target). */
export interface Memberships {
  roles: Role[];
  audiences: Audience[];
}

/** A user row to insert, with its roles and audiences. */
export type NewUser = QueryDeepPartialEntity<Omit<User, 'orgUnit'>> & { id: string } & Memberships;

/** Ids per query: keeps the IN lists (and SQLite's bound parameters) small. */
const CHUNK = 500;
/** Rows per multi-row INSERT. */
const INSERT_CHUNK = 500;

/**
 * Accounts together with their roles and audiences (rows of user_roles and user_audiences), for
 * the users domain and the domains above it (sign-in, single sign-on, imports, courses,
 * enrolments). Every method takes the caller's EntityManager, so an account and its roles are
 * written in the caller's transaction.
 */
@Injectable()
export class UserStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Roles and audiences of these users: one indexed query per 500 users. Users without rows get empty lists. */
  async memberships(userIds: Iterable<string>, em: EntityManager = this.db.manager): Promise<Map<string, Memberships>> {
    const ids = [...new Set(userIds)];
    const found = new Map<string, { roles: string[]; audiences: string[] }>(ids.map((id) => [id, { roles: [], audiences: [] }]));
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const marks = chunk.map(() => '?').join(', ');
      const rows: Array<{ userId: string; kind: 'r' | 'a'; value: string }> = await em.query(
        `SELECT userId, 'r' AS kind, role AS value FROM user_roles WHERE userId IN (${marks}) ` +
          `UNION ALL SELECT userId, 'a' AS kind, audience AS value FROM user_audiences WHERE userId IN (${marks})`,
        [...chunk, ...chunk],
      );
      for (const r of rows) found.get(r.userId)?.[r.kind === 'r' ? 'roles' : 'audiences'].push(r.value);
    }
    const result = new Map<string, Memberships>();
    for (const [id, m] of found) result.set(id, { roles: inDeclaredOrder(m.roles, roleSchema.options), audiences: inDeclaredOrder(m.audiences, audienceSchema.options) });
    return result;
  }

  /** The users with their roles and audiences. */
  async withMemberships<T extends { id: string }>(users: T[], em: EntityManager = this.db.manager): Promise<Array<T & Memberships>> {
    const all = await this.memberships(
      users.map((u) => u.id),
      em,
    );
    return users.map((u) => ({ ...u, ...all.get(u.id)! }));
  }

  /** One user with their roles and audiences. */
  async withMembershipsOne<T extends { id: string }>(user: T, em: EntityManager = this.db.manager): Promise<T & Memberships> {
    return (await this.withMemberships([user], em))[0];
  }

  /** Inserts accounts and their roles and audiences; call inside the transaction the accounts belong to. */
  async insert(em: EntityManager, users: NewUser[]): Promise<void> {
    if (!users.length) return;
    const rows = users.map(({ roles: _roles, audiences: _audiences, ...row }) => row);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await em.createQueryBuilder().insert().into(User).values(rows.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
    }
    await this.insertRows(
      em,
      users.flatMap((u) => unique(u.roles).map((role) => ({ userId: u.id, role }))),
      users.flatMap((u) => unique(u.audiences).map((audience) => ({ userId: u.id, audience }))),
    );
  }

  /**
   * Makes one user's roles and/or audiences exactly these (what is not given stays): rows no
   * longer wanted are deleted, missing ones inserted. The account row is locked first on
   * MySQL/MariaDB, so two concurrent changes apply one after the other instead of mixing.
   */
  async setMemberships(em: EntityManager, userId: string, wanted: Partial<Memberships>): Promise<void> {
    if (!wanted.roles && !wanted.audiences) return;
    if (supportsRowLocks(em)) await em.getRepository(User).createQueryBuilder('u').select('u.id').where('u.id = :userId', { userId }).setLock('pessimistic_write').getOne();
    const current = (await this.memberships([userId], em)).get(userId)!;
    const roles = wanted.roles ? unique(wanted.roles) : current.roles;
    const audiences = wanted.audiences ? unique(wanted.audiences) : current.audiences;
    const goneRoles = current.roles.filter((r) => !roles.includes(r));
    const goneAudiences = current.audiences.filter((a) => !audiences.includes(a));
    if (goneRoles.length) await em.createQueryBuilder().delete().from(UserRole).where('userId = :userId AND role IN (:...goneRoles)', { userId, goneRoles }).execute();
    if (goneAudiences.length) {
      await em.createQueryBuilder().delete().from(UserAudience).where('userId = :userId AND audience IN (:...goneAudiences)', { userId, goneAudiences }).execute();
    }
    await this.insertRows(
      em,
      roles.filter((r) => !current.roles.includes(r)).map((role) => ({ userId, role })),
      audiences.filter((a) => !current.audiences.includes(a)).map((audience) => ({ userId, audience })),
    );
  }

  private async insertRows(em: EntityManager, roles: Array<{ userId: string; role: Role }>, audiences: Array<{ userId: string; audience: Audience }>): Promise<void> {
    for (let i = 0; i < roles.length; i += INSERT_CHUNK) await em.createQueryBuilder().insert().into(UserRole).values(roles.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
    for (let i = 0; i < audiences.length; i += INSERT_CHUNK) {
      await em.createQueryBuilder().insert().into(UserAudience).values(audiences.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
    }
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
