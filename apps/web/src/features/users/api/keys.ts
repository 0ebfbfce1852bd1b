import type { Audience, Role } from '@bdhv/contracts';
import { queryKeyRoots } from '@/lib/query-keys';

export type UserStatus = 'active' | 'disabled';

export interface UserListParams {
  page: number;
  pageSize: number;
  /** Name, phone or email; the server ignores diacritics and case. */
  q?: string;
  orgUnitId?: string;
  includeSubunits?: boolean;
  audience?: Audience;
  role?: Role;
  status?: UserStatus;
}

export const usersQueryKeys = {
  all: queryKeyRoots.users,
  lists: () => [...queryKeyRoots.users, 'list'] as const,
  list: (params: UserListParams) => [...queryKeyRoots.users, 'list', params] as const,
  detail: (id: string) => [...queryKeyRoots.users, 'detail', id] as const,
};
