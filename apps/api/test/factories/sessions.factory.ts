import type { Role } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { User } from '../../src/modules/users/user.entity';
import { signIn, TestSession } from '../helpers/auth';
import { injector } from '../helpers/test-app';
import { createUser, UserOverrides } from './users.factory';

export type SignedInUser = User & { password: string; session: TestSession };

/** A user with the given roles in the given unit, already signed in. */
export async function signedInUser(ds: DataSource, inject: ReturnType<typeof injector>, roles: Role[], o: UserOverrides): Promise<SignedInUser> {
  const user = await createUser(ds, { ...o, roles });
  const session = await signIn(inject, user.email ?? user.phone!, user.password);
  return Object.assign(user, { session });
}
