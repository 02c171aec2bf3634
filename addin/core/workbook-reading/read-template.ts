/**
 * The one reader of a filled PAC template, for every host: the Excel task pane, the Google Sheets
 * add-on, `pac validate` and the service's upload all hand over the same SheetContent (values,
 * formulas set apart) of the entry and summary sheets, and get the same lines, subtotals, summary
 * and findings back.
 *
 * A number the service accepts must be the number on the sheet the ministry signs, so every
 * amount is either a number the sheet itself counts or an error at its cell:
 * - input cells (years, funding): a number is read; a number typed as text, "PM" on a costed
 *   line, an error value, other text (../entry-grid.ts) and any formula (formula_in_input, with its
 *   value when it is plain arithmetic, for the pane's one-click fix) are errors;
 * - cells that hold the template's formulas (line totals, roll-up rows, the summary): what the
 *   file's own formulas print is worked out from the file's cells (./evaluate.ts) — never taken
 *   from a cached result — and the checks compare it with what the lines add up to. A formula
 *   changed into another is formula_modified and not compared; a value typed over a formula is
 *   read as any amount is, and compared;
 * - rows moved out of their result's block (a wide sort) make the printed subtotals add up other
 *   results' activities: that is one rows_reordered error instead of a mismatch per subtotal;
 *   activities reordered within their block leave every subtotal right and are accepted.
 *
 * The template the file was made from is rebuilt from the plan (its metadata gives the ministry
 * and language) and kept per plan index, since the service checks return after return against
 * the same few templates. Rows are matched by column A, so formulas compare when rows moved.
 */
import { readAmountCell, readEntryGrid } from '../entry-grid.ts';
import { type Finding, finding, type Where } from '../findings.ts';
import { constantValue } from '../formula-text.ts';
import type { CellValue } from '../grid.ts';
import { columnLetter } from '../grid.ts';
import { type EntryColumnKey, entryColumns, ROLLUP_LABELS, SHEET_NAMES } from '../layout.ts';
import type { Amounts, Line, LineField, ParsedReturn, Subtotal, SummaryRow, SummaryTable } from '../model.ts';
import { type Money, moneyToDecimal } from '../money.ts';
import { normaliseText } from '../numbers.ts';
import type { PlanIndex } from '../plan-index.ts';
import { planWords } from '../plan-words.ts';
import type { SheetContent } from '../sheet-content.ts';
import { buildTemplateSpec } from '../template/build.ts';
import { SUMMARY_HEADER_ROW } from '../template/summary-sheet.ts';
import { isFormula, type SheetSpec, type TemplateMeta, type WorkbookSpec } from '../workbook-spec/spec.ts';
import { type Evaluated, WorkbookEvaluator } from './evaluate.ts';
import { at, type Reconciled, reconcile, specValues } from './reconcile.ts';
import { misplacedActivities } from './row-order.ts';
import { cachedSpec } from './spec-cache.ts';

/** The sheets of a template a reader needs, as the host found them (null when missing). */
export interface TemplateContent {
  entry: SheetContent | null;
  summary: SheetContent | null;
}

export type TemplateReading =
  | {
      kind: 'read';
      parsed: ParsedReturn;
      /** Findings made while reading: cells the sheet does not count, changed formulas, moved rows. */
      findings: Finding[];
      /** Whether every input cell of the line is as the template wrote it: nobody has touched it. */
      untouched: (line: Line) => boolean;
    }
  | { kind: 'entry_sheet_missing'; sheet: string };

/** The names of the sheets a reader asks its host for, in the template's language. */
export function templateSheetNames(meta: Pick<TemplateMeta, 'lang'>): { entry: string; summary: string } {
  return { entry: SHEET_NAMES.entry[meta.lang], summary: SHEET_NAMES.summary[meta.lang] };
}

/** The template as PAC builds it for this plan, ministry and language; only its formulas and row keys are read. */
function templateSpec(index: PlanIndex, meta: TemplateMeta): WorkbookSpec {
  return cachedSpec(index, `template|${meta.ministry ?? ''}|${meta.lang}`, () =>
    buildTemplateSpec(index, { ministry: meta.ministry, lang: meta.lang, generatedAt: '' }),
  );
}

const rowOfCell = (a1: string | undefined): number => Number(/\d+$/.exec(a1 ?? '')?.[0] ?? 0);

function setAmount(amounts: Amounts, field: LineField, value: Money | null): void {
  if (field.startsWith('year:')) amounts.years[Number(field.slice(5))] = value;
  else if (field === 'total' || field === 'national' || field === 'external') amounts[field] = value;
}

/** A printed value as an amount: a number, or nothing ("" from IF); anything else is not known. */
function printedAmount(v: Evaluated): { known: true; value: Money | null } | { known: false } {
  if (v.kind === 'number') return { known: true, value: v.value };
  if (v.kind === 'empty' || (v.kind === 'text' && v.value === '')) return { known: true, value: null };
  return { known: false };
}

const addUnreadable = (list: LineField[], field: LineField) => {
  if (!list.includes(field)) list.push(field);
};

