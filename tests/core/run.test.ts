// Running the checks: one report, valid when no error, counted, in reading order.
import { describe, expect, it } from 'vitest';
import { finding, flattenFindings, Plan, runPlanChecks, runReturnChecks, sortFindings } from '#core';
import { costed, line, returnOf } from './fixtures/lines.ts';
import { miniIndex, miniPlan } from './fixtures/mini-plan.ts';

/** MDAC's whole return, matching the plan and the envelope. */
const mdac = () =>
  returnOf(
    [
      costed(6, '1.1.1.2', { 2022: 100, 2023: 100 }),
      costed(7, '2.1.1.1', { 2021: 100, 2022: 100, 2023: 100, 2024: 100, 2025: 100 }, { national: 200 }),
    ],
    { ministry: 'MDAC' },
  );

describe('runReturnChecks', () => {
  it('finds a complete, consistent return valid, with nothing to say', () => {
    expect(runReturnChecks(miniIndex, mdac())).toEqual({
      valid: true,
      stats: { lines: 2, errors: 0, warnings: 0, byCode: {} },
      findings: [],
    });
  });

  it('keeps reading order: sheet, row, column, whatever the severity or the check', () => {
    const ret = mdac();
    ret.lines.push(
      line(9, { activity: '9.9.9.9', years: { 2021: -1 }, total: 5 }),
      costed(8, '1.1.1.2', { 2024: 10 }, { execution: [2023] }),
    );
    const report = runReturnChecks(miniIndex, ret);
    expect(flattenFindings(report.findings)).toEqual([
      ['Saisie!A8', 'duplicate_line'],
      ['Saisie!J8', 'amount_outside_execution'],
      ['Saisie!Q8', 'execution_without_amount'],
      ['Saisie!A9', 'unknown_activity'],
      ['Saisie!G9', 'negative_amount'],
      ['Saisie!L9', 'line_total_mismatch'],
      ['Saisie', 'envelope_gap'],
      ['Saisie', 'envelope_gap'],
    ]);
    expect(report.valid).toBe(false);
    expect(report.stats).toEqual({
      lines: 4,
      errors: 4,
      warnings: 4,
      byCode: {
        duplicate_line: 1,
        amount_outside_execution: 1,
        execution_without_amount: 1,
        unknown_activity: 1,
        negative_amount: 1,
        line_total_mismatch: 1,
        envelope_gap: 2,
      },
    });
  });

  it('is valid with warnings only', () => {
    const ret = mdac();
    ret.lines.splice(0, 1);
    const report = runReturnChecks(miniIndex, ret);
    expect(report.valid).toBe(true);
    expect(report.stats.warnings).toBeGreaterThan(0);
    expect(report.findings.map((f) => f.code)).toContain('activity_missing');
  });

  it("checks for the return's own ministry unless told otherwise", () => {
    const ret = returnOf([costed(6, '1.1.1.1', { 2021: 300 })], { ministry: 'MDAC' });
    expect(runReturnChecks(miniIndex, ret).stats.byCode.activity_not_owned).toBe(1);
    expect(
      runReturnChecks(miniIndex, ret, { ministry: null }).stats.byCode.activity_not_owned,
    ).toBeUndefined();
    expect(
      runReturnChecks(miniIndex, ret, { ministry: 'MARC' }).stats.byCode.activity_not_owned,
    ).toBeUndefined();
  });

  it('merges the findings made while reading the sheet into the same order', () => {
    const ret = mdac();
    const reading = [finding('unreadable_number', 'error', { sheet: 'Saisie', cell: 'H6' }, { text: 'abc' })];
    const report = runReturnChecks(miniIndex, ret, { readingFindings: reading });
    expect(flattenFindings(report.findings)).toEqual([['Saisie!H6', 'unreadable_number']]);
    expect(report.valid).toBe(false);
  });

  it('applies the tolerance it is given to every check', () => {
    const ret = returnOf(
      [
        line(6, {
          activity: '1.1.1.2',
          nature: 'costed',
          years: { 2022: 100, 2023: 100 },
          total: '200.000001',
          national: 200,
          execution: [2022, 2023],
        }),
      ],
      { ministry: 'MDAC' },
    );
    const strict = runReturnChecks(miniIndex, ret);
    expect(strict.stats.byCode.line_total_mismatch).toBe(1);
    const tolerant = runReturnChecks(miniIndex, ret, { tolerance: 1n });
    expect(tolerant.stats.byCode.line_total_mismatch).toBeUndefined();
    expect(tolerant.stats.byCode.funding_split_mismatch).toBeUndefined();
  });
});

describe('runPlanChecks', () => {
  it('reports the slips of the plan itself, by table line then document line', () => {
    expect(Plan.parse(miniPlan)).toEqual(miniPlan);
    const report = runPlanChecks(miniIndex);
    expect(report.valid).toBe(false);
    expect(report.stats.lines).toBe(6);
    expect(report.findings.map((f) => [f.code, f.where.line])).toEqual([
      ['summary_row_mismatch', 3],
      ['summary_detail_mismatch', 3],
      ['summary_detail_mismatch', 6],
      ['summary_total_row_mismatch', 7],
    ]);
  });
});

describe('sortFindings', () => {
  it('orders lines of a JSON return by position, years of a printed table in order, and whole-sheet findings last', () => {
    const where = [
      { sheet: 'JSON', item: 10, activity: '1.1.1.3', field: 'total' as const },
      { sheet: 'JSON' },
      { sheet: 'JSON', item: 2, activity: '1.1.1.2', field: 'year:2023' as const },
      { sheet: 'Tableau II.2.1', cell: 'TOTAL', line: 65 },
      { sheet: 'Tableau II.2.1', cell: '2023', line: 65 },
      { sheet: 'Tableau II.2.1', cell: '2021', line: 65 },
      { sheet: 'JSON', item: 2, activity: '1.1.1.2', field: 'activity' as const },
    ];
    const findings = where.map((w) => finding('missing_activity_code', 'error', w, {}));
    expect(flattenFindings(sortFindings(findings)).map(([place]) => place)).toEqual([
      'JSON!1.1.1.2 year:2023',
      'JSON!1.1.1.2 activity',
      'JSON!1.1.1.3 total',
      'JSON',
      'Tableau II.2.1!2021',
      'Tableau II.2.1!2023',
      'Tableau II.2.1!TOTAL',
    ]);
  });

  it('orders cells by row, then column, across columns beyond Z', () => {
    const cells = ['AA3', 'B10', 'Z3', 'A3'];
    const findings = cells.map((cell) =>
      finding('missing_activity_code', 'error', { sheet: 'Saisie', cell }, {}),
    );
    expect(sortFindings(findings).map((f) => f.where.cell)).toEqual(['A3', 'Z3', 'AA3', 'B10']);
  });
});
