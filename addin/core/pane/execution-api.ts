/**
 * The execution follow-up routes of the sync service as the pane calls them (the contract is
 * EXECUTION-API: /api/periods, /api/periods/:key/returns and /returns/mine), over the same
 * ServiceClient as the planning routes, so the token, the language and the error wording are
 * handled in one place. Every call names the plan (`?plan=`) the workbook was made for.
 */
import * as z from 'zod';
import type { ExecutionDocument } from '../execution/schemas.ts';
import { ServiceClient } from './api.ts';

export const PeriodView = z.object({
  planId: z.string(),
  key: z.string(),
  year: z.number(),
  semester: z.union([z.literal(1), z.literal(2)]).nullable(),
  deadline: z.string().nullable(),
  openedAt: z.string(),
  openedBy: z.string().nullable().optional(),
  closedAt: z.string().nullable(),
});
export type PeriodView = z.infer<typeof PeriodView>;

export const ExecutionReceipt = z.object({
  id: z.string(),
  ministry: z.string(),
  period: z.string(),
  version: z.number(),
  errorCount: z.number(),
  warningCount: z.number(),
  findings: z.array(z.unknown()),
  createdAt: z.string(),
  planId: z.string(),
  planVersion: z.string(),
});
export type ExecutionReceipt = z.infer<typeof ExecutionReceipt>;

const ReviewEntry = z.object({ action: z.string(), comment: z.string().nullable().optional() }).passthrough();

/** The ministry's latest return for a period, with its review state and the consolidator's last word. */
export const ExecutionLatest = ExecutionReceipt.extend({
  state: z.enum(['submitted', 'returned', 'accepted']),
  comment: z.string().nullable().optional(),
  reviewComment: z.string().nullable().optional(),
  reviews: z.array(ReviewEntry).optional(),
}).passthrough();
export type ExecutionLatest = z.infer<typeof ExecutionLatest>;

/** The consolidator's comment on a returned return, wherever the answer carries it. */
export function returnComment(latest: ExecutionLatest): string | null {
  if (latest.comment) return latest.comment;
  if (latest.reviewComment) return latest.reviewComment;
  const last = [...(latest.reviews ?? [])].reverse().find((r) => r.action === 'return' && r.comment);
  return last?.comment ?? null;
}

const planQuery = (planId: string) => `?plan=${encodeURIComponent(planId)}`;

/** The periods open for reporting (not closed), newest first as the service lists them. */
export async function openPeriods(client: ServiceClient): Promise<PeriodView[]> {
  const res = await client.call('GET', '/api/periods');
  const body = ServiceClient.json(res, z.object({ periods: z.array(PeriodView) }));
  return body.periods.filter((p) => p.closedAt === null);
}

export async function submitExecution(
  client: ServiceClient,
  doc: ExecutionDocument,
  key: string,
): Promise<ExecutionReceipt> {
  const res = await client.call(
    'POST',
    `/api/periods/${encodeURIComponent(doc.period)}/returns${planQuery(doc.planId)}`,
    { 'idempotency-key': key },
    doc,
  );
  return ServiceClient.json(res, z.object({ receipt: ExecutionReceipt })).receipt;
}

export async function latestExecution(
  client: ServiceClient,
  period: string,
  planId: string,
): Promise<ExecutionLatest | null> {
  const res = await client.call(
    'GET',
    `/api/periods/${encodeURIComponent(period)}/returns/mine${planQuery(planId)}`,
  );
  return ServiceClient.json(res, z.object({ latest: ExecutionLatest.nullable() })).latest;
}