/** Two cell values people would call the same: empty is empty, text compared without extra spaces. */
function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) return true;
  const na = typeof a === 'number' ? a : normaliseText(a);
  const nb = typeof b === 'number' ? b : normaliseText(b);
  return na === nb;
}

/**
 * The value of a cell that holds (or held) one of the template's formulas: what the file's formula
 * prints, or the value typed over it (already read by the grid reader), or unknown when the
 * formula was changed into another.
 */
function derivedValue(
  rec: Reconciled,
  evaluator: WorkbookEvaluator,
  sheet: string,
  row: number,
  col: number,
): { known: true; value: Money | null } | { known: false } | null {
  const place = at(row, col);
  if (rec.changed.has(place)) return { known: false };
  if (rec.intact.has(place) || rec.foreign.has(place))
    return printedAmount(evaluator.valueAt(sheet, row, col));
  return null;
}

interface EntryResult {
  lines: Line[];
  subtotals: Subtotal[];
  findings: Finding[];
  untouched: (line: Line) => boolean;
}

function readEntry(
  spec: SheetSpec,
  file: SheetContent,
  index: PlanIndex,
  evaluator: WorkbookEvaluator,
): EntryResult {
  const years = index.years;
  const columns = entryColumns(years);
  const col = new Map(columns.map((c) => [c.key, c.index]));
  const totalCol = col.get('total') ?? -1;
  const amountInputs = new Set<EntryColumnKey>([
    ...years.map((y): EntryColumnKey => `year:${y}`),
    'national',
    'external',
  ]);
  // Cells people type a value into: the input columns, and the activity code the reader keys on.
  const valueCells = new Map<number, EntryColumnKey>(
    columns.filter((c) => !c.locked || c.key === 'activity').map((c) => [c.index, c.key]),
  );
  const sheet = file.grid.sheet;
  const rec = reconcile(spec, file, (row) => normaliseText(row[0]));
  const findings = [...rec.findings];
  const grid = file.grid.rows;

  // A formula where a value is typed: reported, and its field left unread.
  const unread = new Map<number, LineField[]>();
  for (const [place, formula] of rec.foreign) {
    const [row, c] = place.split(':').map(Number) as [number, number];
    const key = valueCells.get(c);
    if (key === undefined) continue;
    const value = amountInputs.has(key) ? constantValue(formula) : null;
    const code = normaliseText(grid[row - 1]?.[0]);
    const where: Where = { sheet, cell: `${columnLetter(c)}${row}`, field: key as LineField };
    if (code !== null && key !== 'activity') where.activity = code;
    findings.push(
      finding(
        'formula_in_input',
        'error',
        where,
        { formula, value: value === null ? null : moneyToDecimal(value) },
        { actual: `=${formula}` },
      ),
    );
    if (key !== 'activity' && key !== 'comment')
      unread.set(row, [...(unread.get(row) ?? []), key as LineField]);
  }

  const levels = planWords(index.plan);
  const reading = readEntryGrid({ sheet, rows: grid }, years, levels);
  findings.push(...reading.findings);
  for (const line of reading.lines) {
    const row = rowOfCell(line.cells.activity);
    for (const f of unread.get(row) ?? []) addUnreadable(line.unreadable, f);
    if (years.some((y) => line.unreadable.includes(`year:${y}`))) {
      // A year the sheet does not count leaves its total unsure, not wrong: not compared either.
      line.total = null;
      addUnreadable(line.unreadable, 'total');
      continue;
    }
    const printed = derivedValue(rec, evaluator, sheet, row, totalCol);
    if (printed === null) continue;
    if (printed.known) line.total = printed.value;
    else {
      line.total = null;
      addUnreadable(line.unreadable, 'total');
    }
  }

  // Roll-up rows: what their formulas print, or what was typed over them.
  const moved = misplacedActivities(
    spec.cells.map((_, r) => specValues(spec, r + 1)),
    grid,
    0,
    levels,
  );
  if (moved) {
    findings.push(
      finding(
        'rows_reordered',
        'error',
        { sheet, cell: `A${moved.row}`, activity: moved.activity },
        { count: moved.count, activity: moved.activity, under: moved.under },
      ),
    );
  }
  for (const s of reading.subtotals) {
    const row = rowOfCell(s.cells.activity);
    const unreadable = s.unreadable ?? [];
    for (const [field, cell] of Object.entries(s.cells) as [LineField, string][]) {
      if (field === 'activity') continue;
      const printed = derivedValue(rec, evaluator, sheet, row, columnIndexOf(cell));
      if (printed === null) continue;
      // Moved rows make every formula subtotal add up the wrong block: one rows_reordered says it.
      if (printed.known && !moved) setAmount(s.amounts, field, printed.value);
      else {
        setAmount(s.amounts, field, null);
        addUnreadable(unreadable, field);
      }
    }
    s.unreadable = unreadable;
  }

  // Lines still exactly as the template wrote them (input cells, no formula anywhere in them).
  // Asked only when a whole-plan file is checked for one ministry, so worked out on demand.
  const specRowOf = new Map([...rec.fileRow].map(([specRow, fileRow]) => [fileRow, specRow]));
  const inputCols = columns.filter((c) => !c.locked).map((c) => c.index);
  const untouched = (line: Line): boolean => {
    const row = rowOfCell(line.cells.activity);
    const specRow = specRowOf.get(row);
    if (specRow === undefined || line.unreadable.length > 0 || rec.typedOver.has(at(row, totalCol)))
      return false;
    const want = specValues(spec, specRow);
    const have = grid[row - 1] ?? [];
    return inputCols.every((c) => !rec.foreign.has(at(row, c)) && sameValue(have[c], want[c]));
  };
  return { lines: reading.lines, subtotals: reading.subtotals, findings, untouched };
}

