/**
 * The entry sheet ("Saisie") of the template: title rows, the two header rows readEntryGrid checks,
 * then the activities grouped pillar › OS › result, each group opened by a subtotal row, a final
 * TOTAL row, and under it the signature block of the printed return. A plan without strategic
 * objectives (see ../schemas/plan.ts) has no OS rows: its results sit right under their pillar. Row values come from
 * entryRowValues (../entry-grid.ts), so what is written here is exactly what the reader expects.
 *
 * Formulas:
 * - line total: IF(COUNT(years)=0,"",SUM(years)) — empty, not 0, while no year is filled, so an
 *   untouched line does not look costed at zero;
 * - every roll-up row: SUBTOTAL(9, its whole block). SUBTOTAL skips other SUBTOTAL cells in its
 *   range, in Excel, LibreOffice and Google Sheets alike, so a pillar row can cover its objective
 *   and result rows without counting anything twice, and the TOTAL row can cover every data row.
 *
 * Locks: only the input cells of activity rows are unlocked — one range per run of consecutive
 * activity rows and per block of adjacent input columns — so roll-up rows, formulas and whatever
 * comes from the plan stay locked. Validations cover the same ranges, so their prompts only show
 * on cells people type into.
 */
import { entryHeaderValues, entryRowValues } from '../entry-grid.ts';
import type { CellValue } from '../grid.ts';
import { columnLetter } from '../grid.ts';
import {
  ENTRY_FIRST_DATA_ROW,
  ENTRY_HEADER_ROW,
  type EntryColumn,
  type EntryColumnKey,
  entryColumns,
  type Lang,
  ROLLUP_LABELS,
} from '../layout.ts';
import { emptyAmounts } from '../model.ts';
import type { PlanIndex } from '../plan-index.ts';
import { planWords } from '../plan-words.ts';
import type { Activity } from '../schemas/plan.ts';
import { columnRect, type Rect, rangeA1, runs } from '../workbook-spec/ranges.ts';
import { columnRuns, emptySheet, LINE_HEIGHT, wrappedHeight } from '../workbook-spec/sheet.ts';
import {
  AMOUNT_FORMAT,
  ROLLUP_AMOUNT_FORMAT,
  type SheetSpec,
  type SpecCell,
  type SpecValue,
  type StyleKey,
  type ValidationSpec,
} from '../workbook-spec/spec.ts';
import type { TemplateWording } from './wording.ts';

/** Where things landed on the entry sheet, for the formulas of the other sheets. */
export interface EntrySheet {
  sheet: SheetSpec;
  /** Every column's 0-based index. */
  column: (key: EntryColumnKey) => number;
  columns: EntryColumn[];
  /** 1-based rows of the data area (roll-up rows included) and of the TOTAL row. */
  firstDataRow: number;
  lastDataRow: number;
  totalRow: number;
  activityRows: number[];
  /** Columns holding amounts that add up: each year, total, national, external (left to right). */
  sumColumns: number[];
  yearColumns: number[];
  markColumns: number[];
}

export interface EntryContext {
  index: PlanIndex;
  activities: readonly Activity[];
  lang: Lang;
  name: string;
  wording: TemplateWording;
  /** Title rows 1–3. */
  heading: [string, string, string];
  /** References to the list of nature values and of marks on the lists sheet. */
  natureSource: string;
  markSource: string;
}

interface ResultGroup {
  code: string;
  activities: Activity[];
}
interface ObjectiveGroup {
  code: string;
  results: ResultGroup[];
}
interface PillarGroup {
  code: string;
  objectives: ObjectiveGroup[];
}

/**
 * Activities grouped pillar › objective › result, in the plan's order of pillars, objectives and
 * results (activities keep the plan's order inside a result). In a plan without strategic
 * objectives each pillar holds one objective group coded as the pillar (see ../schemas/plan.ts),
 * which writers do not show. An activity is filed under the result
 * the plan gives it, even when its printed code says otherwise (the checks report that slip). A
 * code the plan's lists lack is placed after the known ones, in order of first appearance.
 */
