// Properties of the line checks over random lines: consistent lines pass, a 1 FCFA (or larger)
// change to one amount gives exactly the finding expected, and no input makes a check throw or
// emit a code it did not declare.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountsCheck,
  executionCheck,
  type Finding,
  flattenFindings,
  formatFinding,
  fundingSplitCheck,
  type Line,
  lineTotalCheck,
  type Money,
  natureCheck,
  type ParsedReturn,
  RETURN_CHECKS,
  type ReturnCheck,
  runReturnChecks,
} from '#core';
import { line, returnOf, subtotal, summaryTable } from '../fixtures/lines.ts';
import { miniIndex, YEARS } from '../fixtures/mini-plan.ts';
import { drawnLine, LINE_FIELDS as FIELDS } from './random-lines.ts';

const LINE_CHECKS: ReturnCheck[] = [
  amountsCheck,
  lineTotalCheck,
  fundingSplitCheck,
  natureCheck,
  executionCheck,
];

const lineFindings = (ret: ParsedReturn): Finding[] =>
  LINE_CHECKS.flatMap((c) => c.run({ index: miniIndex, ret, ministry: null, tolerance: 0n }));

// Up to a thousand billion FCFA per year, in FCFA: far past any real line, still exact.
const amount = fc.bigInt({ min: 0n, max: 1_000_000_000_000_000n });

/** A consistent costed line: years add up to the total, national + external = total, marks match. */
const consistentLine = fc
  .record({
    years: fc.array(fc.option(amount, { nil: null }), { minLength: YEARS.length, maxLength: YEARS.length }),
    forced: fc.integer({ min: 0, max: YEARS.length - 1 }),
    forcedAmount: fc.bigInt({ min: 1n, max: 1_000_000_000_000n }),
    nationalShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ years, forced, forcedAmount, nationalShare }): Line => {
    const l = line(7, { activity: '2.1.1.1', nature: 'costed' });
    let total = 0n;
    YEARS.forEach((y, i) => {
      const v = i === forced ? forcedAmount : (years[i] ?? null);
      l.years[y] = v;
      if (v !== null) total += v;
    });
    l.total = total;
    l.national = (total * BigInt(Math.round(nationalShare * 1000))) / 1000n;
    l.external = total - l.national;
    l.execution = YEARS.filter((y) => (l.years[y] ?? 0n) > 0n);
    return l;
  });

describe('line checks, over random lines', () => {
  it('say nothing about a line whose years add up and whose funding adds up', () => {
    fc.assert(
      fc.property(consistentLine, (l) => {
        expect(lineFindings(returnOf([l]))).toEqual([]);
      }),
    );
  });

  it('report exactly the broken sum when one amount moves by 1 FCFA or more', () => {
    fc.assert(
      fc.property(
        consistentLine,
        fc.constantFrom('year', 'national'),
        fc.bigInt({ min: 1n, max: 1_000_000_000n }),
        fc.boolean(),
        (l, target, delta, down) => {
          if (target === 'year') {
            // A year with an amount, moved while staying positive (a zero would empty a marked year).
            const y = YEARS.find((year) => (l.years[year] ?? 0n) > 0n) as number;
            const v = l.years[y] as Money;
            l.years[y] = down && v > delta ? v - delta : v + delta;
            expect(flattenFindings(lineFindings(returnOf([l])))).toEqual([
              ['Saisie!L7', 'line_total_mismatch'],
            ]);
          } else {
            const v = l.national as Money;
            l.national = down && v >= delta ? v - delta : v + delta;
            expect(flattenFindings(lineFindings(returnOf([l])))).toEqual([
              ['Saisie!M7', 'funding_split_mismatch'],
            ]);
          }
        },
      ),
    );
  });
});

// --- Anything at all ----------------------------------------------------------------------------

const anyAmount = fc.option(fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }), { nil: null });

const anyLine = fc
  .record({
    row: fc.integer({ min: 6, max: 40 }),
    activity: fc.constantFrom(null, '', '1.1.1.1', '1.1.1.3', '2.1.1.2', '2.1.1.3', '9.9.9.9', 'Pilier 3'),
    nature: fc.constantFrom(null, 'costed' as const, 'pm' as const),
    years: fc.array(anyAmount, { minLength: YEARS.length, maxLength: YEARS.length }),
    total: anyAmount,
    national: anyAmount,
    external: anyAmount,
    execution: fc.subarray([...YEARS, 2030]),
    unreadable: fc.subarray(FIELDS, { maxLength: 3 }),
    noCells: fc.boolean(),
  })
  .map((r): Line => {
    const l = drawnLine(r.row, r);
    l.total = r.total;
    l.national = r.national;
    l.external = r.external;
    return l;
  });

const anyReturn = fc
  .record({
    lines: fc.array(anyLine, { maxLength: 12 }),
    ministry: fc.constantFrom(null, 'MARCC', 'MRN-APR', 'XYZ'),
    subtotalKeys: fc.subarray([
      ['pillar', '1'],
      ['result', '2.1.1'],
      ['objective', '1.1'],
      ['ministry', 'MARC'],
      ['grand', ''],
    ] as const),
    summary: fc.boolean(),
    tolerance: fc.constantFrom(0n, 1n, 1_000_000n),
  })
  .map((r) => ({
    ret: returnOf(r.lines, {
      ministry: r.ministry,
      subtotals: r.subtotalKeys.map(([level, key], i) => subtotal(50 + i, level, key, { total: 1 })),
      summaries: r.summary
        ? [
            summaryTable(
              [
                {
                  pillar: '1',
                  ministry: 'MARCC',
                  years: [1, null, 2, null, null],
                  total: 4,
                  national: 1,
                  external: null,
                },
              ],
              { years: [1, null, null, null, null], total: null, national: 2, external: 3 },
            ),
          ]
        : [],
    }),
    tolerance: r.tolerance,
  }));

describe('all return checks, over anything', () => {
  it('never throw, emit only their declared codes, and word every finding', () => {
    fc.assert(
      fc.property(anyReturn, ({ ret, tolerance }) => {
        for (const check of RETURN_CHECKS) {
          const findings = check.run({ index: miniIndex, ret, ministry: ret.ministry, tolerance });
          for (const f of findings) expect(check.codes).toContain(f.code);
        }
        const report = runReturnChecks(miniIndex, ret, { tolerance });
        expect(report.stats.errors + report.stats.warnings).toBe(report.findings.length);
        expect(report.valid).toBe(report.stats.errors === 0);
        for (const f of report.findings)
          for (const lang of ['fr', 'en'] as const)
            expect(formatFinding(f, lang)).not.toMatch(/undefined|NaN/);
      }),
      { numRuns: 300 },
    );
  });
});
