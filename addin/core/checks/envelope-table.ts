/**
 * The plan's adopted envelope (its summary table, section II.2.1 of the shipped plan) as a
 * SummaryTable, so that the summary-table checks read it like any summary sheet. The printed table
 * has no cell addresses: a finding points at the table — named as the plan names it, "Tableau
 * II.2.1" for the shipped plan (../plan-words.ts) — the document line of the row, and the column as
 * printed ("2023", "TOTAL", "Budget national", "Extérieur").
 */
import type { Amounts, LineField, SummaryRow, SummaryTable } from '../model.ts';
import { moneyFromNumber } from '../money.ts';
import { envelopeWords } from '../plan-words.ts';
import type { EnvelopeRow, Plan } from '../schemas/plan.ts';

/** The name findings give the plan's summary table, as their table and sheet. */
export function envelopeTableName(plan: Plan): string {
  return envelopeWords(plan).name;
}

/** Column headings of the printed table, used as the "cell" of a finding. */
export const ENVELOPE_COLUMNS = {
  total: 'TOTAL',
  national: 'Budget national',
  external: 'Extérieur',
} as const;

const money = (value: number | null | undefined) =>
  value === null || value === undefined ? null : moneyFromNumber(value);

function envelopeRow(row: EnvelopeRow, years: readonly number[]): SummaryRow {
  const amounts: Amounts = {
    years: {},
    total: money(row.total),
    national: money(row.national),
    external: money(row.external),
  };
  const cells: Partial<Record<LineField, string>> = { ...ENVELOPE_COLUMNS };
  for (const y of years) {
    amounts.years[y] = money(row.years[String(y)]);
    cells[`year:${y}`] = String(y);
  }
  const label = row.ministryAsWritten
    ? `${row.pillarAsWritten} / ${row.ministryAsWritten}`
    : row.pillarAsWritten;
  return { label, pillar: row.pillar, ministry: row.ministry, amounts, cells, line: row.line };
}

export function envelopeTable(plan: Plan): SummaryTable {
  const { envelope } = plan;
  const name = envelopeTableName(plan);
  return {
    name,
    sheet: name,
    years: envelope.years,
    rows: envelope.rows.map((r) => envelopeRow(r, envelope.years)),
    totalRow: envelopeRow(envelope.totalRow, envelope.years),
  };
}
