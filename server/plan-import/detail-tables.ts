/**
 * The detailed tables of a plan workbook (the layout of the document's section IV), found where
 * they sit and read row by row into events — a pillar heading, an OS heading, a result, its
 * indicators, an activity with its cells — in reading order, leaving what they mean to
 * ./build-detail.ts.
 *
 * Tables are found by the legacy import's header recognition (`findHeaders`, addin/core/legacy):
 * a row naming at least the activity and the cost columns among Résultats | Indicateurs |
 * Activités | Coût … | Responsable | Partenaires, with its AN I … AN n cells on it or just below.
 * Each table runs to the next one (or to a summary table, or to the end of the sheet). The rows
 * just above a header that hold one text each (a pillar heading such as "PREVENTION" or
 * "PILIER 2 : …", a title, "Principales actions retenues…") are that table's preamble: the pillar
 * heading is the last of them in capitals or starting "Pilier"/"Axe".
 */
import {
  a1,
  type CellValue,
  findHeaders,
  type LegacyCell,
  type LegacyColumns,
  normaliseText,
  type SheetContent,
  wordKey,
} from '#core';

/** More AN columns than any plan has: findHeaders only keeps AN columns below this count. */
const MAX_YEARS = 40;
/** How many rows under a header row its AN cells may sit ("Périodes d'exécution" above them). */
const YEAR_ROWS_BELOW = 2;

export interface Place {
  sheet: string;
  row: number;
  cell: string;
}

export interface TextCell extends Place {
  text: string;
}

export interface DetailTable {
  sheet: string;
  headerRow: number;
  columns: LegacyColumns;
  /** Number of AN columns, AN I first; a gap ends the count (and is reported). */
  yearCount: number;
  /** The AN column missing before a later one ("AN III"), if any. */
  yearGap: { missing: string; at: Place } | null;
  /** The cost column's header, for its unit. */
  costHeader: TextCell;
  /** The AN I header cell. */
  firstYearCell: Place;
  /** Texts of the preamble rows and the sheet name, where a period such as "2021-2025" may be stated. */
  preamble: TextCell[];
}

export interface ActivityCells {
  at: Place;
  /** The activity cell's text as typed (no-break spaces kept), or null when empty. */
  raw: string | null;
  /** The code column's text, when the table has one. */
  codeCell: TextCell | null;
  alignment: string | null;
  cost: LegacyCell | null;
  /** One per AN column, AN I first. */
  marks: LegacyCell[];
  responsible: TextCell;
  partners: TextCell | null;
}

export type DetailEvent =
  | { kind: 'pillar'; text: TextCell }
  | { kind: 'objective'; text: TextCell }
  | { kind: 'result'; text: TextCell }
  /** `lines`: the cell's paragraphs, whitespace collapsed in each. */
  | { kind: 'indicators'; text: TextCell; lines: string[] }
  | { kind: 'activity'; cells: ActivityCells }
  | { kind: 'other'; text: TextCell };

export const OBJECTIVE_TEXT =
  /^(?:OS|objectif\s+strat[ée]gique)\s*(?:n[°o]\s*)?(\d+)\s*\.\s*(\d+)\s*\.?\s*[:.\-–]?\s*/i;
/** "Résultat ", "R ", "Résultat attendu n° " before a result's code. */
export const RESULT_LABEL = /^(?:r[ée]sultats?(?:\s+attendus?)?|R)\s*(?:n[°o]\s*)?(?=\d)/i;
export const PILLAR_TEXT =
  /^(?:pilier|axe(?:\s+strat[ée]gique)?|pillar)\s*(?:n[°o]\s*)?(\d+|[IVX]+)\b\s*[:.\-–—)]?\s*(.*)$/i;

/** A heading in capitals ("PREVENTION", "LA COHESION SOCIALE"), as the document prints pillars. */
export function inCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 3 && text.length <= 80 && text === text.toLocaleUpperCase('fr') && !/^\d/.test(text)
  );
}

function textOf(value: CellValue): string | null {
  return typeof value === 'string' || typeof value === 'number' ? normaliseText(value) : null;
}

/** A cell's paragraphs (one indicator each, as planners type them), whitespace collapsed. */
function paragraphs(value: CellValue): string[] {
  if (typeof value !== 'string') return value === null || value === undefined ? [] : [String(value)];
  return value
    .split(/\r?\n/)
    .map((line) => normaliseText(line))
    .filter((line): line is string => line !== null);
}

/** The non-empty cells of a row: column and text (a formula counts, as "=…"). */
function filledCells(content: SheetContent, row: number): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  const values = content.grid.rows[row - 1] ?? [];
  const formulas = content.formulas.get(row);
  const width = Math.max(values.length, ...(formulas ? [...formulas.keys()].map((c) => c + 1) : [0]));
  for (let c = 0; c < width; c++) {
    const formula = formulas?.get(c);
    const text = formula !== undefined ? `=${formula}` : textOf(values[c]);
    if (text !== null) out.push({ col: c, text });
  }
  return out;
}

