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

const YEAR_KEY = /^\d{4}$/;

/**
 * Amounts per calendar year, `{ "2023": 150.5, "2024": null }`: keys of four digits, values finite
 * numbers or null. What z.record would check, checked in one loop: z.record took two thirds of
 * the time of validating a line, and every line of every submission has one. The value is kept as
 * sent (no copy), and the JSON Schema says the same as z.record's would.
 */
const YearAmounts = z
  .custom<Record<string, number | null>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    { message: 'objet attendu, par ex. { "2023": 150.5 } / object expected, e.g. { "2023": 150.5 }' },
  )
  .check((ctx) => {
    const years = ctx.value as Record<string, unknown>;
    if (typeof years !== 'object' || years === null) return;
    for (const key in years) {
      const amount = years[key];
      if (!YEAR_KEY.test(key)) {
        ctx.issues.push({
          code: 'custom',
          input: years,
          path: [key],
          message: `année « ${key} » : quatre chiffres attendus / year "${key}": four digits expected`,
        });
      } else if (amount !== null && (typeof amount !== 'number' || !Number.isFinite(amount))) {
        ctx.issues.push({
          code: 'custom',
          input: amount,
          path: [key],
          message: 'nombre (en millions) ou null attendu / number (in millions) or null expected',
        });
      }
    }
  })
  .meta({
    type: 'object',
    propertyNames: { type: 'string', pattern: '^\\d{4}$' },
    additionalProperties: { anyOf: [{ type: 'number' }, { type: 'null' }] },
  });

// The members of both objects are declared in sorted order, and zod's output lists them in that
// order: a validated return is then already canonical (../canonical-json.ts), and hashing it copies
// nothing.
export const ReturnLine = z.object({
  /** Activity code as the ministry wrote it ("1.2.1.3"); checked against the plan by the checks. */
  activity: text(40).trim().min(1),
  comment: text(2000).nullable().default(null),
  /** Calendar years marked for execution. */
  execution: z.array(z.number().int()).max(50).default([]),
  external: z.number().nullable().default(null),
  national: z.number().nullable().default(null),
  nature: z.enum(['costed', 'pm']).nullable().default(null),
  /** The entry-sheet row the line came from, so that findings can point at its cells. */
  row: z.number().int().positive().optional(),
  total: z.number().nullable().default(null),
  /** Amount per calendar year ("2023": 150.5). */
  years: YearAmounts.default({}),
});
export type ReturnLine = z.infer<typeof ReturnLine>;

export const ReturnDocument = z.object({
  /** Chosen by the client once per submission: a retry with the same id never makes a second version. */
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/)
    .optional(),
  lines: z.array(ReturnLine).max(20000),
  ministry: text(40).min(1),
  planId: text(100),
  planVersion: text(100),
  templateVersion: text(100).optional(),
});
export type ReturnDocument = z.infer<typeof ReturnDocument>;

/**
 * The canonical JSON (../canonical-json.ts) of a validated return — by the schema or its fast
 * path — without the sorting walk: their members come out in sorted order, and a year map's keys
 * are four digits, which JavaScript lists in ascending order, so JSON.stringify already gives the
 * canonical text. Hashing every submission, the walk cost as much as the checks. A property test
 * (tests/core/return-fast-path.test.ts) holds the two texts equal.
 */
export function returnDocumentJson(doc: Omit<ReturnDocument, 'clientId'>): string {
  return JSON.stringify(doc);
}
