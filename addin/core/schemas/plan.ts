/**
 * The canonical plan: the reference list of pillars, objectives, results and activities, the
 * ministry directory and the adopted envelope (section II.2.1). Shapes only; the rules that tie
 * them together are checks (see ../checks).
 *
 * A plan comes from the text of a document (the shipped PNLEVT plan, server/plan-extraction) or
 * from a planner's workbook (`pac plan import`, server/plan-import). The fields a workbook adds
 * are optional, so that a plan written before them stays valid:
 * - provenance: `sheet` beside `line` (which is then the sheet's 1-based row) on sources,
 *   corrections, pillars and envelope rows;
 * - `plan.amountUnit`: the unit every amount is written in (absent: millions of FCFA);
 * - for the execution follow-up, `plan.overrunThreshold` and `results[].indicatorTargets`.
 *
 * A plan without strategic objectives (results directly under their pillar, codes pillar.result
 * and pillar.result.activity) has no `objectives`, and its results and activities carry their
 * pillar's code as `objective`: the field stays a string, so every consumer that groups or looks
 * up by objective keeps working and can tell such a plan by `objectives.length === 0`.
 */
import * as z from 'zod';

/**
 * Where something comes from: the code as printed and the 1-based line of the plan document, or,
 * for a plan imported from a workbook, the sheet and its 1-based row (`line`).
 */
export const SourceRef = z.object({
  code: z.string().nullable(),
  line: z.number().int().positive(),
  /** The workbook sheet `line` is a row of; absent for a plan read from a text document. */
  sheet: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** A change the canonical plan makes to what the document says, with the document's own wording. */
export const Correction = z.object({
  kind: z.enum([
    'renumbered_duplicate',
    'inferred_result_code',
    'missing_year_row',
    'code_normalised',
    'stray_fragment',
  ]),
  field: z.string(),
  asWritten: z.string().nullable(),
  correctedTo: z.string().nullable(),
  line: z.number().int().positive(),
  /** The workbook sheet `line` is a row of; absent for a plan read from a text document. */
  sheet: z.string().optional(),
  reason: z.string(),
});
export type Correction = z.infer<typeof Correction>;

export const Ministry = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  /** True when the full name is printed in the plan document; false when taken from usage. */
  nameInDocument: z.boolean(),
  /** Every spelling the document uses for this ministry or one of its directorates. */
  spellings: z.array(z.string()),
  /** A directorate or unit (DNAPES, CENTIF) belongs to a ministry. */
  parent: z.string().nullable(),
  /** Responsible for at least one activity, and so expected to send a return. */
  returns: z.boolean(),
});
export type Ministry = z.infer<typeof Ministry>;

/** A responsibility written jointly ("MARCC-MRN"): every listed ministry may report on it. */
export const JointSpelling = z.object({
  asWritten: z.string(),
  ministries: z.array(z.string()).min(2),
});

/** `line`: where the pillar's heading is printed (0 when the source prints none). */
export const Pillar = z.object({
  code: z.string(),
  name: z.string(),
  line: z.number().int(),
  sheet: z.string().optional(),
});
export type Pillar = z.infer<typeof Pillar>;

export const Objective = z.object({
  code: z.string(),
  pillar: z.string(),
  title: z.string(),
  source: SourceRef,
});
export type Objective = z.infer<typeof Objective>;

/** Baseline, target and unit of one indicator, set by the administrator (null: not set). */
export const IndicatorTargetFields = z.object({
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  unit: z.string().max(40).nullable(),
});
export type IndicatorTargetFields = z.infer<typeof IndicatorTargetFields>;

export const Result = z.object({
  code: z.string(),
  /** The strategic objective's code; the pillar's code in a plan without objectives (see above). */
  objective: z.string(),
  pillar: z.string(),
  title: z.string(),
  indicators: z.array(z.string()),
  /**
   * For the execution follow-up: the baseline, target and unit of `indicators[i]` at position i
   * (null or absent: none set). Optional, so that a plan written before it stays valid.
   */
  indicatorTargets: z.array(IndicatorTargetFields.nullable()).optional(),
  source: SourceRef,
  corrections: z.array(Correction).optional(),
});
export type Result = z.infer<typeof Result>;

