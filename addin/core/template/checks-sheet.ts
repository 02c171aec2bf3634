/**
 * The visible checks sheet ("Contrôles"): checks a spreadsheet can do by itself, so that a planner
 * without the add-in sees what is left to fix before e-mailing the file. Each row holds a label, a
 * count formula and a status ("OK" / "À corriger"). The full checks (unknown activity, duplicates,
 * envelope) need the plan and run in PAC; a note says so.
 *
 * The counts are SUMPRODUCTs over the entry sheet's data rows, restricted to activity rows by the
 * hidden pillar key (roll-up rows leave it empty). They use only functions that Excel, LibreOffice
 * and Google Sheets evaluate as arrays without array-entry (SUMPRODUCT, ROUND, ISTEXT), and
 * compare amounts with ROUND(…,6): to the FCFA, immune to binary float noise. A count that cannot
 * be computed (text in an amount cell breaks the arithmetic) shows "?" and fails its check.
 */
import { columnLetter } from '../grid.ts';
import { type EntryColumnKey, type Lang, NATURE_VALUES } from '../layout.ts';
import { absoluteA1, type Rect, rangeA1, sheetRef } from '../workbook-spec/ranges.ts';
import { emptySheet, wrappedHeight } from '../workbook-spec/sheet.ts';
import type { SheetSpec, SpecCell } from '../workbook-spec/spec.ts';
import type { EntrySheet } from './entry-sheet.ts';
import type { SummarySheet } from './summary-sheet.ts';
import type { CheckKey, TemplateWording } from './wording.ts';

export interface ChecksContext {
  lang: Lang;
  name: string;
  wording: TemplateWording;
  heading: [string, string];
  entry: EntrySheet;
  entryName: string;
  summary: SummarySheet;
  summaryName: string;
}

const HEADER_ROW = 4;
const FIRST_ROW = HEADER_ROW + 1;
const WIDTHS = [64, 10, 14];

/** The count formula of each check, before IFERROR. */
function countFormulas(ctx: ChecksContext): Record<CheckKey, string> {
  const { entry, summary } = ctx;
  const top = entry.firstDataRow;
  const bottom = entry.lastDataRow;
  const E = (rect: Rect) => sheetRef(ctx.entryName, absoluteA1(rect));
  const col = (key: EntryColumnKey) => E({ top, bottom, left: entry.column(key), right: entry.column(key) });
  const span = (cols: number[]): Rect => ({
    top,
    bottom,
    left: cols[0] ?? 0,
    right: cols[cols.length - 1] ?? 0,
  });
  // Year and mark columns are adjacent in the layout, as are national and external.
  const years = E(span(entry.yearColumns));
  const marks = E(span(entry.markColumns));
  const funding = E(span([entry.column('national'), entry.column('external')]));
  const yearCells = entry.yearColumns.map((c) => E({ top, bottom, left: c, right: c }));
  const national = col('national');
  const external = col('external');
  const isLine = `(${col('pillarKey')}<>"")`;
  const filled = [...yearCells, national, external].map((r) => `(${r}<>"")`).join('+');
  const pm = NATURE_VALUES.pm[ctx.lang].replaceAll('"', '""');

  const summaryTotal = sheetRef(
    ctx.summaryName,
    absoluteA1({
      top: summary.totalRow,
      bottom: summary.totalRow,
      left: summary.sumColumns[0] ?? 0,
      right: summary.sumColumns[summary.sumColumns.length - 1] ?? 0,
    }),
  );
  const entryTotal = E({
    top: entry.totalRow,
    bottom: entry.totalRow,
    left: entry.sumColumns[0] ?? 0,
    right: entry.sumColumns[entry.sumColumns.length - 1] ?? 0,
  });

  return {
    fundingSplit:
      `SUMPRODUCT(${isLine}*(((${national}<>"")+(${external}<>""))>0)` +
      `*(ROUND(${national}+${external}-(${yearCells.join('+')}),6)<>0))`,
    pmWithAmounts: `SUMPRODUCT(${isLine}*(${col('nature')}="${pm}")*((${filled})>0))`,
    negative: `SUMPRODUCT(${isLine}*(${years}<0))+SUMPRODUCT(${isLine}*(${funding}<0))`,
    outsideExecution: `SUMPRODUCT(${isLine}*(${years}<>0)*(${marks}=""))`,
    textAmounts: `SUMPRODUCT(${isLine}*ISTEXT(${years}))+SUMPRODUCT(${isLine}*ISTEXT(${funding}))`,
    summaryTotal: `SUMPRODUCT(--(ROUND(${summaryTotal}-${entryTotal},6)<>0))`,
  };
}

/** Check rows in the order they are shown. */
export const CHECK_ORDER: readonly CheckKey[] = [
  'fundingSplit',
  'pmWithAmounts',
  'negative',
  'outsideExecution',
  'textAmounts',
  'summaryTotal',
];

export function buildChecksSheet(ctx: ChecksContext): SheetSpec {
  const w = ctx.wording;
  const sheet = emptySheet('checks', ctx.name);
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const formulas = countFormulas(ctx);
  const lastRow = FIRST_ROW + CHECK_ORDER.length - 1;
  const noteRow = lastRow + 2;

  const rows: SpecCell[][] = [
    [ctx.heading[0]],
    [ctx.heading[1]],
    [w.checksIntro],
    [w.checksHeaders.check, w.checksHeaders.count, w.checksHeaders.status],
  ];
  CHECK_ORDER.forEach((key, i) => {
    const row = FIRST_ROW + i;
    rows.push([
      w.checks[key],
      { formula: `IFERROR(${formulas[key]},"?")` },
      { formula: `IF(AND(ISNUMBER(B${row}),B${row}=0),"${w.statusOk}","${w.statusFix}")` },
    ]);
  });
  rows.push([], [w.checksNote]);
  sheet.cells = rows;

  const body = (left: number, right: number) => rangeA1({ top: FIRST_ROW, bottom: lastRow, left, right });
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3', style: 'meta' },
    { range: `A${HEADER_ROW}:C${HEADER_ROW}`, style: 'header' },
    { range: body(0, 0), style: 'lockedText' },
    { range: body(1, 1), style: 'formulaAmount' },
    { range: body(2, 2), style: 'checkOk' },
    { range: `A${noteRow}`, style: 'note' },
  );
  sheet.numberFormats.push({ range: body(1, 1), format: '0' });
  const status = `$${columnLetter(2)}${FIRST_ROW}`;
  sheet.conditionalFormats.push(
    { range: body(2, 2), formula: `${status}="${w.statusOk}"`, style: 'ok' },
    { range: body(2, 2), formula: `${status}<>"${w.statusOk}"`, style: 'error' },
  );
  sheet.rowHeights = { [noteRow]: wrappedHeight(w.checksNote, WIDTHS[0] ?? 64) };
  sheet.print = { landscape: false, fitToWidth: true };
  return sheet;
}