/** True for a heading-like row above a table: one text that is no OS, result or activity. */
function preambleRow(cells: { col: number; text: string }[]): boolean {
  if (cells.length !== 1) return false;
  const text = (cells[0] as { text: string }).text;
  return !OBJECTIVE_TEXT.test(text) && !/^\d+\s*\./.test(text) && !/^r[ée]sultat/i.test(text);
}

function yearCount(columns: LegacyColumns): { count: number; gap: number | null } {
  let count = 0;
  while (columns.years[count] !== undefined) count++;
  const later = columns.years.findIndex((c, i) => i > count && c !== undefined);
  return { count, gap: later > count ? count : null };
}

function roman(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** "AN III": how the workbook names the year at 0-based index i. */
export function yearLabel(i: number): string {
  return i < 40 ? `AN ${roman(i + 1)}` : `AN ${i + 1}`;
}

/** Where the AN cell of a column sits: the header row or one of the rows just below. */
function yearHeaderRow(content: SheetContent, headerRow: number, col: number): number {
  for (let r = headerRow; r <= headerRow + YEAR_ROWS_BELOW; r++) {
    if (/^an\b/.test(wordKey(content.grid.rows[r - 1]?.[col]))) return r;
  }
  return headerRow;
}

/**
 * The detail tables of the sheets and their rows as events. `stops` gives, per sheet, rows where a
 * table must end (the summary table's first row).
 */
export function readDetailTables(
  sheets: readonly SheetContent[],
  stops: ReadonlyMap<string, readonly number[]>,
): { tables: DetailTable[]; events: DetailEvent[] } {
  const tables: DetailTable[] = [];
  const events: DetailEvent[] = [];
  for (const content of sheets) {
    const sheet = content.grid.sheet;
    const headers = findHeaders(
      content.grid,
      Array.from({ length: MAX_YEARS }, (_, i) => i),
    );
    const sheetStops = stops.get(sheet) ?? [];
    let previousEnd = 0;
    headers.forEach((header, k) => {
      // The preamble: heading-like rows just above the header, back to the previous table.
      const preambleRows: number[] = [];
      for (let r = header.row - 1; r > previousEnd; r--) {
        const cells = filledCells(content, r);
        if (cells.length === 0) continue;
        if (!preambleRow(cells)) break;
        preambleRows.unshift(r);
      }
      const next = headers[k + 1];
      let end = next ? next.row - 1 : content.grid.rows.length;
      for (const stop of sheetStops) if (stop > header.row && stop - 1 < end) end = stop - 1;
      if (next) {
        // The next table's preamble is not this table's body.
        let r = next.row - 1;
        while (r > header.row) {
          const cells = filledCells(content, r);
          if (cells.length > 0 && !preambleRow(cells)) break;
          r--;
        }
        end = Math.min(end, r);
      }
      const table = tableOf(content, header, preambleRows);
      tables.push(table);
      const banner = table.preamble
        .slice(1)
        .reverse()
        .find((p) => PILLAR_TEXT.test(p.text) || inCapitals(p.text));
      if (banner) events.push({ kind: 'pillar', text: banner });
      events.push(...tableEvents(content, table, end));
      previousEnd = end;
    });
  }
  return { tables, events };
}

function tableOf(
  content: SheetContent,
  header: { row: number; columns: LegacyColumns },
  preambleRows: number[],
): DetailTable {
  const sheet = content.grid.sheet;
  const { roles } = header.columns;
  const { count, gap } = yearCount(header.columns);
  const costCol = roles.cost as number;
  const firstCol = header.columns.years[0] ?? header.columns.years.find((c) => c !== undefined) ?? 0;
  const firstRow = yearHeaderRow(content, header.row, firstCol);
  const gapAt =
    gap === null ? null : (header.columns.years.find((c, i) => i > gap && c !== undefined) as number);
  return {
    sheet,
    headerRow: header.row,
    columns: header.columns,
    yearCount: count,
    yearGap:
      gap === null || gapAt === null
        ? null
        : {
            missing: yearLabel(gap),
            at: {
              sheet,
              row: yearHeaderRow(content, header.row, gapAt),
              cell: a1(yearHeaderRow(content, header.row, gapAt), gapAt),
            },
          },
    costHeader: {
      sheet,
      row: header.row,
      cell: a1(header.row, costCol),
      text: textOf(content.grid.rows[header.row - 1]?.[costCol]) ?? '',
    },
    firstYearCell: { sheet, row: firstRow, cell: a1(firstRow, firstCol) },
    preamble: [
      { sheet, row: 0, cell: '', text: sheet },
      ...preambleRows.map((r) => {
        const c = filledCells(content, r)[0] as { col: number; text: string };
        return { sheet, row: r, cell: a1(r, c.col), text: c.text };
      }),
    ],
  };
}

/** What a row holding one text means, by its words first, then by its column. */
function bannerKind(
  cell: { col: number; text: string },
  roles: LegacyColumns['roles'],
): 'pillar' | 'objective' | 'result' | 'indicators' | 'other' {
  if (OBJECTIVE_TEXT.test(cell.text)) return 'objective';
  if (PILLAR_TEXT.test(cell.text)) return 'pillar';
  if (RESULT_LABEL.test(cell.text)) return 'result';
  // A heading in capitals across the table is a pillar's, even over the result column.
  if (inCapitals(cell.text) && cell.col === 0) return 'pillar';
  if (cell.col === roles.result) return 'result';
  if (cell.col === roles.indicators) return 'indicators';
  return 'other';
}

/** The events of one table's body, rows header+1 … end. */
function tableEvents(content: SheetContent, table: DetailTable, end: number): DetailEvent[] {
  const { roles, years } = table.columns;
  const sheet = content.grid.sheet;
  const yearCols = years.slice(0, table.yearCount) as number[];
  const value = (r: number, c: number | undefined) =>
    c === undefined ? undefined : content.grid.rows[r - 1]?.[c];
  const formula = (r: number, c: number | undefined) =>
    c === undefined ? undefined : content.formulas.get(r)?.get(c);
  const text = (r: number, c: number | undefined) => {
    const f = formula(r, c);
    return f !== undefined ? `=${f}` : textOf(value(r, c));
  };
  const place = (r: number, c: number): Place => ({ sheet, row: r, cell: a1(r, c) });
  const textCell = (r: number, c: number, t: string): TextCell => ({ ...place(r, c), text: t });
  const input = (r: number, c: number): LegacyCell => ({
    value: value(r, c) ?? null,
    formula: formula(r, c),
    cell: a1(r, c),
  });
  const events: DetailEvent[] = [];

  for (let r = table.headerRow + 1; r <= end; r++) {
    const cells = filledCells(content, r);
    if (cells.length === 0) continue;
    const activityText = text(r, roles.activity);
    // The AN I … AN n row under a two-row header.
    if (
      r <= table.headerRow + YEAR_ROWS_BELOW &&
      activityText === null &&
      cells.some((c) => /^an\b/.test(wordKey(c.text)))
    )
      continue;
    const isActivity =
      activityText !== null ||
      text(r, roles.cost) !== null ||
      text(r, roles.responsible) !== null ||
      yearCols.some((c) => text(r, c) !== null);
    const used = new Set<number>();
    const resultText = text(r, roles.result);
    const indicatorsText = text(r, roles.indicators);

    if (!isActivity && cells.length === 1) {
      const only = cells[0] as { col: number; text: string };
      const kind = bannerKind(only, roles);
      const t = textCell(r, only.col, only.text);
      events.push(
        kind === 'indicators' ? { kind, text: t, lines: paragraphs(value(r, only.col)) } : { kind, text: t },
      );
      continue;
    }
    if (resultText !== null && roles.result !== undefined) {
      events.push({ kind: 'result', text: textCell(r, roles.result, resultText) });
      used.add(roles.result);
    }
    if (indicatorsText !== null && roles.indicators !== undefined) {
      events.push({
        kind: 'indicators',
        text: textCell(r, roles.indicators, indicatorsText),
        lines: paragraphs(value(r, roles.indicators)),
      });
      used.add(roles.indicators);
    }
    if (isActivity) {
      const activityCol = roles.activity as number;
      const raw = value(r, activityCol);
      const codeText = text(r, roles.code);
      events.push({
        kind: 'activity',
        cells: {
          at: place(r, activityCol),
          raw: typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null,
          codeCell: roles.code !== undefined && codeText !== null ? textCell(r, roles.code, codeText) : null,
          alignment: text(r, roles.alignment),
          cost: roles.cost === undefined ? null : input(r, roles.cost),
          marks: yearCols.map((c) => input(r, c)),
          responsible: textCell(r, roles.responsible ?? activityCol, text(r, roles.responsible) ?? ''),
          partners:
            roles.partners === undefined || text(r, roles.partners) === null
              ? null
              : textCell(r, roles.partners, text(r, roles.partners) as string),
        },
      });
      for (const role of ['activity', 'code', 'alignment', 'cost', 'responsible', 'partners'] as const) {
        const c = roles[role];
        if (c !== undefined) used.add(c);
      }
      for (const c of yearCols) used.add(c);
    }
    // Whatever else the row holds was not read: say so rather than drop it.
    for (const c of cells) {
      if (!used.has(c.col)) events.push({ kind: 'other', text: textCell(r, c.col, c.text) });
    }
  }
  return events;
}
