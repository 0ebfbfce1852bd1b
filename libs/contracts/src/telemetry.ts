import { z } from 'zod';

/** A crash the web app reports so that it shows up in the server log beside the request id. */
export const clientErrorReportSchema = z
  .object({
    message: z.string().trim().min(1).max(2000),
    stack: z.string().max(10_000).optional(),
    componentStack: z.string().max(10_000).optional(),
    url: z.string().max(2000),
    /** The request id of the failed API call, when the crash came from one. */
    requestId: z.string().max(128).optional(),
    release: z.string().max(64).optional(),
  })
  .strict()
  ;
export type ClientErrorReport = z.infer<typeof clientErrorReportSchema>;

export const clientErrorAcceptedSchema = z.object({ received: z.literal(true) });
