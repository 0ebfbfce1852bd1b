import { importJobSchema, type ImportJob } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { importsQueryKeys, isImportActive } from './keys';

/** How often a running import is polled. */
export const IMPORT_POLL_INTERVAL_MS = 1_000;

/** GET /api/imports/:id. */
export function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return apiClient.get(`/imports/${encodeURIComponent(id)}`, { schema: importJobSchema, signal });
}

export function getImportQueryOptions(id: string) {
  return queryOptions({
    queryKey: importsQueryKeys.detail(id),
    queryFn: ({ signal }) => getImport(id, signal),
    // Poll every second while queued or running; stop once finished.
    refetchInterval: (query) => (isImportActive(query.state.data) ? IMPORT_POLL_INTERVAL_MS : false),
    // The job the upload returned counts as fresh: the first poll comes a second later.
    staleTime: IMPORT_POLL_INTERVAL_MS,
  });
}

export function useImportJob(id: string | null) {
  return useQuery({ ...getImportQueryOptions(id ?? ''), enabled: id !== null });
}
