/**
 * The entry sheet ("Saisie") ⇄ typed lines, and a JSON return → typed lines. Every host reads its
 * sheet into a Grid and calls readEntryGrid; every writer (template, consolidation, Sheets mirror)
 * lays a row out with entryRowValues, so both directions follow layout.ts and cannot drift apart.
 *
 * Conventions:
 * - Column positions are fixed by entryColumns(years); only the header row is searched for (the
 *   first row among the first 20 whose column A says "Code"), so title rows may come and go. A
 *   non-empty header cell over a column the reader uses that says something else (columns moved)
 *   is reported as entry_column_mismatch; reading goes on, so the person sees every problem at once.
 * - A row is skipped when column A and every input column (nature, amounts, marks, comment) are
 *   empty: headings and spacers carry only locked text. Below the grand TOTAL row, a row whose
 *   column A is text but not an activity code is skipped too when its input columns are empty
 *   (notes, the signature block); an activity or any value typed there is still read.
 * - Column A holds an activity code ("1.2.1.3", or "1.2.3" in a plan without strategic objectives;
 *   a final dot dropped), a roll-up label ("Pilier 3", "Sous-total OS 1.2", "R 1.1.1.", "R 2.1" without
 *   objectives, "TOTAL GÉNÉRAL") read as a subtotal, or anything else, read as a line with that text
 *   as its activity so that the checks can call it unknown.
 * - A cell that cannot be read is reported once here, set to null and listed in line.unreadable,
 *   so the checks do not report it again. "PM" in an amount cell makes the line PM when its nature
 *   is empty; "PM" in a subtotal cell reads as empty.
 * - JSON lines: with `row`, the line points at its cells on the entry sheet "Saisie"; without, its
 *   sheet is "JSON" and it has no cells: findings name its activity and field instead (and its
 *   position, for reading order). A year the plan does not have (in `years` or in `execution`) is
 *   dropped and reported as unknown_year, at the activity cell A{row} or on the activity.
 */
import { type Finding, finding, type Where } from './findings.ts';
import type { CellValue, Grid } from './grid.ts';
import { columnLetter } from './grid.ts';
import {
  type EntryColumn,
  entryColumns,
  type Lang,
  NATURE_VALUES,
  ROLLUP_LABELS,
  SHEET_NAMES,
} from './layout.ts';
import {
  type Amounts,
  emptyAmounts,
  type Line,
  type LineField,
  markField,
  type Nature,
  type ParsedReturn,
  type RollupLevel,
  type Subtotal,
  yearField,
} from './model.ts';
import { type Money, moneyFromNumber, moneyToDecimal, moneyToNumber } from './money.ts';
import { normaliseText, readAmount, readMark, readNature } from './numbers.ts';
import type { UnitWords } from './plan-words.ts';
import type { ReturnDocument, ReturnLine } from './schemas/return.ts';
import { errorValueOf } from './workbook-reading/evaluate.ts';

/** How far down the header row is looked for. */
const HEADER_SEARCH_ROWS = 20;

type AmountKey = 'total' | 'national' | 'external';

interface FieldColumn {
  field: LineField;
  index: number;
  letter: string;
}

interface YearColumn extends FieldColumn {
  year: number;
}

/** Column indexes and letters for one set of years, computed once per read, not per row. */
interface EntryLayout {
  columns: EntryColumn[];
  /** Column index of every key, for writers. */
  byKey: ReadonlyMap<EntryColumn['key'], number>;
  activity: FieldColumn;
  nature: FieldColumn;
  years: YearColumn[];
  amounts: Record<AmountKey, FieldColumn>;
  marks: YearColumn[];
  comment: FieldColumn;
  /** Every column a person types into, to tell an empty row from a line. */
  inputs: number[];
}

let cachedLayout: { key: string; layout: EntryLayout } | null = null;

