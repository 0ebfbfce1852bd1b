import type { ImportJob } from '@bdhv/contracts';
import { queryKeyRoots } from '@/lib/query-keys';

export const importsQueryKeys = {
  all: queryKeyRoots.imports,
  lists: () => [...queryKeyRoots.imports, 'list'] as const,
  list: (page: number, pageSize: number) => [...queryKeyRoots.imports, 'list', { page, pageSize }] as const,
  detail: (id: string) => [...queryKeyRoots.imports, 'detail', id] as const,
};

/** The server is still working on these. */
export function isImportActive(job: Pick<ImportJob, 'status'> | undefined): boolean {
  return job?.status === 'queued' || job?.status === 'running';
}
