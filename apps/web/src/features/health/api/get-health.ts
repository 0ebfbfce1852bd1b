import { healthResponseSchema, type HealthResponse } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';

export const healthQueryKey = ['health'] as const;

/**
 * GET /api/health. A degraded system answers 503 with a regular HealthResponse body,
 * which is data to show rather than an error.
 */
export function getHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return apiClient.get('/health', { schema: healthResponseSchema, acceptStatuses: [503], signal });
}

export interface HealthQueryParams {
  /** Poll interval in ms; `false` (default) disables polling. */
  refetchInterval?: number | false;
}

export function getHealthQueryOptions({ refetchInterval = false }: HealthQueryParams = {}) {
  return queryOptions({
    queryKey: healthQueryKey,
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval,
    // A status view must never show a stale "up" for long.
    staleTime: 10_000,
  });
}

export function useHealth(params?: HealthQueryParams) {
  return useQuery(getHealthQueryOptions(params));
}
