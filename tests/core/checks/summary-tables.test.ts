// summary-tables: a summary table laid out as section II.2.1 adds up across and down.
import { describe, expect, it } from 'vitest';
import {
  flattenFindings,
  type ParsedReturn,
  summaryColumnFindings,
  summaryRowFindings,
  summaryTablesCheck,
  summaryTotalRowFindings,
} from '#core';
import { returnOf, summaryTable, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) =>
  summaryTablesCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

/** A table that adds up, and its two rows and total row to spoil. */
function good() {
  const table = summaryTable(
    [
      {
        pillar: '1',
        ministry: 'MARCC',
        years: [100, 200, null, null, null],
        total: 300,
        national: 100,
        external: 200,
      },
      {
        pillar: '2',
        ministry: 'MDAC',
        years: [0.1, 0.2, null, null, null],
        total: 0.3,
        national: 0.3,
        external: null,
      },
    ],
    { years: [100.1, 200.2, null, null, null], total: 300.3, national: 100.3, external: 200 },
  );
  const [first, second] = table.rows;
  if (!first || !second || !table.totalRow) throw new Error('fixture');
  return { table, first: first.amounts, second: second.amounts, totalRow: table.totalRow.amounts };
}

describe('summary-tables', () => {
  it('accepts a table that adds up', () => {
    expect(run(returnOf([], { summaries: [good().table] }))).toEqual([]);
  });

  it('reports a row whose years do not add up to its total', () => {
    const { table, first } = good();
    first.years[2022] = 210_000_000n;
    const findings = summaryRowFindings(table, 0n, 'error');
    expect(flattenFindings(findings)).toEqual([['Synthèse!H5', 'summary_row_mismatch']]);
    expect(findings[0]).toMatchObject({
      expected: 310,
      actual: 300,
      params: { table: 'Synthèse', row: 'Pilier 1 / MARCC' },
    });
    // The 2022 column no longer adds up to the total row either.
    expect(flattenFindings(run(returnOf([], { summaries: [table] })))).toEqual([
      ['Synthèse!H5', 'summary_row_mismatch'],
      ['Synthèse!D7', 'summary_column_mismatch'],
    ]);
  });

  it('reports a row whose national + external do not add up to its total', () => {
    const { table, second } = good();
    second.external = 1n;
    expect(flattenFindings(summaryRowFindings(table, 0n, 'error'))).toEqual([
      ['Synthèse!I6', 'summary_split_mismatch'],
    ]);
    expect(wording(summaryRowFindings(table, 0n, 'error'), 'fr')).toMatchInlineSnapshot(`
      [
        "Synthèse!I6 — Synthèse, ligne « Pilier 2 / MDAC » : budget national + extérieur font 0,300001 million FCFA, le total est 0,3 (écart toléré : 0). Corrigez la répartition des financements.",
      ]
    `);
  });

  it('reports a column whose rows do not add up to the total row', () => {
    const { table, totalRow } = good();
    totalRow.national = 100_000_000n;
    totalRow.total = 300_000_000n;
    const findings = summaryColumnFindings(table, 0n, 'error');
    expect(findings.map((f) => [f.where.cell, f.params.field, f.expected, f.actual])).toEqual([
      ['H7', 'total', 300.3, 300],
      ['I7', 'national', 100.3, 100],
    ]);
    expect(wording(findings.slice(0, 1), 'en')).toMatchInlineSnapshot(`
      [
        "Synthèse!H7 — Synthèse, "Total" column: its rows add up to 300.3 million FCFA, the total row shows 300 (tolerance: 0). Correct the total row or the rows.",
      ]
    `);
  });

  it('reports a total row that does not add up by itself', () => {
    const { table, totalRow } = good();
    totalRow.external = 199_000_000n;
    expect(flattenFindings(summaryTotalRowFindings(table, 0n, 'error'))).toEqual([
      ['Synthèse!I7', 'summary_total_row_mismatch'],
    ]);
  });

  it('lets the caller choose the severity, for the printed envelope', () => {
    const { table, first } = good();
    first.total = null;
    expect(summaryRowFindings(table, 0n, 'warning').map((f) => [f.code, f.severity, f.actual])).toEqual([
      ['summary_row_mismatch', 'warning', null],
      ['summary_split_mismatch', 'warning', null],
    ]);
  });
});
