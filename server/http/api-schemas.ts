/**
 * The request shapes of the API that are not core shapes (the return and the plan are core
 * schemas), in one place so that routes validate with them and the OpenAPI document describes them.
 */
import * as z from 'zod';

const noNul = (s: string) => !s.includes('\u0000');

export const ReviewBody = z.object({
  action: z.enum(['accept', 'return', 'reopen']),
  comment: z.string().trim().max(4000).refine(noNul).nullable().default(null),
});

export const NewTokenBody = z
  .object({
    role: z.enum(['admin', 'consolidator', 'ministry']),
    ministry: z.string().trim().min(1).max(40).optional(),
    label: z.string().trim().min(1).max(200).refine(noNul),
    expiresAt: z.iso.datetime().optional(),
  })
  .refine((t) => (t.role === 'ministry') === (t.ministry !== undefined), {
    message:
      'un jeton « ministry » a un ministère, les autres non / a ministry token has a ministry, others do not',
    path: ['ministry'],
  });

/** Which hosted plan (../http/plan-scope.ts); the default plan when absent. */
const planParam = z.string().min(1).max(100).optional();
export const PlanScopeQuery = z.object({ plan: planParam });
export const PlanQuery = z.object({ plan: planParam, ministry: z.string().min(1).max(40).optional() });
export const ListQuery = z.object({ plan: planParam, ministry: z.string().min(1).max(40).optional() });
/** A version number, within the database's INTEGER column. */
const versionNumber = z.coerce.number().int().positive().max(2_147_483_647);
export const DiffQuery = z.object({ from: versionNumber, to: versionNumber });
/** Two hosted plans to compare, the older cycle's first: GET /api/plans/diff?from=…&to=…. */
export const PlanDiffQuery = z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) });
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(100).optional(),
});
export const LangQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });
