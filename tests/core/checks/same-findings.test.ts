// The return checks give exactly the findings of a plain reference (./reference-checks.ts) on
// random returns: same codes, places, params, expected and actual values, in the same order, and
// the same report once sorted. Amounts range from a few FCFA to far beyond 2^53 FCFA, around the
// edge where doubles stop holding every integer, so the checks' fast sums are held to exact ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_LINES,
  type Finding,
  indexPlan,
  type Line,
  type LineField,
  type Money,
  nameActivities,
  type ParsedReturn,
  type PlanIndex,
  RETURN_CHECKS,
  type ReturnContext,
  reportOf,
  runReturnChecks,
  type Subtotal,
  type SummaryTable,
} from '#core';
import { syntheticPlan, syntheticReturn } from '../../bench/checks.bench.ts';
import { returnOf, subtotal, summaryTable } from '../fixtures/lines.ts';
import { miniIndex, YEARS } from '../fixtures/mini-plan.ts';
import { drawnLine, LINE_FIELDS as FIELDS } from './random-lines.ts';
import {
  type Field,
  fieldSum,
  fieldsOf,
  REFERENCE_CHECKS,
  subtotalMembers,
  summaryMembers,
} from './reference-checks.ts';

const EDGE = 2n ** 53n;

/** Blank, zero, a few FCFA, whole millions, large, around 2^53 / 4 (sums cross 2^53), past 2^53. */
const anyAmount: fc.Arbitrary<Money | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constant(0n) },
  { weight: 3, arbitrary: fc.bigInt({ min: -3n, max: 3n }) },
  { weight: 5, arbitrary: fc.bigInt({ min: -2n, max: 9n }).map((v) => v * 1_000_000n) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }) },
  { weight: 2, arbitrary: fc.bigInt({ min: -2n, max: 2n }).map((d) => EDGE / 4n + d) },
  { weight: 1, arbitrary: fc.bigInt({ min: -2n, max: 2n }).map((d) => EDGE + d) },
  { weight: 1, arbitrary: fc.bigInt({ min: -2n, max: 2n }).map((d) => d - EDGE) },
  { weight: 1, arbitrary: fc.bigInt({ min: 10n ** 18n, max: 10n ** 24n }) },
);
/** What a subtotal or summary cell states: the sum of its lines moved by nothing, 1 FCFA or more. */
const anyDelta = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0n) },
  { weight: 1, arbitrary: fc.constantFrom(1n, -1n, 1_000_000n, EDGE) },
);

const CODES = [null, '1.1.1.1', '1.1.1.2', '1.1.1.3', '2.1.1.1', '2.1.1.2', '2.1.1.3', '9.9.9.9'];
const MINISTRIES = ['MARCC', 'MARC', 'MDAC', 'MRN', 'MRN-APR', 'MARCC-MRN', 'XYZ'];

const anyLine = fc
  .record({
    activity: fc.constantFrom(...CODES),
    nature: fc.constantFrom(null, 'costed' as const, 'pm' as const),
    years: fc.array(anyAmount, { minLength: YEARS.length, maxLength: YEARS.length }),
    total: anyAmount,
    national: anyAmount,
    external: anyAmount,
    /** Total = the years, national + external = total: a line that adds up. */
    consistent: fc.boolean(),
    execution: fc.subarray([...YEARS, 2030]),
    unreadable: fc.oneof(
      { weight: 4, arbitrary: fc.constant<LineField[]>([]) },
      { weight: 1, arbitrary: fc.subarray(FIELDS, { maxLength: 3 }) },
    ),
    noCells: fc.boolean(),
    /** An amount in a year the plan does not have, as a program could set it. */
    outsideYear: fc.option(anyAmount, { nil: undefined }),
  })
  .map((r) => (row: number): Line => {
    const l = drawnLine(row, r);
    if (r.outsideYear !== undefined) l.years[2030] = r.outsideYear;
    if (r.consistent) {
      const total = YEARS.reduce((s, y) => s + (l.years[y] ?? 0n), 0n);
      l.total = total;
      l.national = r.national ?? total;
      l.external = total - l.national;
    } else {
      l.total = r.total;
      l.national = r.national;
      l.external = r.external;
    }
    return l;
  });

const SUBTOTAL_KEYS: [Subtotal['level'], string][] = [
  ['result', '1.1.1'],
  ['result', '2.1.1'],
  ['result', '3.1.1'],
  ['objective', '1.1'],
  ['objective', '2.1'],
  ['pillar', '1'],
  ['pillar', '2'],
  ...MINISTRIES.map((m): [Subtotal['level'], string] => ['ministry', m]),
  ['grand', ''],
];

/** A stated row: random cells, or each field the exact sum of `members` moved by a delta. */
const anyStated = fc.record({
  matching: fc.boolean(),
  random: fc.array(anyAmount, { minLength: YEARS.length + 3, maxLength: YEARS.length + 3 }),
  deltas: fc.array(anyDelta, { minLength: YEARS.length + 3, maxLength: YEARS.length + 3 }),
});