function columnIndexOf(a1: string): number {
  const letters = /^[A-Z]+/.exec(a1)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The summary sheet as its formulas print it, each row keyed by the pillar and ministry it adds up. */
function readSummary(
  spec: SheetSpec,
  file: SheetContent,
  index: PlanIndex,
  meta: TemplateMeta,
  evaluator: WorkbookEvaluator,
  findings: Finding[],
): SummaryTable {
  const years = [...index.years];
  const fields: LineField[] = [...years.map((y): LineField => `year:${y}`), 'total', 'national', 'external'];
  const rec = reconcile(spec, file, (row) => {
    const a = normaliseText(row[0]);
    return a === null ? null : `${a}\u0000${normaliseText(row[1]) ?? ''}`;
  });
  findings.push(...rec.findings);
  const sheet = file.grid.sheet;
  const amountCol = (k: number) => 2 + k;
  const grand = ROLLUP_LABELS.grand[meta.lang];

  const rows: SummaryRow[] = [];
  let totalRow: SummaryRow | null = null;
  for (let specRow = SUMMARY_HEADER_ROW + 1; specRow <= spec.cells.length; specRow++) {
    const values = specValues(spec, specRow);
    const label = normaliseText(values[0]);
    const fr = rec.fileRow.get(specRow);
    if (label === null || fr === undefined) continue;
    const total = label === grand;
    const ministry = normaliseText(values[1]);
    const cells: Partial<Record<LineField, string>> = {};
    const unreadable: LineField[] = [];
    const amounts: Amounts = { years: {}, total: null, national: null, external: null };
    fields.forEach((field, k) => {
      const c = amountCol(k);
      const cell = `${columnLetter(c)}${fr}`;
      cells[field] = cell;
      const printed = derivedValue(rec, evaluator, sheet, fr, c);
      if (printed === null) {
        // Typed over the formula: read as any amount is (text is an error at its cell).
        const a = readAmountCell(file.grid.rows[fr - 1]?.[c], { sheet, cell, field }, findings);
        setAmount(amounts, field, a.value);
        if (a.unreadable) unreadable.push(field);
      } else if (printed.known) setAmount(amounts, field, printed.value);
      else {
        setAmount(amounts, field, null);
        unreadable.push(field);
      }
    });
    // The SUMIFS literals say which pillar and lead ministry the row adds up: "1", "MARCC".
    const first = spec.cells[specRow - 1]?.[amountCol(0)];
    const literals =
      first && isFormula(first)
        ? [...first.formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1] ?? '')
        : [];
    const row: SummaryRow = {
      label: ministry === null ? label : `${label} / ${ministry}`,
      pillar: total ? null : (literals[0] ?? null),
      ministry: total ? null : ministry,
      amounts,
      cells,
      unreadable,
    };
    if (total) totalRow = row;
    else rows.push(row);
  }
  return { name: spec.name, sheet, years, rows, totalRow, fromWorkbook: true };
}

/**
 * Reads a template whose metadata was already checked against the plan (same plan id and
 * version, same template version): its entry sheet, and its summary sheet when the workbook still
 * has it.
 */
export function readTemplate(
  content: TemplateContent,
  meta: TemplateMeta,
  index: PlanIndex,
): TemplateReading {
  const spec = templateSpec(index, meta);
  const entrySpec = spec.sheets.find((s) => s.key === 'entry');
  const summarySpec = spec.sheets.find((s) => s.key === 'summary');
  const names = templateSheetNames(meta);
  if (!entrySpec || !content.entry) return { kind: 'entry_sheet_missing', sheet: names.entry };
  const evaluator = new WorkbookEvaluator(
    content.summary ? [content.entry, content.summary] : [content.entry],
  );
  const entry = readEntry(entrySpec, content.entry, index, evaluator);
  const findings = entry.findings;
  const summaries: SummaryTable[] = [];
  if (summarySpec && content.summary)
    summaries.push(readSummary(summarySpec, content.summary, index, meta, evaluator, findings));
  return {
    kind: 'read',
    parsed: {
      ministry: meta.ministry,
      planId: meta.planId,
      planVersion: meta.planVersion,
      lines: entry.lines,
      subtotals: entry.subtotals,
      summaries,
    },
    findings,
    untouched: entry.untouched,
  };
}