function entryLayout(years: readonly number[]): EntryLayout {
  const key = years.join(',');
  if (cachedLayout?.key === key) return cachedLayout.layout;
  const columns = entryColumns(years);
  const byKey = new Map(columns.map((c) => [c.key, c.index]));
  const col = (field: LineField): FieldColumn => {
    const index = byKey.get(field) ?? -1;
    return { field, index, letter: columnLetter(index) };
  };
  const layout: EntryLayout = {
    columns,
    byKey,
    activity: col('activity'),
    nature: col('nature'),
    years: years.map((year) => ({ ...col(yearField(year)), year })),
    amounts: { total: col('total'), national: col('national'), external: col('external') },
    marks: years.map((year) => ({ ...col(markField(year)), year })),
    comment: col('comment'),
    inputs: [],
  };
  layout.inputs = [
    layout.nature,
    ...layout.years,
    ...Object.values(layout.amounts),
    ...layout.marks,
    layout.comment,
  ].map((c) => c.index);
  cachedLayout = { key, layout };
  return layout;
}

function isBlank(value: CellValue): boolean {
  return value === false || normaliseText(value) === null;
}

/** Header texts compare without case, accents or extra spaces: "budget  national" is "Budget national". */
function headerKey(value: CellValue): string {
  return (normaliseText(value) ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// --- Column A ---------------------------------------------------------------------------------

// pillar.objective.result.activity, or pillar.result.activity in a plan without objectives.
const ACTIVITY_CODE = /^\d+(?:\.\d+){2,3}\.?$/;

/** The activity code as the checks compare it: trimmed, a final dot ("1.2.1.3.") dropped. */
export function activityCodeOf(text: string): string {
  return ACTIVITY_CODE.test(text) && text.endsWith('.') ? text.slice(0, -1) : text;
}

const either = (label: { fr: string; en: string }) => `(?:${label.fr}|${label.en})`;
// What may follow a label's code: the end, or a space, colon or dash before its title.
const AFTER_CODE = String.raw`\.?(?=$|[\s:\u2013\u2014-])`;
const SUBTOTAL_PREFIX = String.raw`(?:(?:sous[-\s]?total|sub-?total|total)\s+)?`;

/**
 * The levels a plan's codes have: with strategic objectives (pillar.objective.result.activity, the
 * default) or without (pillar.result.activity). planWords(plan) is one.
 */
export interface CodeLevels {
  objectives: boolean;
}

const WITH_OBJECTIVES: CodeLevels = { objectives: true };

const rollupPattern = (label: { fr: string; en: string }, code: string) =>
  new RegExp(`^${SUBTOTAL_PREFIX}${either(label)}\\s*(${code})${AFTER_CODE}`, 'i');

const PILLAR_ROLLUP = {
  level: 'pillar',
  pattern: rollupPattern(ROLLUP_LABELS.pillar, String.raw`\d+`),
} as const;
const GRAND_ROLLUP = {
  level: 'grand',
  pattern: new RegExp(`^${either(ROLLUP_LABELS.grand)}(?=$|[\\s:\\u2013\\u2014-])`, 'i'),
} as const;

/** Roll-up labels by the plan's levels: "R 1.1.1" under "OS 1.1", or "R 1.1" right under its pillar. */
const ROLLUP_PATTERNS: Record<'with' | 'without', { level: RollupLevel; pattern: RegExp }[]> = {
  with: [
    PILLAR_ROLLUP,
    { level: 'objective', pattern: rollupPattern(ROLLUP_LABELS.objective, String.raw`\d+\.\d+`) },
    { level: 'result', pattern: rollupPattern(ROLLUP_LABELS.result, String.raw`\d+\.\d+\.\d+`) },
    GRAND_ROLLUP,
  ],
  without: [
    PILLAR_ROLLUP,
    { level: 'result', pattern: rollupPattern(ROLLUP_LABELS.result, String.raw`\d+\.\d+`) },
    GRAND_ROLLUP,
  ],
};

/**
 * The level and key of a roll-up label in column A ("OS 1.2 : Circonscrire…" → objective "1.2"), for
 * a plan with these levels: "R 1.1" is a result of a plan without objectives, and nothing in one with.
 */
export function rollupOf(
  text: string,
  levels: CodeLevels = WITH_OBJECTIVES,
): { level: RollupLevel; key: string } | null {
  for (const { level, pattern } of ROLLUP_PATTERNS[levels.objectives ? 'with' : 'without']) {
    const m = pattern.exec(text);
    if (m) return { level, key: m[1] ?? '' };
  }
  return null;
}

// --- Reading the grid -------------------------------------------------------------------------

export interface EntryReading {
  lines: Line[];
  subtotals: Subtotal[];
  findings: Finding[];
}

export interface AmountCell {
  value: Money | null;
  pm: boolean;
  unreadable: boolean;
}

/**
 * Reads an amount cell the way the sheet's own formulas count it: a number is an amount; anything
 * else that is not empty or "PM" is an error, because SUM leaves it out of every total — a number
 * typed or pasted as text (amount_as_text, with what it reads as), an error value (error_value),
 * any other text (unreadable_number, ambiguous_number). "PM" is left to the caller, which knows
 * the line's nature.
 */
export function readAmountCell(value: CellValue, where: Where, findings: Finding[]): AmountCell {
  const r = readAmount(value);
  switch (r.kind) {
    case 'empty':
      return { value: null, pm: false, unreadable: false };
    case 'amount':
      if (typeof value === 'number') return { value: r.value, pm: false, unreadable: false };
      findings.push(
        finding(
          'amount_as_text',
          'error',
          where,
          { text: String(value).trim(), value: moneyToDecimal(r.value) },
          { actual: String(value).trim(), expected: moneyToNumber(r.value) },
        ),
      );
      return { value: null, pm: false, unreadable: true };
    case 'pm':
      return { value: null, pm: true, unreadable: false };
    case 'mark':
    case 'unreadable': {
      const error = errorValueOf(value);
      if (error) {
        findings.push(finding('error_value', 'error', where, { value: error }, { actual: error }));
        return { value: null, pm: false, unreadable: true };
      }
      const text = r.kind === 'mark' ? String(value).trim() : r.text;
      findings.push(finding('unreadable_number', 'error', where, { text }, { actual: text }));
      return { value: null, pm: false, unreadable: true };
    }
    case 'ambiguous':
      findings.push(
        finding(
          'ambiguous_number',
          'error',
          where,
          {
            text: r.text,
            asThousands: moneyToDecimal(r.asThousands),
            asDecimal: moneyToDecimal(r.asDecimal),
          },
          { actual: r.text },
        ),
      );
      return { value: null, pm: false, unreadable: true };
  }
}

function findHeaderRow(rows: readonly unknown[]): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r];
    if (Array.isArray(row) && headerKey(row[0] as CellValue) === 'code') return r;
  }
  return -1;
}

