/**
 * The summary sheet ("Synthèse") in the layout of the plan's section II.2.1: one row per pillar and
 * lead ministry, the amounts per year, TOTAL, national budget and external funding, then — right
 * of an empty column, because they are not in the document's table — the adopted envelope of that
 * row and the gap to it. Every amount is a SUMIFS over the entry sheet keyed by its hidden pillar
 * and lead-ministry columns, so the summary follows whatever is typed there.
 *
 * Rows are the pairs present among the template's activities, plus the envelope's rows for the
 * same scope (the whole plan, or rows naming the template's ministry) that have no activity: an
 * envelope line with nothing behind it is exactly what finance staff need to see, as a gap.
 */
import { columnLetter } from '../grid.ts';
import { type Lang, ROLLUP_LABELS } from '../layout.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import { absoluteA1, columnRect, rangeA1, sheetRef } from '../workbook-spec/ranges.ts';
import { emptySheet, LINE_HEIGHT } from '../workbook-spec/sheet.ts';
import { AMOUNT_FORMAT, ROLLUP_AMOUNT_FORMAT, type SheetSpec, type SpecCell } from '../workbook-spec/spec.ts';
import type { EntrySheet } from './entry-sheet.ts';
import type { TemplateWording } from './wording.ts';

export interface SummarySheet {
  sheet: SheetSpec;
  /** 1-based row of the TOTAL row. */
  totalRow: number;
  /** 0-based columns matching the entry sheet's sumColumns, in the same order. */
  sumColumns: number[];
}

export interface SummaryContext {
  index: PlanIndex;
  activities: readonly Activity[];
  ministry: string | null;
  lang: Lang;
  name: string;
  wording: TemplateWording;
  heading: [string, string];
  entry: EntrySheet;
  entryName: string;
  envelope: boolean;
}

/**
 * Row 4 holds the headers; pair rows follow from row 5, then the TOTAL row. Columns: A pillar
 * name (as plan.pillars), B lead-ministry code, then years, TOTAL, national, external, an empty
 * column, the envelope and the gap.
 */
export const SUMMARY_HEADER_ROW = 4;
const HEADER_ROW = SUMMARY_HEADER_ROW;
const FIRST_ROW = HEADER_ROW + 1;

/** A string literal inside a formula. */
const literal = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** (pillar, lead ministry) pairs of the summary, in the plan's pillar order. */
export function summaryPairs(
  index: PlanIndex,
  activities: readonly Activity[],
  ministry: string | null,
): { pillar: string; ministry: string }[] {
  const seen = new Map<string, { pillar: string; ministry: string }>();
  const add = (pillar: string, m: string) => {
    const key = `${pillar}\u0000${m}`;
    if (!seen.has(key)) seen.set(key, { pillar, ministry: m });
  };
  for (const row of index.plan.envelope.rows) {
    if (row.pillar !== null && row.ministry !== null && (ministry === null || row.ministry === ministry)) {
      add(row.pillar, row.ministry);
    }
  }
  for (const a of activities) add(a.pillar, a.responsible);
  const order = new Map(index.plan.pillars.map((p, i) => [p.code, i]));
  const rank = (code: string) => order.get(code) ?? order.size;
  // Array.prototype.sort is stable: within a pillar, envelope rows keep the document's order.
  return [...seen.values()].sort((x, y) => rank(x.pillar) - rank(y.pillar));
}

