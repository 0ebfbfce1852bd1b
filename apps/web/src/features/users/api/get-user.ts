import { userDetailSchema, type UserDetail } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { usersQueryKeys } from './keys';

/** GET /api/users/:id. */
export function getUser(id: string, signal?: AbortSignal): Promise<UserDetail> {
  return apiClient.get(`/users/${encodeURIComponent(id)}`, { schema: userDetailSchema, signal });
}

export function getUserQueryOptions(id: string) {
  return queryOptions({ queryKey: usersQueryKeys.detail(id), queryFn: ({ signal }) => getUser(id, signal) });
}

export function useUser(id: string) {
  return useQuery(getUserQueryOptions(id));
}