function checkHeaders(
  header: CellValue[],
  headerRow1: number,
  layout: EntryLayout,
  sheet: string,
): Finding[] {
  const findings: Finding[] = [];
  const read = new Set(layout.inputs);
  for (const column of layout.columns) {
    if (!read.has(column.index)) continue;
    const value = header[column.index];
    if (isBlank(value)) continue;
    const actual = headerKey(value);
    if (actual === headerKey(column.header.fr) || actual === headerKey(column.header.en)) continue;
    findings.push(
      finding(
        'entry_column_mismatch',
        'error',
        { sheet, cell: `${columnLetter(column.index)}${headerRow1}` },
        { expected: { fr: column.header.fr, en: column.header.en }, actual: normaliseText(value) ?? '' },
      ),
    );
  }
  return findings;
}

/**
 * Reads the entry sheet into lines and subtotals, for a plan with these years and code levels.
 * Never throws, whatever the grid holds, and runs in time linear in its rows.
 */
export function readEntryGrid(
  grid: Grid,
  years: readonly number[],
  levels: CodeLevels = WITH_OBJECTIVES,
): EntryReading {
  const sheet = grid.sheet;
  const rows: readonly unknown[] = Array.isArray(grid.rows) ? grid.rows : [];
  const lines: Line[] = [];
  const subtotals: Subtotal[] = [];
  const headerIndex = findHeaderRow(rows);
  if (headerIndex < 0) {
    const where = { sheet, range: `A1:A${HEADER_SEARCH_ROWS}` };
    return { lines, subtotals, findings: [finding('entry_header_missing', 'error', where, {})] };
  }
  const layout = entryLayout(years);
  const findings = checkHeaders(rows[headerIndex] as CellValue[], headerIndex + 1, layout, sheet);

  let pastTotal = false;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const raw = rows[r];
    const row: CellValue[] = Array.isArray(raw) ? raw : [];
    const row1 = r + 1;
    const colA = normaliseText(row[0]);
    const blankInputs = layout.inputs.every((i) => isBlank(row[i]));
    if (colA === null) {
      if (blankInputs) continue;
    } else {
      const rollup = rollupOf(colA, levels);
      if (rollup) {
        subtotals.push(readSubtotal(row, row1, rollup, layout, sheet, years, findings));
        pastTotal ||= rollup.level === 'grand';
        continue;
      }
      // Below the grand total the sheet ends with notes and the signature block (« Établi par… »):
      // text there is a line only when it is an activity code or carries values.
      if (pastTotal && blankInputs && !ACTIVITY_CODE.test(colA)) continue;
    }
    lines.push(readLine(row, row1, colA, lines.length, layout, sheet, years, findings));
  }
  return { lines, subtotals, findings };
}

