/**
 * A return sent as JSON (the sync service's API, the CLI, tests): one ministry's lines with
 * amounts as numbers in millions of FCFA. Shapes only; ../entry-grid.ts turns it into the typed
 * lines the checks read, and the checks say what is wrong with the amounts.
 */
import * as z from 'zod';

/** Text without NUL characters: PostgreSQL cannot store them, and no person types one. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), { message: 'caractère NUL interdit / NUL character not allowed' });

export const ReturnLine = z.object({
  /** Activity code as the ministry wrote it ("1.2.1.3"); checked against the plan by the checks. */
  activity: text(40).trim().min(1),
  nature: z.enum(['costed', 'pm']).nullable().default(null),
  /** Amount per calendar year ("2023": 150.5); zod 4 numbers already refuse NaN and Infinity. */
  years: z.record(z.string().regex(/^\d{4}$/), z.number().nullable()).default({}),
  total: z.number().nullable().default(null),
  national: z.number().nullable().default(null),
  external: z.number().nullable().default(null),
  /** Calendar years marked for execution. */
  execution: z.array(z.number().int()).max(50).default([]),
  comment: text(2000).nullable().default(null),
  /** The entry-sheet row the line came from, so that findings can point at its cells. */
  row: z.number().int().positive().optional(),
});
export type ReturnLine = z.infer<typeof ReturnLine>;

export const ReturnDocument = z.object({
  ministry: text(40).min(1),
  planId: text(100),
  planVersion: text(100),
  templateVersion: text(100).optional(),
  /** Chosen by the client once per submission: a retry with the same id never makes a second version. */
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/)
    .optional(),
  lines: z.array(ReturnLine).max(20000),
});
export type ReturnDocument = z.infer<typeof ReturnDocument>;
