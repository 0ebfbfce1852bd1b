import { importJobListSchema, type ImportJob } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { importsQueryKeys, isImportActive } from './keys';

export interface ImportJobPage {
  items: ImportJob[];
  page: number;
  pageSize: number;
  total: number;
}

/** While any listed import is running the list refreshes at this pace. */
const ACTIVE_LIST_REFRESH_MS = 3_000;

/** GET /api/imports: recent imports, newest first. */
export function listImports({ page, pageSize }: { page: number; pageSize: number }, signal?: AbortSignal): Promise<ImportJobPage> {
  return apiClient.get('/imports', { query: { page, pageSize }, schema: importJobListSchema, signal });
}

export function getImportsQueryOptions(page = 1, pageSize = 10) {
  return queryOptions({
    queryKey: importsQueryKeys.list(page, pageSize),
    queryFn: ({ signal }) => listImports({ page, pageSize }, signal),
    refetchInterval: (query) => (query.state.data?.items.some(isImportActive) ? ACTIVE_LIST_REFRESH_MS : false),
  });
}

export function useImports(page = 1, pageSize = 10) {
  return useQuery(getImportsQueryOptions(page, pageSize));
}
