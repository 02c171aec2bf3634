/**
 * An execution return sent as JSON (the add-ins, the API): one ministry's report for one period —
 * per activity, what was committed and disbursed from each source (numbers in millions of FCFA),
 * its state and a comment; per result, the value each indicator reached. Shapes only; ./read.ts
 * types it and ./checks.ts says what is wrong.
 */
import * as z from 'zod';
import { EXECUTION_STATES } from './model.ts';

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), { message: 'caractère NUL interdit / NUL character not allowed' });

const Sources = z
  .object({ national: z.number().nullable().default(null), external: z.number().nullable().default(null) })
  .default({ national: null, external: null });

export const ExecutionLineJson = z.object({
  activity: text(40).trim().min(1),
  committed: Sources,
  disbursed: Sources,
  state: z.enum(EXECUTION_STATES).nullable().default(null),
  comment: text(2000).nullable().default(null),
  /** The « Exécution » row the line came from, so that findings point at its cells. */
  row: z.number().int().positive().optional(),
});

export const IndicatorValueJson = z.object({
  result: text(40).trim().min(1),
  /** 1-based, as the sheet numbers a result's indicators. */
  indicator: z.number().int().positive().max(1000),
  value: z.number().nullable().default(null),
  comment: text(2000).nullable().default(null),
  row: z.number().int().positive().optional(),
});

export const ExecutionDocument = z.object({
  ministry: text(40).min(1),
  planId: text(100),
  planVersion: text(100),
  period: z.string().regex(/^\d{4}(-S[12])?$/),
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/)
    .optional(),
  lines: z.array(ExecutionLineJson).max(20000),
  indicators: z.array(IndicatorValueJson).max(20000).default([]),
});
export type ExecutionDocument = z.infer<typeof ExecutionDocument>;