export function buildSummarySheet(ctx: SummaryContext): SummarySheet {
  const { index, entry, wording: w } = ctx;
  const years = index.years;
  const h = w.summaryHeaders;
  const sheet = emptySheet('summary', ctx.name);
  const pairs = summaryPairs(index, ctx.activities, ctx.ministry);

  // A pillars, B ministries, then one column per entry sum column (years, total, national, external).
  const sumColumns = entry.sumColumns.map((_, i) => 2 + i);
  const lastSum = sumColumns[sumColumns.length - 1] ?? 2;
  const envelopeColumn = ctx.envelope ? lastSum + 2 : -1;
  const gapColumn = ctx.envelope ? lastSum + 3 : -1;
  const lastColumn = ctx.envelope ? gapColumn : lastSum;
  const width = lastColumn + 1;

  sheet.columns = [
    { width: 24 },
    { width: 12 },
    ...years.map(() => ({ width: 11 })),
    { width: 12 },
    { width: 13 },
    { width: 12 },
    ...(ctx.envelope ? [{ width: 2 }, { width: 15 }, { width: 12 }] : []),
  ];
  const header: SpecCell[] = new Array(width).fill(null);
  header[0] = h.pillars;
  header[1] = h.ministries;
  years.forEach((y, i) => {
    header[2 + i] = String(y);
  });
  header[2 + years.length] = h.total;
  header[3 + years.length] = h.national;
  header[4 + years.length] = h.external;
  if (ctx.envelope) {
    header[envelopeColumn] = h.envelope;
    header[gapColumn] = h.gap;
  }
  sheet.cells = [[ctx.heading[0]], [ctx.heading[1]], [w.summaryNote], header];

  const entryRange = (col: number) =>
    sheetRef(ctx.entryName, absoluteA1(columnRect(col, entry.firstDataRow, entry.lastDataRow)));
  const pillarKeys = entryRange(entry.column('pillarKey'));
  const ministryKeys = entryRange(entry.column('ministryKey'));
  const pillarName = new Map(index.plan.pillars.map((p) => [p.code, p.name]));
  const envelopeOf = (pillar: string, m: string) =>
    index.plan.envelope.rows.find((r) => r.pillar === pillar && r.ministry === m)?.total ?? null;

  const lastRow = FIRST_ROW + pairs.length - 1;
  const totalRow = lastRow + 1;
  const a1 = (col: number, row: number) => rangeA1(columnRect(col, row, row));
  const totalColumn = 2 + years.length;
  const gapFormula = (row: number) =>
    `IF(ISNUMBER(${a1(envelopeColumn, row)}),ROUND(${a1(totalColumn, row)}-${a1(envelopeColumn, row)},6),"")`;

  pairs.forEach((pair, i) => {
    const row = FIRST_ROW + i;
    const values: SpecCell[] = new Array(width).fill(null);
    values[0] = pillarName.get(pair.pillar) ?? pair.pillar;
    values[1] = pair.ministry;
    entry.sumColumns.forEach((entryCol, k) => {
      values[2 + k] = {
        formula:
          `SUMIFS(${entryRange(entryCol)},${pillarKeys},${literal(pair.pillar)},` +
          `${ministryKeys},${literal(pair.ministry)})`,
      };
    });
    if (ctx.envelope) {
      values[envelopeColumn] = envelopeOf(pair.pillar, pair.ministry);
      values[gapColumn] = { formula: gapFormula(row) };
    }
    sheet.cells[row - 1] = values;
  });

  const total: SpecCell[] = new Array(width).fill(null);
  total[0] = ROLLUP_LABELS.grand[ctx.lang];
  const columnSum = (col: number): SpecCell =>
    pairs.length === 0 ? 0 : { formula: `SUM(${rangeA1(columnRect(col, FIRST_ROW, lastRow))})` };
  for (const col of sumColumns) total[col] = columnSum(col);
  if (ctx.envelope) {
    // Empty, not 0, when no row of this scope has an envelope: there is nothing to compare with.
    const envelopes = rangeA1(columnRect(envelopeColumn, FIRST_ROW, lastRow));
    total[envelopeColumn] =
      pairs.length === 0 ? null : { formula: `IF(COUNT(${envelopes})=0,"",SUM(${envelopes}))` };
    total[gapColumn] = { formula: gapFormula(totalRow) };
  }
  sheet.cells[totalRow - 1] = total;

  const rowRect = (row: number, left: number, right: number) => ({ top: row, bottom: row, left, right });
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3', style: 'meta' },
    { range: rangeA1(rowRect(HEADER_ROW, 0, lastSum)), style: 'header' },
  );
  if (ctx.envelope)
    sheet.styles.push({ range: rangeA1(rowRect(HEADER_ROW, envelopeColumn, gapColumn)), style: 'header' });
  if (pairs.length > 0) {
    const body = (left: number, right: number) => rangeA1({ top: FIRST_ROW, bottom: lastRow, left, right });
    sheet.styles.push(
      { range: body(0, 1), style: 'lockedText' },
      { range: body(2, lastSum), style: 'lockedAmount' },
    );
    if (ctx.envelope) {
      sheet.styles.push(
        { range: body(envelopeColumn, envelopeColumn), style: 'lockedAmount' },
        { range: body(gapColumn, gapColumn), style: 'formulaAmount' },
      );
      const gap$ = `$${columnLetter(gapColumn)}${FIRST_ROW}`;
      // A gap to the envelope is not always an error (a ministry may revise), but it must show.
      sheet.conditionalFormats.push({
        range: rangeA1({ top: FIRST_ROW, bottom: totalRow, left: gapColumn, right: gapColumn }),
        formula: `AND(ISNUMBER(${gap$}),${gap$}<>0)`,
        style: 'warning',
      });
    }
  }
  sheet.styles.push({ range: rangeA1(rowRect(totalRow, 0, lastSum)), style: 'grandTotalRow' });
  if (ctx.envelope)
    sheet.styles.push({
      range: rangeA1(rowRect(totalRow, envelopeColumn, gapColumn)),
      style: 'grandTotalRow',
    });
  // Every amount here is a roll-up of the entry sheet: a pair with nothing typed prints blank, not
  // "0.0". The envelope and the gap are figures in their own right and keep the plain format.
  sheet.numberFormats.push({
    range: rangeA1({ top: FIRST_ROW, bottom: totalRow, left: 2, right: lastSum }),
    format: ROLLUP_AMOUNT_FORMAT,
  });
  if (ctx.envelope) {
    sheet.numberFormats.push({
      range: rangeA1({ top: FIRST_ROW, bottom: totalRow, left: envelopeColumn, right: lastColumn }),
      format: AMOUNT_FORMAT,
    });
  }
  sheet.rowHeights = { [HEADER_ROW]: 2 * LINE_HEIGHT };
  sheet.freeze = { rows: HEADER_ROW, columns: 2 };
  sheet.print = { landscape: true, fitToWidth: true, repeatRows: { from: HEADER_ROW, to: HEADER_ROW } };
  return { sheet, totalRow, sumColumns };
}