export const Activity = z.object({
  code: z.string(),
  title: z.string(),
  pillar: z.string(),
  /** The strategic objective's code; the pillar's code in a plan without objectives (see above). */
  objective: z.string(),
  result: z.string(),
  /** Normalised code of the lead responsible ministry. */
  responsible: z.string(),
  /** Other ministries named jointly as responsible ("MARCC-MRN" gives MRN here). */
  jointWith: z.array(z.string()),
  responsibleAsWritten: z.string(),
  partners: z.array(z.string()),
  partnersAsWritten: z.string(),
  alignment: z.string().nullable(),
  /** Cost in the plan's unit (millions of FCFA unless `plan.amountUnit` says otherwise); null when PM or not given. */
  cost: z.number().nonnegative().nullable(),
  costAsWritten: z.string(),
  /** "PM" (pour mémoire: listed, not costed); null when costed or not given. */
  costNote: z.literal('PM').nullable(),
  /** Calendar years of execution (AN I = first plan year). */
  years: z.array(z.number().int()),
  source: SourceRef,
  corrections: z.array(Correction).optional(),
});
export type Activity = z.infer<typeof Activity>;

/** One row of a summary table in the layout of section II.2.1. Blank cells are null. */
export const EnvelopeRow = z.object({
  pillar: z.string().nullable(),
  pillarAsWritten: z.string(),
  ministry: z.string().nullable(),
  ministryAsWritten: z.string(),
  years: z.record(z.string(), z.number().nullable()),
  total: z.number().nullable(),
  national: z.number().nullable(),
  external: z.number().nullable(),
  line: z.number().int(),
  sheet: z.string().optional(),
});
export type EnvelopeRow = z.infer<typeof EnvelopeRow>;

/**
 * The adopted summary table. A plan imported from a workbook that holds none has no rows and a
 * blank TOTAL row (every amount null, line 0): nothing to compare with, and nothing reported.
 */
export const Envelope = z.object({
  title: z.string(),
  unit: z.string(),
  years: z.array(z.number().int()),
  rows: z.array(EnvelopeRow),
  totalRow: EnvelopeRow,
});
export type Envelope = z.infer<typeof Envelope>;

/**
 * The unit of every amount of a plan: the currency and how many of it one unit counts (1 000 000
 * for "millions FCFA", 1 000 for "milliers FCFA"). Amounts are kept as the plan writes them, in
 * this unit: nothing is ever converted.
 */
export const AmountUnit = z.object({
  currency: z.string().min(1),
  multiplier: z.number().int().positive(),
});
export type AmountUnit = z.infer<typeof AmountUnit>;

export const PlanMeta = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  years: z.array(z.number().int()).min(1),
  /** The unit in words ("millions FCFA", "milliers FCFA"), as people read it. */
  unit: z.string(),
  /** The same unit, read; absent: millions of FCFA, as the shipped plan. */
  amountUnit: AmountUnit.optional(),
  /**
   * How far above the year's plan, in percent, an activity's commitment may go before the execution
   * checks warn; absent: the core's DEFAULT_OVERRUN_THRESHOLD.
   */
  overrunThreshold: z.number().nonnegative().max(1000).optional(),
  source: z.object({ file: z.string(), sha256: z.string(), section: z.string() }),
});
export type PlanMeta = z.infer<typeof PlanMeta>;

export const Plan = z.object({
  plan: PlanMeta,
  ministries: z.array(Ministry),
  jointSpellings: z.array(JointSpelling),
  pillars: z.array(Pillar),
  objectives: z.array(Objective),
  results: z.array(Result),
  activities: z.array(Activity),
  envelope: Envelope,
});
export type Plan = z.infer<typeof Plan>;
