/**
 * Arithmetic of a summary table laid out as section II.2.1 (pillar × ministry × year, national vs
 * external): each row adds up, the total row is the sum of the rows, and the total row adds up.
 * Written over SummaryTable so that the same functions check a return's summary sheet and the
 * plan's adopted envelope.
 */

import { type AmountField, amountFields, amountOf, exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, type FindingOf, finding, type Severity, type Where } from '../findings.ts';
import type { SummaryRow, SummaryTable } from '../model.ts';
import type { Money } from '../money.ts';
import { returnCheck, withoutLines } from './line-data.ts';
import { toleranceParam } from './shared.ts';

/** The cell of a row's field; a table read from the document also carries the row's line. */
export function summaryWhere(table: SummaryTable, row: SummaryRow, field: AmountField): Where {
  const where: Where = { sheet: table.sheet, cell: row.cells[field] };
  if (row.line !== undefined) where.line = row.line;
  return where;
}

function yearSum(table: SummaryTable, row: SummaryRow): { sum: Money; any: boolean } {
  let sum = 0n;
  let any = false;
  for (const y of table.years) {
    const v = row.amounts.years[y];
    if (v === null || v === undefined) continue;
    sum += v;
    any = true;
  }
  return { sum, any };
}

/** The years against the total, and national + external against the total, of one row. */
function rowBalance(
  table: SummaryTable,
  row: SummaryRow,
  tolerance: Money,
): { years?: { sum: Money }; split?: { sum: Money } } {
  const out: { years?: { sum: Money }; split?: { sum: Money } } = {};
  const { total, national, external } = row.amounts;
  const { sum, any } = yearSum(table, row);
  if ((any || total !== null) && (total === null ? any : exactDiffers(sum, total, tolerance)))
    out.years = { sum };
  if (national !== null || external !== null) {
    const split = (national ?? 0n) + (external ?? 0n);
    if (total === null || exactDiffers(split, total, tolerance)) out.split = { sum: split };
  }
  return out;
}

/** summary_row_mismatch and summary_split_mismatch for each row (the total row excepted). */
export function summaryRowFindings(
  table: SummaryTable,
  tolerance: Money,
  severity: Severity,
): FindingOf<'summary_row_mismatch' | 'summary_split_mismatch'>[] {
  const findings: FindingOf<'summary_row_mismatch' | 'summary_split_mismatch'>[] = [];
  const tol = toleranceParam(tolerance);
  for (const row of table.rows) {
    const { years, split } = rowBalance(table, row, tolerance);
    const params = { table: table.name, row: row.label, tolerance: tol };
    const actual = exactMillions(row.amounts.total);
    if (years)
      findings.push(
        finding('summary_row_mismatch', severity, summaryWhere(table, row, 'total'), params, {
          expected: exactMillions(years.sum),
          actual,
        }),
      );
    if (split)
      findings.push(
        finding('summary_split_mismatch', severity, summaryWhere(table, row, 'national'), params, {
          expected: exactMillions(split.sum),
          actual,
        }),
      );
  }
  return findings;
}

/** summary_column_mismatch: per field, the rows' sum against the total row. */
export function summaryColumnFindings(
  table: SummaryTable,
  tolerance: Money,
  severity: Severity,
): FindingOf<'summary_column_mismatch'>[] {
  const totalRow = table.totalRow;
  if (!totalRow) return [];
  const findings: FindingOf<'summary_column_mismatch'>[] = [];
  const tol = toleranceParam(tolerance);
  for (const field of amountFields(table.years)) {
    if ([totalRow, ...table.rows].some((row) => row.unreadable?.includes(field))) continue;
    let sum = 0n;
    for (const row of table.rows) sum += amountOf(row.amounts, field) ?? 0n;
    const stated = amountOf(totalRow.amounts, field);
    if (!exactDiffers(sum, stated, tolerance)) continue;
    findings.push(
      finding(
        'summary_column_mismatch',
        severity,
        summaryWhere(table, totalRow, field),
        { table: table.name, field, tolerance: tol },
        { expected: exactMillions(sum), actual: exactMillions(stated) },
      ),
    );
  }
  return findings;
}

/** summary_total_row_mismatch: the total row's years, and its national + external, against its total. */
export function summaryTotalRowFindings(
  table: SummaryTable,
  tolerance: Money,
  severity: Severity,
): Finding[] {
  const totalRow = table.totalRow;
  if (!totalRow) return [];
  const { years, split } = rowBalance(table, totalRow, tolerance);
  const params = { table: table.name, tolerance: toleranceParam(tolerance) };
  const actual = exactMillions(totalRow.amounts.total);
  const findings: FindingOf<'summary_total_row_mismatch'>[] = [];
  if (years)
    findings.push(
      finding(
        'summary_total_row_mismatch',
        severity,
        summaryWhere(table, totalRow, 'total'),
        { ...params, parts: 'years' },
        {
          expected: exactMillions(years.sum),
          actual,
        },
      ),
    );
  if (split)
    findings.push(
      finding(
        'summary_total_row_mismatch',
        severity,
        summaryWhere(table, totalRow, 'national'),
        { ...params, parts: 'funding' },
        {
          expected: exactMillions(split.sum),
          actual,
        },
      ),
    );
  return findings;
}

/** Every arithmetic finding of one table, rows first, then the total row. */
export function summaryTableFindings(table: SummaryTable, tolerance: Money, severity: Severity): Finding[] {
  return [
    ...summaryRowFindings(table, tolerance, severity),
    ...summaryColumnFindings(table, tolerance, severity),
    ...summaryTotalRowFindings(table, tolerance, severity),
  ];
}

export const summaryTablesCheck = returnCheck({
  id: 'summary-tables',
  codes: [
    'summary_row_mismatch',
    'summary_split_mismatch',
    'summary_column_mismatch',
    'summary_total_row_mismatch',
  ],
  start({ ret, tolerance }) {
    // A table printed by a workbook's formulas adds up by construction, row by row; its rows are
    // compared with the lines (summary-detail) and its total row with its rows.
    return withoutLines(() =>
      ret.summaries.flatMap((table) =>
        table.fromWorkbook
          ? summaryColumnFindings(table, tolerance, 'error')
          : summaryTableFindings(table, tolerance, 'error'),
      ),
    );
  },
});
