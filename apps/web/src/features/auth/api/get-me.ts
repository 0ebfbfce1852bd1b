import { meSchema, type Me } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient } from '@/lib/api-client';
import { updateSessionUser } from '@/lib/session';

export const meQueryKey = ['auth', 'me'] as const;

/** GET /api/auth/me: the signed-in user's current profile. */
export function getMe(signal?: AbortSignal): Promise<Me> {
  return apiClient.get('/auth/me', { schema: meSchema, signal });
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal) });
}

/** Keeps the session's copy of the user in step with the server (roles may have changed). */
export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  const query = useQuery({ ...getMeQueryOptions(), enabled });
  useEffect(() => {
    if (query.data) updateSessionUser(query.data);
  }, [query.data]);
  return query;
}
