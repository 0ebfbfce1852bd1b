import { importJobSchema, type ImportJob } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { importsQueryKeys } from './keys';

/** Large files on slow rural connections need longer than an ordinary request. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/** POST /api/imports (multipart, one field `file`) → 202 with the queued job. */
export function uploadImport(file: File): Promise<ImportJob> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiClient.post('/imports', body, { schema: importJobSchema, timeoutMs: UPLOAD_TIMEOUT_MS });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: async (job) => {
      queryClient.setQueryData(importsQueryKeys.detail(job.id), job);
      await queryClient.invalidateQueries({ queryKey: importsQueryKeys.lists() });
    },
  });
}
