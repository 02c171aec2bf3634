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

export const PlanQuery = z.object({ ministry: z.string().min(1).max(40).optional() });
export const ListQuery = z.object({ ministry: z.string().min(1).max(40).optional() });
/** A version number, within the database's INTEGER column. */
const versionNumber = z.coerce.number().int().positive().max(2_147_483_647);
export const DiffQuery = z.object({ from: versionNumber, to: versionNumber });
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(100).optional(),
});
export const LangQuery = z.object({ lang: z.enum(['fr', 'en']).optional() });

/** Opening an execution period: "2026" or "2026-S1", and when returns are due. */
export const PeriodBody = z.object({
  key: z.string().trim().min(1).max(20),
  deadline: z.union([z.iso.date(), z.iso.datetime()]).nullable().default(null),
});

/** A review of an execution return: a comment is required to return it. */
export const ExecutionReviewBody = ReviewBody.refine((r) => r.action !== 'return' || !!r.comment, {
  message: 'un commentaire est requis pour renvoyer / a comment is required to return',
  path: ['comment'],
});

export const MinistryQuery = z.object({ ministry: z.string().trim().min(1).max(40).optional() });

/** The indicators' baseline, target and unit the administrator sets (indicator: 1-based). */
export const IndicatorsBody = z.object({
  targets: z
    .array(
      z.object({
        result: z.string().trim().min(1).max(40),
        indicator: z.number().int().positive().max(1000),
        baseline: z.number().nullable().optional(),
        target: z.number().nullable().optional(),
        unit: z.string().trim().max(40).refine(noNul).nullable().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
