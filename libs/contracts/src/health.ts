import { z } from 'zod';

export const componentStatusSchema = z.enum(['up', 'down']);

export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'error']),
    version: z.string(),
    uptimeSeconds: z.number(),
    database: z.object({
      status: componentStatusSchema,
      driver: z.enum(['sqlite', 'mysql']),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
    queue: z.object({
      status: componentStatusSchema,
      driver: z.enum(['inline', 'bullmq']),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
  })
  ;
export type HealthResponse = z.infer<typeof healthResponseSchema>;
