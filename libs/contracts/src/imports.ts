import { z } from 'zod';

export const importStatusSchema = z.enum(['queued', 'running', 'completed', 'failed']);

export const importJobSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: importStatusSchema,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobListSchema = z.object({ items: z.array(importJobSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** Columns of the officials import file (CSV or XLSX, first row is the header). */
export const IMPORT_COLUMNS = ['full_name', 'phone', 'email', 'unit_code', 'audiences', 'position', 'citizen_id'] as const;
