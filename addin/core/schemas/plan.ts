/**
 * The canonical plan: the reference list of pillars, objectives, results and activities, the
 * ministry directory and the adopted envelope (section II.2.1). Shapes only; the rules that tie
 * them together are checks (see ../checks).
 */
import * as z from 'zod';

/** Where something comes from in the plan document: the code as printed and the 1-based line. */
export const SourceRef = z.object({
  code: z.string().nullable(),
  line: z.number().int().positive(),
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

export const Pillar = z.object({ code: z.string(), name: z.string(), line: z.number().int() });
export type Pillar = z.infer<typeof Pillar>;

export const Objective = z.object({
  code: z.string(),
  pillar: z.string(),
  title: z.string(),
  source: SourceRef,
});
export type Objective = z.infer<typeof Objective>;

export const Result = z.object({
  code: z.string(),
  objective: z.string(),
  pillar: z.string(),
  title: z.string(),
  indicators: z.array(z.string()),
  source: SourceRef,
  corrections: z.array(Correction).optional(),
});
export type Result = z.infer<typeof Result>;

export const Activity = z.object({
  code: z.string(),
  title: z.string(),
  pillar: z.string(),
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
  /** Cost in millions of FCFA; null when PM or not given. */
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
});
export type EnvelopeRow = z.infer<typeof EnvelopeRow>;

export const Envelope = z.object({
  title: z.string(),
  unit: z.string(),
  years: z.array(z.number().int()),
  rows: z.array(EnvelopeRow),
  totalRow: EnvelopeRow,
});
export type Envelope = z.infer<typeof Envelope>;

export const PlanMeta = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  years: z.array(z.number().int()).min(1),
  unit: z.string(),
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