function readSubtotal(
  row: CellValue[],
  row1: number,
  rollup: { level: RollupLevel; key: string },
  layout: EntryLayout,
  sheet: string,
  years: readonly number[],
  findings: Finding[],
): Subtotal {
  const cells: Partial<Record<LineField, string>> = { activity: `${layout.activity.letter}${row1}` };
  const amounts = emptyAmounts(years);
  const unreadable: LineField[] = [];
  const read = (c: FieldColumn): Money | null => {
    const cell = `${c.letter}${row1}`;
    cells[c.field] = cell;
    const a = readAmountCell(row[c.index], { sheet, cell, field: c.field }, findings);
    if (a.unreadable) unreadable.push(c.field);
    return a.value;
  };
  for (const c of layout.years) amounts.years[c.year] = read(c);
  for (const key of ['total', 'national', 'external'] as const) amounts[key] = read(layout.amounts[key]);
  return { level: rollup.level, key: rollup.key, amounts, sheet, cells, unreadable };
}

function readLine(
  row: CellValue[],
  row1: number,
  colA: string | null,
  index: number,
  layout: EntryLayout,
  sheet: string,
  years: readonly number[],
  findings: Finding[],
): Line {
  const activity = colA === null ? null : activityCodeOf(colA);
  const cells: Partial<Record<LineField, string>> = {};
  const unreadable: LineField[] = [];
  const whereOf = (c: FieldColumn): Where => {
    const cell = `${c.letter}${row1}`;
    cells[c.field] = cell;
    return activity === null ? { sheet, cell, field: c.field } : { sheet, cell, activity, field: c.field };
  };
  whereOf(layout.activity);

  const natureWhere = whereOf(layout.nature);
  const natureReading = readNature(row[layout.nature.index]);
  let nature: Nature | null = null;
  let natureStated = false;
  if (typeof natureReading === 'string') {
    nature = natureReading;
    natureStated = true;
  } else if (natureReading !== null) {
    natureStated = true;
    unreadable.push('nature');
    findings.push(
      finding(
        'unreadable_nature',
        'error',
        natureWhere,
        { text: natureReading.text },
        { actual: natureReading.text },
      ),
    );
  }

  let pm = false;
  const amounts: Amounts = emptyAmounts(years);
  const readField = (c: FieldColumn): Money | null => {
    const where = whereOf(c);
    const a = readAmountCell(row[c.index], where, findings);
    if (a.pm && nature === 'costed') {
      // The sheet's totals count "PM" as nothing, on a line that says it is costed.
      findings.push(
        finding('pm_in_costed_amount', 'error', where, { activity: activity ?? '' }, { actual: 'PM' }),
      );
      unreadable.push(c.field);
      return null;
    }
    pm ||= a.pm;
    if (a.unreadable) unreadable.push(c.field);
    return a.value;
  };
  for (const c of layout.years) amounts.years[c.year] = readField(c);
  for (const key of ['total', 'national', 'external'] as const) amounts[key] = readField(layout.amounts[key]);
  // "PM" typed in an amount cell states the nature; the checks report PM lines that carry amounts.
  if (pm && !natureStated) nature = 'pm';

  const execution: number[] = [];
  for (const c of layout.marks) {
    const where = whereOf(c);
    const m = readMark(row[c.index]);
    if (m.kind === 'marked') execution.push(c.year);
    else if (m.kind === 'unreadable') {
      unreadable.push(c.field);
      findings.push(finding('unreadable_mark', 'warning', where, { text: m.text }, { actual: m.text }));
    }
  }

  whereOf(layout.comment);
  return {
    index,
    activity,
    nature,
    ...amounts,
    execution,
    comment: normaliseText(row[layout.comment.index]),
    sheet,
    cells,
    unreadable,
  };
}

