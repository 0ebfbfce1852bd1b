import { userListSchema, type UserSummary } from '@bdhv/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { usersQueryKeys, type UserListParams } from './keys';

export interface UserListPage {
  items: UserSummary[];
  page: number;
  pageSize: number;
  total: number;
}

/** GET /api/users: a page of users the caller may manage (a manager's own subtree only). */
export function listUsers(params: UserListParams, signal?: AbortSignal): Promise<UserListPage> {
  return apiClient.get('/users', { query: { ...params }, schema: userListSchema, signal });
}

export function getUsersQueryOptions(params: UserListParams) {
  return queryOptions({
    queryKey: usersQueryKeys.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function useUsers(params: UserListParams) {
  return useQuery(getUsersQueryOptions(params));
}