function statedCells(
  stated: { matching: boolean; random: (Money | null)[]; deltas: Money[] },
  members: Line[],
  fields: Field[],
): Map<Field, Money | null> {
  return new Map(
    fields.map((f, k) => [
      f,
      stated.matching ? (fieldSum(members, f) ?? 0n) + (stated.deltas[k] ?? 0n) : (stated.random[k] ?? null),
    ]),
  );
}

/** Millions as the fixtures take them: an exact decimal string. */
const dec = (v: Money | null | undefined) => {
  if (v === null || v === undefined) return null;
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
};

const anyReturn = fc
  .record({
    lines: fc.array(anyLine, { maxLength: 14 }),
    ministry: fc.constantFrom(null, ...MINISTRIES),
    subtotals: fc.array(fc.record({ key: fc.constantFrom(...SUBTOTAL_KEYS), stated: anyStated }), {
      maxLength: 6,
    }),
    summary: fc.option(
      fc.record({
        years: fc.constantFrom(YEARS, [2021, 2022, 2023, 2024, 2026]),
        rows: fc.array(
          fc.record({
            pillar: fc.constantFrom(null, '1', '2', '9'),
            ministry: fc.constantFrom(null, ...MINISTRIES),
            stated: anyStated,
          }),
          { maxLength: 5 },
        ),
        total: fc.option(anyStated, { nil: undefined }),
      }),
      { nil: undefined },
    ),
    tolerance: fc.constantFrom(0n, 1n, 1_000_000n, EDGE, 4n * EDGE),
  })
  .map((r): { ret: ParsedReturn; tolerance: Money } => {
    const lines = r.lines.map((make, i) => make(7 + i));
    const fields = fieldsOf(YEARS);
    const subtotals = r.subtotals.map(({ key: [level, key], stated }, i) => {
      const cells = statedCells(stated, subtotalMembers(miniIndex, lines, level, key), fields);
      const years = Object.fromEntries(YEARS.map((y) => [y, dec(cells.get(`year:${y}`))]));
      return subtotal(40 + i, level, key, {
        years,
        total: dec(cells.get('total')),
        national: dec(cells.get('national')),
        external: dec(cells.get('external')),
      });
    });
    const summaries: SummaryTable[] = [];
    if (r.summary) {
      const tableFields = fieldsOf(r.summary.years);
      const rowOf = (cells: Map<Field, Money | null>) => ({
        years: r.summary?.years.map((y) => dec(cells.get(`year:${y}`))) ?? [],
        total: dec(cells.get('total')),
        national: dec(cells.get('national')),
        external: dec(cells.get('external')),
      });
      const rows = r.summary.rows.map(({ pillar, ministry, stated }) => ({
        pillar,
        ministry,
        ...rowOf(statedCells(stated, summaryMembers(miniIndex, lines, pillar, ministry), tableFields)),
      }));
      const total = r.summary.total && rowOf(statedCells(r.summary.total, lines, tableFields));
      const table = summaryTable(rows, total ?? undefined);
      table.years = r.summary.years;
      summaries.push(table);
    }
    return { ret: returnOf(lines, { ministry: r.ministry, subtotals, summaries }), tolerance: r.tolerance };
  });

/** Findings compared as stored (JSON: key order included) and as objects (undefined and -0 too). */
function expectSame(actual: Finding[], expected: Finding[]): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

function expectAsReference(index: PlanIndex, ret: ParsedReturn, ministry: string | null, tolerance: Money) {
  const reference: Finding[] = [];
  for (const check of RETURN_CHECKS) {
    const ctx: ReturnContext = { index, ret, ministry, tolerance };
    const run = REFERENCE_CHECKS[check.id];
    if (!run) throw new Error(`no reference for ${check.id}`);
    const expected = run(ctx);
    expectSame(check.run(ctx), expected);
    reference.push(...expected);
  }
  const report = runReturnChecks(index, ret, { ministry, tolerance });
  // A report names each finding's activity by its plan title, whichever check made it.
  nameActivities(index, reference);
  expect(report).toStrictEqual(reportOf(reference, ret.lines.length));
  expect(JSON.stringify(report)).toBe(JSON.stringify(reportOf(reference, ret.lines.length)));
}

describe('return checks against the plain reference', () => {
  it('give the same findings, in the same order, on random returns', () => {
    fc.assert(
      fc.property(anyReturn, ({ ret, tolerance }) => {
        expectAsReference(miniIndex, ret, ret.ministry, tolerance);
      }),
      { numRuns: 400 },
    );
  });

  it('give the same findings on a synthetic return of 9,000 lines (chunks, many results and ministries)', () => {
    expect(9_000).toBeGreaterThan(2 * CHUNK_LINES);
    const { plan, amounts } = syntheticPlan(9_000);
    const index = indexPlan(plan);
    const ret = syntheticReturn(plan, amounts);
    expectAsReference(index, ret, null, 0n);
    expectAsReference(index, ret, 'MDAC', 1_000_000n);
  });
});