// --- Writing a row ----------------------------------------------------------------------------

/** What a writer knows about a line: its amounts, marks and comment. */
export type EntryLineInput = Pick<
  Line,
  'activity' | 'nature' | 'years' | 'total' | 'national' | 'external' | 'execution' | 'comment'
>;

/** The locked columns, filled from the canonical plan. */
export interface EntryRowInfo {
  title: string;
  result: string;
  responsible: string;
  planCost: number | 'PM' | null;
  /** Pillar code and lead responsible ministry code, the summary's keys. */
  pillar: string;
  ministry: string;
}

const money = (value: Money | null | undefined): number | null =>
  value === null || value === undefined ? null : moneyToNumber(value);

/**
 * The values of one activity row in column order: amounts as numbers in millions, marks as "X",
 * the nature as its label in `lang`. The total stays a number; template writers put a formula there.
 */
export function entryRowValues(
  line: EntryLineInput,
  info: EntryRowInfo,
  years: readonly number[],
  lang: Lang,
): CellValue[] {
  const layout = entryLayout(years);
  const values: CellValue[] = new Array(layout.columns.length).fill(null);
  const set = (index: number, value: CellValue) => {
    if (index >= 0) values[index] = value;
  };
  const { byKey } = layout;
  set(layout.activity.index, line.activity);
  set(byKey.get('title') ?? -1, info.title);
  set(byKey.get('result') ?? -1, info.result);
  set(byKey.get('responsible') ?? -1, info.responsible);
  set(byKey.get('planCost') ?? -1, info.planCost);
  set(layout.nature.index, line.nature === null ? null : NATURE_VALUES[line.nature][lang]);
  for (const c of layout.years) set(c.index, money(line.years[c.year]));
  for (const key of ['total', 'national', 'external'] as const)
    set(layout.amounts[key].index, money(line[key]));
  const marked = new Set(line.execution);
  for (const c of layout.marks) set(c.index, marked.has(c.year) ? 'X' : null);
  set(layout.comment.index, line.comment);
  set(byKey.get('pillarKey') ?? -1, info.pillar);
  set(byKey.get('ministryKey') ?? -1, info.ministry);
  return values;
}

/**
 * The two header rows of the entry sheet (group headers above column headers), in `lang`; the
 * amounts' group header names the plan's unit.
 */
export function entryHeaderValues(
  years: readonly number[],
  lang: Lang,
  unit?: UnitWords,
): { groups: CellValue[]; headers: CellValue[] } {
  const columns = unit ? entryColumns(years, unit) : entryLayout(years).columns;
  return {
    groups: columns.map((c) => c.group?.[lang] ?? null),
    headers: columns.map((c) => c.header[lang]),
  };
}