export function outline(index: PlanIndex, activities: readonly Activity[]): PillarGroup[] {
  const { plan } = index;
  const rank = (codes: string[]) => {
    const map = new Map(codes.map((c, i) => [c, i]));
    return (code: string) => {
      if (!map.has(code)) map.set(code, map.size);
      return map.get(code) ?? 0;
    };
  };
  const pillarRank = rank(plan.pillars.map((p) => p.code));
  const objectiveRank = rank(plan.objectives.map((o) => o.code));
  const resultRank = rank(plan.results.map((r) => r.code));
  const sorted = activities
    .map((a, i) => ({ a, key: [pillarRank(a.pillar), objectiveRank(a.objective), resultRank(a.result), i] }))
    .sort((x, y) => {
      for (let k = 0; k < x.key.length; k++) {
        const d = (x.key[k] ?? 0) - (y.key[k] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    })
    .map((s) => s.a);

  const pillars: PillarGroup[] = [];
  for (const a of sorted) {
    let p = pillars[pillars.length - 1];
    if (p?.code !== a.pillar) {
      p = { code: a.pillar, objectives: [] };
      pillars.push(p);
    }
    let o = p.objectives[p.objectives.length - 1];
    if (o?.code !== a.objective) {
      o = { code: a.objective, results: [] };
      p.objectives.push(o);
    }
    let r = o.results[o.results.length - 1];
    if (r?.code !== a.result) {
      r = { code: a.result, activities: [] };
      o.results.push(r);
    }
    r.activities.push(a);
  }
  return pillars;
}

const spec = (v: CellValue): SpecValue => (v === undefined ? null : v);

/** How each column of an activity row looks; null leaves the (hidden) key columns unstyled. */
function activityStyle(c: EntryColumn): StyleKey | null {
  if (c.hidden) return null;
  if (c.key === 'total') return 'formulaAmount';
  if (c.key === 'planCost') return 'lockedAmount';
  if (c.locked) return 'lockedText';
  if (c.key.startsWith('year:') || c.key === 'national' || c.key === 'external') return 'inputAmount';
  if (c.key.startsWith('mark:')) return 'inputMark';
  return 'inputText';
}

type ValidationKind = 'nature' | 'amount' | 'funding' | 'mark';

function validationKind(c: EntryColumn): ValidationKind | null {
  if (c.key === 'nature') return 'nature';
  if (c.key.startsWith('year:')) return 'amount';
  if (c.key === 'national' || c.key === 'external') return 'funding';
  if (c.key.startsWith('mark:')) return 'mark';
  return null;
}

const isAmount = (c: EntryColumn) =>
  c.key === 'planCost' ||
  c.key.startsWith('year:') ||
  c.key === 'total' ||
  c.key === 'national' ||
  c.key === 'external';

const LEVEL_STYLE: Record<'pillar' | 'objective' | 'result', StyleKey> = {
  pillar: 'pillarRow',
  objective: 'objectiveRow',
  result: 'resultRow',
};

export function buildEntrySheet(ctx: EntryContext): EntrySheet {
  const { index, lang } = ctx;
  const years = index.years;
  const columns = entryColumns(years);
  const byKey = new Map(columns.map((c) => [c.key, c.index]));
  const column = (key: EntryColumnKey): number => {
    const i = byKey.get(key);
    if (i === undefined) throw new Error(`entry column ${key} missing from the layout`);
    return i;
  };
  const yearColumns = years.map((y) => column(`year:${y}`));
  const markColumns = years.map((y) => column(`mark:${y}`));
  const sumColumns = [...yearColumns, column('total'), column('national'), column('external')];
  const lastVisible = columns.reduce((last, c) => (c.hidden ? last : Math.max(last, c.index)), 0);
  const titleColumn = column('title');
  const titleWidth = columns[titleColumn]?.width ?? 60;

  const sheet = emptySheet('entry', ctx.name);
  sheet.columns = columns.map((c) => (c.hidden ? { width: c.width, hidden: true } : { width: c.width }));
  const words = planWords(index.plan);
  const { groups, headers } = entryHeaderValues(years, lang, words.unit);
  sheet.cells = [[ctx.heading[0]], [ctx.heading[1]], [ctx.heading[2]], groups.map(spec), headers.map(spec)];

  const rows = sheet.cells;
  const heights: Record<number, number> = { [ENTRY_HEADER_ROW]: 2 * LINE_HEIGHT };
  const rollupRows: { row: number; level: 'pillar' | 'objective' | 'result' }[] = [];
  const activityRows: number[] = [];
  const put = (row1: number, values: SpecCell[]) => {
    rows[row1 - 1] = values;
  };
  const sumRow = (from: number, to: number): SpecCell[] => {
    const values: SpecCell[] = new Array(columns.length).fill(null);
    for (const c of sumColumns) values[c] = { formula: `SUBTOTAL(9,${rangeA1(columnRect(c, from, to))})` };
    return values;
  };

  let next = ENTRY_FIRST_DATA_ROW;
  // Opens a roll-up row; its SUBTOTALs are written once the block under it is laid out.
  const group = (level: 'pillar' | 'objective' | 'result', code: string, title: string, body: () => void) => {
    const row = next++;
    rollupRows.push({ row, level });
    body();
    const values = sumRow(row + 1, next - 1);
    values[0] = `${ROLLUP_LABELS[level][lang]} ${code}`;
    values[titleColumn] = title;
    put(row, values);
    heights[row] = Math.max(LINE_HEIGHT, wrappedHeight(title, titleWidth));
  };

  const { plan } = index;
  const pillarName = new Map(plan.pillars.map((p) => [p.code, p.name]));
  const objectiveTitle = new Map(plan.objectives.map((o) => [o.code, o.title]));
  const resultTitle = new Map(plan.results.map((r) => [r.code, r.title]));
  const yearSet = new Set(years);

  const results = (o: ObjectiveGroup) => {
    for (const r of o.results) {
      group('result', r.code, resultTitle.get(r.code) ?? '', () => {
        for (const a of r.activities) {
          const row = next++;
          activityRows.push(row);
          put(row, activityRow(a, row));
          heights[row] = Math.max(LINE_HEIGHT, wrappedHeight(a.title, titleWidth));
        }
      });
    }
  };
  for (const p of outline(index, ctx.activities)) {
    group('pillar', p.code, pillarName.get(p.code) ?? '', () => {
      for (const o of p.objectives) {
        if (words.objectives) group('objective', o.code, objectiveTitle.get(o.code) ?? '', () => results(o));
        else results(o);
      }
    });
  }

  function activityRow(a: Activity, row: number): SpecCell[] {
    const values: SpecCell[] = entryRowValues(
      {
        activity: a.code,
        // Only PM is prefilled: a costed activity left untouched is "not filled yet" (a warning,
        // so a partial return can still be sent), while one marked "Chiffré" must carry amounts.
        nature: a.costNote === 'PM' ? 'pm' : null,
        ...emptyAmounts(years),
        execution: a.years.filter((y) => yearSet.has(y)),
        comment: null,
      },
      {
        title: a.title,
        result: a.result,
        responsible: a.responsibleAsWritten,
        planCost: a.costNote === 'PM' ? 'PM' : a.cost,
        pillar: a.pillar,
        ministry: a.responsible,
      },
      years,
      lang,
    ).map(spec);
    const first = yearColumns[0] ?? 0;
    const span = rangeA1({
      top: row,
      left: first,
      bottom: row,
      right: yearColumns[yearColumns.length - 1] ?? first,
    });
    values[column('total')] = { formula: `IF(COUNT(${span})=0,"",SUM(${span}))` };
    return values;
  }

  const firstDataRow = ENTRY_FIRST_DATA_ROW;
  const lastDataRow = next - 1;
  const totalRow = next;
  const total = sumRow(firstDataRow, lastDataRow);
  total[0] = ROLLUP_LABELS.grand[lang];
  put(totalRow, total);
  signatureBlock(sheet, totalRow + 2, ctx.wording, column, heights);
  sheet.rowHeights = heights;

  // Styles: title rows, headers, then each kind of row.
  const fullRow = (row: number): Rect => ({ top: row, left: 0, bottom: row, right: lastVisible });
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3', style: 'meta' },
    { range: rangeA1(fullRow(ENTRY_HEADER_ROW - 1)), style: 'groupHeader' },
    { range: rangeA1(fullRow(ENTRY_HEADER_ROW)), style: 'header' },
  );
  for (const { row, level } of rollupRows)
    sheet.styles.push({ range: rangeA1(fullRow(row)), style: LEVEL_STYLE[level] });
  sheet.styles.push({ range: rangeA1(fullRow(totalRow)), style: 'grandTotalRow' });

  const activityRuns = runs(activityRows);
  const styleRuns = columnRuns(columns, activityStyle);
  const inputRuns = columnRuns(columns, (c) => (c.locked ? null : 'input'));
  const validationRuns = columnRuns(columns, validationKind);
  for (const [top, bottom] of activityRuns) {
    for (const s of styleRuns)
      sheet.styles.push({ range: rangeA1({ top, bottom, left: s.left, right: s.right }), style: s.key });
    for (const s of inputRuns) sheet.unlocked.push(rangeA1({ top, bottom, left: s.left, right: s.right }));
    for (const v of validationRuns) {
      sheet.validations.push(validation(v.key, rangeA1({ top, bottom, left: v.left, right: v.right }), ctx));
    }
  }

  // Amounts: roll-up and TOTAL rows print nothing for a zero (an empty section is blank on paper,
  // not "0.0"), activity rows show what was typed, a 0 included.
  const amountRuns = columnRuns(columns, (c) => (isAmount(c) ? 'amount' : null));
  const formatAmounts = (rowRuns: [number, number][], format: string) => {
    for (const [top, bottom] of rowRuns)
      for (const run of amountRuns)
        sheet.numberFormats.push({
          range: rangeA1({ top, bottom, left: run.left, right: run.right }),
          format,
        });
  };
  const rollupRowNumbers = [...rollupRows.map((r) => r.row), totalRow].sort((a, b) => a - b);
  formatAmounts(runs(rollupRowNumbers), ROLLUP_AMOUNT_FORMAT);
  formatAmounts(activityRuns, AMOUNT_FORMAT);
  for (const run of columnRuns(columns, (c) => c.group?.[lang] ?? null)) {
    if (run.right > run.left) {
      sheet.merges.push(
        rangeA1({
          top: ENTRY_HEADER_ROW - 1,
          bottom: ENTRY_HEADER_ROW - 1,
          left: run.left,
          right: run.right,
        }),
      );
    }
  }

  // The red line: an activity row (it has a pillar key) whose years do not make its total, or whose
  // funding split, once either part is filled, does not make it. ROUND(…,6) works to the FCFA and
  // keeps binary float noise (0.1 + 0.2) from lighting a correct line.
  if (activityRows.length > 0) {
    // Absolute columns, relative rows: the formula is read from the range's top-left cell.
    const L = (col: number) => `$${columnLetter(col)}${firstDataRow}`;
    const years$ = `${L(yearColumns[0] ?? 0)}:${L(yearColumns[yearColumns.length - 1] ?? 0)}`;
    const funding$ = `${L(column('national'))}:${L(column('external'))}`;
    const total$ = L(column('total'));
    sheet.conditionalFormats.push({
      range: rangeA1({ top: firstDataRow, bottom: lastDataRow, left: 0, right: lastVisible }),
      formula:
        `AND(${L(column('pillarKey'))}<>"",OR(ROUND(SUM(${years$})-SUM(${total$}),6)<>0,` +
        `AND(COUNT(${funding$})>0,ROUND(SUM(${funding$})-SUM(${total$}),6)<>0)))`,
      style: 'error',
    });
  }

  sheet.freeze = { rows: ENTRY_HEADER_ROW, columns: titleColumn + 1 };
  // A4 landscape, two pages wide (one page wide shrinks 20 columns to unreadable type), the code
  // and title columns on every page so that the right half of a row reads on its own, and pages
  // numbered across then down so that both halves of the same rows print one after the other.
  // With the title repeated, the page break falls between the years and Total, so no group
  // heading is cut in two (tests/server/xlsx/print-pdf.test.ts renders it with LibreOffice).
  sheet.print = {
    landscape: true,
    fitToWidth: true,
    pagesWide: 2,
    repeatRows: { from: ENTRY_HEADER_ROW - 1, to: ENTRY_HEADER_ROW },
    repeatColumns: { from: column('activity'), to: titleColumn },
    overThenDown: true,
  };
  return {
    sheet,
    column,
    columns,
    firstDataRow,
    lastDataRow,
    totalRow,
    activityRows,
    sumColumns,
    yearColumns,
    markColumns,
  };
}

function validation(kind: ValidationKind, range: string, ctx: EntryContext): ValidationSpec {
  const w = ctx.wording;
  switch (kind) {
    case 'nature':
      return { range, kind: 'list', source: ctx.natureSource, ...w.nature };
    case 'mark':
      return { range, kind: 'list', source: ctx.markSource, ...w.mark };
    case 'amount':
      return { range, kind: 'decimal', min: 0, ...w.amount };
    case 'funding':
      return { range, kind: 'decimal', min: 0, ...w.funding };
  }
}

/** Height of a signature box, in lines: its eight lines of text and room under them to sign. */
const SIGNATURE_BOX_LINES = 11;

/**
 * The block a return is signed with on paper, from row `top`: one box for « Établi par », a blank
 * row, one box for « Visa du responsable CPS », each with room to write a name and position, a date
 * and a signature. A box is a single row, so a page break can only fall between the two boxes,
 * never through one or between a box and its heading.
 *
 * The boxes span the result, responsible and plan-cost columns (merged), and only those: column A
 * and every input column stay empty, so the readers skip these rows like headings and an update of
 * the workbook never takes them for activities; and the code and title columns are printed again on
 * the right-hand pages, so a box there would be printed twice. Every cell is locked like the rest
 * of the plan's text.
 */
function signatureBlock(
  sheet: SheetSpec,
  top: number,
  w: TemplateWording,
  column: (key: EntryColumnKey) => number,
  heights: Record<number, number>,
): void {
  const s = w.signature;
  const left = column('result');
  const right = column('planCost');
  // Blank lines leave room to write; the row is taller than the text, for the signature itself.
  const box = (who: string, sign: string) => [who, '', s.name, '', '', s.date, '', sign].join('\n');
  const boxes = [box(s.preparedBy, s.sign), null, box(s.approvedBy, s.stamp)];
  while (sheet.cells.length < top - 1) sheet.cells.push([]);
  boxes.forEach((text, i) => {
    const row = top + i;
    if (text === null) {
      sheet.cells[row - 1] = [];
      return;
    }
    // Every cell of the merged box holds the text, like the group headings: whatever a host keeps
    // of a merged range, it is the same text.
    const values: SpecCell[] = new Array(right + 1).fill(null).fill(text, left);
    sheet.cells[row - 1] = values;
    heights[row] = SIGNATURE_BOX_LINES * LINE_HEIGHT;
    const range = rangeA1({ top: row, bottom: row, left, right });
    sheet.merges.push(range);
    sheet.styles.push({ range, style: 'signature' });
  });
}
