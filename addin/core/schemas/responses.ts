/**
 * The service's answers that the pane, the dashboard and the OpenAPI description all read — who the
 * token is (Me), the receipt of a return (Receipt), a return in a list (ReturnSummary) — declared
 * once, so that the service builds them against these types and the clients parse them with these
 * schemas: a field renamed on one side fails to compile or to parse on the other.
 */
import * as z from 'zod';
import type { Finding } from '../findings.ts';

export const ROLES = ['admin', 'consolidator', 'ministry'] as const;
export const RETURN_STATES = ['submitted', 'returned', 'accepted'] as const;
export const RETURN_SOURCES = ['json', 'xlsx', 'google-sheet'] as const;

export const Me = z.object({
  role: z.enum(ROLES),
  label: z.string(),
  ministry: z.object({ code: z.string(), name: z.string() }).nullable(),
  plan: z.object({ id: z.string(), version: z.string(), etag: z.string() }).nullable(),
});
export type Me = z.infer<typeof Me>;

export const Receipt = z.object({
  id: z.string(),
  ministry: z.string(),
  version: z.number().int(),
  planId: z.string(),
  planVersion: z.string(),
  createdAt: z.string(),
  state: z.enum(RETURN_STATES),
  errors: z.number().int(),
  warnings: z.number().int(),
  // The core's findings, as the checks wrote them; their shape is the Finding union's.
  findings: z.array(z.custom<Finding>((v) => typeof v === 'object' && v !== null)),
  /** True when the same content came again with the same key: no new version was made. */
  replayed: z.boolean(),
});
export type Receipt = z.infer<typeof Receipt>;

export const ReturnSummary = z.object({
  id: z.string(),
  ministry: z.string(),
  version: z.number().int(),
  planId: z.string(),
  planVersion: z.string(),
  source: z.enum(RETURN_SOURCES),
  fileName: z.string().nullable(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  tokenLabel: z.string(),
  createdAt: z.string(),
  state: z.enum(RETURN_STATES),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export type ReturnSummary = z.infer<typeof ReturnSummary>;