// --- JSON returns -----------------------------------------------------------------------------

const ENTRY_SHEET = SHEET_NAMES.entry.fr;
const JSON_SHEET = 'JSON';

function rowCells(row1: number, layout: EntryLayout): Partial<Record<LineField, string>> {
  const cells: Partial<Record<LineField, string>> = {};
  const all = [layout.activity, layout.nature, ...layout.years, ...Object.values(layout.amounts)];
  for (const c of [...all, ...layout.marks, layout.comment]) cells[c.field] = `${c.letter}${row1}`;
  return cells;
}

/** Converts validated JSON lines (amounts in millions) into typed lines; see the header for where they point. */
export function linesFromJson(
  jsonLines: readonly ReturnLine[],
  years: readonly number[],
): { lines: Line[]; findings: Finding[] } {
  const layout = entryLayout(years);
  const known = new Set(years);
  const lines: Line[] = new Array(jsonLines.length);
  const findings: Finding[] = [];
  // A plain loop without a closure per line: a return converts every line of every submission,
  // and this is the service's hottest loop (bench: `validate`, `submissions`).
  for (let i = 0; i < jsonLines.length; i++) {
    const j = jsonLines[i] as ReturnLine;
    const activity = activityCodeOf(j.activity);
    const fromRow = j.row !== undefined;
    // The plan's years first, each set once; the keys are listed only when some other year was sent.
    const amountsByYear: Record<number, Money | null> = {};
    let sent = 0;
    for (const year of years) {
      const value = j.years[year];
      if (value !== undefined) sent++;
      amountsByYear[year] = value === undefined || value === null ? null : moneyFromNumber(value);
    }
    if (sent < Object.keys(j.years).length) {
      for (const key of Object.keys(j.years)) {
        if (!known.has(Number(key)))
          findings.push(unknownYear(j, i, activity, layout, key, j.years[key] ?? null));
      }
    }
    const marked: number[] = [];
    for (const year of j.execution) {
      if (!known.has(year)) findings.push(unknownYear(j, i, activity, layout, String(year), year));
      else if (!marked.includes(year)) marked.push(year);
    }
    lines[i] = {
      index: i,
      activity,
      nature: j.nature,
      years: amountsByYear,
      total: j.total === null ? null : moneyFromNumber(j.total),
      national: j.national === null ? null : moneyFromNumber(j.national),
      external: j.external === null ? null : moneyFromNumber(j.external),
      // In the plan's order of years, whatever order they were sent in.
      execution: marked.length < 2 ? marked : years.filter((y) => marked.includes(y)),
      comment: normaliseText(j.comment),
      sheet: fromRow ? ENTRY_SHEET : JSON_SHEET,
      cells: fromRow ? rowCells(j.row as number, layout) : {},
      unreadable: [],
    };
  }
  return { lines, findings };
}

/** A year the plan does not have, in a line's amounts or marks: at the item, or at its row's activity cell. */
function unknownYear(
  j: ReturnLine,
  i: number,
  activity: string,
  layout: EntryLayout,
  year: string,
  actual: number | null,
): Finding {
  const where: Where =
    j.row === undefined
      ? { sheet: JSON_SHEET, item: i, activity, field: `year:${Number(year) || 0}` }
      : { sheet: ENTRY_SHEET, cell: `${layout.activity.letter}${j.row}`, activity };
  return finding('unknown_year', 'error', where, { activity, year }, { actual });
}

/** A validated JSON return as the checks read it: its lines, no subtotals or summary tables. */
export function parsedReturnFromJson(
  doc: ReturnDocument,
  years: readonly number[],
): { parsed: ParsedReturn; findings: Finding[] } {
  const { lines, findings } = linesFromJson(doc.lines, years);
  return {
    parsed: {
      ministry: doc.ministry,
      planId: doc.planId,
      planVersion: doc.planVersion,
      lines,
      subtotals: [],
      summaries: [],
    },
    findings,
  };
}
