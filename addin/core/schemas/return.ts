/**
 * A return sent as JSON (the sync service's API, the CLI, tests): one ministry's lines with
 * amounts as numbers in millions of FCFA. Shapes only; ../entry-grid.ts turns it into the typed
 * lines the checks read, and the checks say what is wrong with the amounts.
 */
import { z } from 'zod';

export const ReturnLine = z.object({
  /** Activity code as the ministry wrote it ("1.2.1.3"); checked against the plan by the checks. */
  activity: z.string().trim().min(1).max(40),
  nature: z.enum(['costed', 'pm']).nullable().default(null),
  /** Amount per calendar year ("2023": 150.5); zod 4 numbers already refuse NaN and Infinity. */
  years: z.record(z.string().regex(/^\d{4}$/), z.number().nullable()).default({}),
  total: z.number().nullable().default(null),
  national: z.number().nullable().default(null),
  external: z.number().nullable().default(null),
  /** Calendar years marked for execution. */
  execution: z.array(z.number().int()).max(50).default([]),
  comment: z.string().max(2000).nullable().default(null),
  /** The entry-sheet row the line came from, so that findings can point at its cells. */
  row: z.number().int().positive().optional(),
});
export type ReturnLine = z.infer<typeof ReturnLine>;

export const ReturnDocument = z.object({
  ministry: z.string().min(1).max(40),
  planId: z.string(),
  planVersion: z.string(),
  templateVersion: z.string().optional(),
  lines: z.array(ReturnLine).max(20000),
});
export type ReturnDocument = z.infer<typeof ReturnDocument>;
