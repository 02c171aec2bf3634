/**
 * The Sheets API requests that make a Google spreadsheet show a WorkbookSpec: pure data in, request
 * bodies out, so what PAC asks of Google is tested without a network. sheets-sync.ts sends them.
 *
 * What is mirrored: every sheet of the spec by name (missing tabs are added; no tab is renamed,
 * moved or deleted, so the partners' own tabs are never touched), values, formulas, the looks of
 * styles.ts (font, fill, borders, alignment, wrap), number formats, column widths and hidden
 * columns, row heights, merges, frozen panes, hidden sheets ("veryHidden" becomes hidden: Sheets has
 * nothing stronger). Not mirrored: protection, data validation, conditional formats and print
 * setup. They serve people typing a return in Excel; the Google Sheet is a view that partners read,
 * so it is shared read-only instead (README).
 *
 * Values and formulas:
 * - Every value goes through values.batchUpdate with valueInputOption RAW (one request unless the
 *   workbook is very large, see sheets-sync.ts): a string is stored as that string, so a plan title
 *   or a comment reading "=HYPERLINK(…)" or "+33…" stays text.
 * - Formulas are only those PAC itself generated (SpecFormula cells). They go in a second
 *   values.batchUpdate with USER_ENTERED, restricted to exactly those cells, in the spreadsheet's
 *   locale syntax (formula-locale.ts in the core). Writing computed values instead would need a spreadsheet
 *   engine on the server for SUMIFS/SUMPRODUCT; formulas keep the Google Sheet live and identical to
 *   the .xlsx, where the same totals are formulas.
 *
 * Idempotence: every write targets fixed ranges computed from the spec. The value block covers
 * the sheet's whole extent (blanks written as ""), then whatever lies outside it in the tab is
 * cleared; formats are reset on the whole tab before the spec's looks are applied. Repeating a run,
 * or any prefix of it, therefore gives the same tab. Clearing last rather than first means a run
 * interrupted halfway never leaves partners looking at an empty sheet.
 */

import type { sheets_v4 } from 'googleapis';
import {
  columnLetter,
  columnPixels,
  formulaForLocale,
  isFormula,
  type Look,
  type Rect,
  rangeA1,
  type SheetSpec,
  STYLE_LOOKS,
  sheetRef,
  specRect,
  usesDecimalComma,
  type WorkbookSpec,
} from '#core';

type Request = sheets_v4.Schema$Request;
type ValueRange = sheets_v4.Schema$ValueRange;
type CellFormat = sheets_v4.Schema$CellFormat;
type GridRange = sheets_v4.Schema$GridRange;

/** What the first request reads: the locale and, per tab, its id and grid size. */
export const SPREADSHEET_FIELDS =
  'properties.locale,sheets.properties(sheetId,title,gridProperties(rowCount,columnCount))';

export interface ExistingSheet {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
}

export interface ExistingSpreadsheet {
  locale: string | null;
  sheets: ExistingSheet[];
}

/** Google Sheets holds at most ten million cells per spreadsheet, every tab's grid counted. */
export const SHEETS_CELL_LIMIT = 10_000_000;
/** Rows per value block, so that blocks can be packed into requests of a bounded size. */
const VALUE_BLOCK_ROWS = 500;

/** A workbook Google cannot hold: retrying will not help, a person must act (README). */
export class WorkbookTooLargeError extends Error {
  readonly permanent = true;
  constructor(cells: number) {
    super(
      `Le classeur consolidé dépasse la limite de Google Sheets (${cells} cellules > ${SHEETS_CELL_LIMIT}). ` +
        `The consolidated workbook exceeds Google Sheets' limit (${cells} cells > ${SHEETS_CELL_LIMIT}).`,
    );
    this.name = 'WorkbookTooLargeError';
  }
}

export interface MirrorPlan {
  /** One spreadsheets.batchUpdate: tabs, grid sizes, frozen panes, formats, merges. */
  structure: Request[];
  /** values.batchUpdate RAW, in blocks of rows (one request unless the workbook is very large). */
  values: ValueRange[];
  /** One values.batchUpdate, USER_ENTERED; empty when the spec has no formula. */
  formulas: ValueRange[];
  /** One values.batchClear; empty when nothing lies outside the written blocks. */
  clear: string[];
}

export function readExisting(spreadsheet: sheets_v4.Schema$Spreadsheet): ExistingSpreadsheet {
  return {
    locale: spreadsheet.properties?.locale ?? null,
    sheets: (spreadsheet.sheets ?? []).flatMap((s) => {
      const p = s.properties;
      if (p?.sheetId === undefined || p.sheetId === null || typeof p.title !== 'string') return [];
      return [
        {
          sheetId: p.sheetId,
          title: p.title,
          rowCount: p.gridProperties?.rowCount ?? 0,
          columnCount: p.gridProperties?.columnCount ?? 0,
        },
      ];
    }),
  };
}

// Sheets' defaults, which every run restores before applying the spec's sizes.
const DEFAULT_COLUMN_PX = 100;
const DEFAULT_ROW_PX = 21;

/** Row height in points → pixels. */
export function rowPixels(points: number): number {
  return Math.round((points * 96) / 72);
}

/** "1F3864" → Sheets' 0–1 channels, rounded to 3 decimals: still exact to the byte, and shorter. */
function rgb(hex: string): sheets_v4.Schema$Color {
  const channel = (i: number) => Math.round((Number.parseInt(hex.slice(i, i + 2), 16) / 255) * 1000) / 1000;
  return { red: channel(0), green: channel(2), blue: channel(4) };
}

const BORDER_HEX = 'BFBFBF';

/** The Sheets form of a look; the ExcelJS renderer (server/xlsx/render-workbook.ts) maps the same looks. */
export function cellFormat(look: Look): CellFormat {
  const format: CellFormat = {};
  const font = look.font;
  if (font) {
    const text: sheets_v4.Schema$TextFormat = {};
    if (font.bold) text.bold = true;
    if (font.italic) text.italic = true;
    if (font.size) text.fontSize = font.size;
    if (font.color) text.foregroundColorStyle = { rgbColor: rgb(font.color) };
    format.textFormat = text;
  }
  if (look.fill) format.backgroundColorStyle = { rgbColor: rgb(look.fill) };
  if (look.border) {
    const side = { style: 'SOLID', colorStyle: { rgbColor: rgb(BORDER_HEX) } };
    format.borders = { top: side, bottom: side, left: side, right: side };
  }
  const align = look.align;
  if (align?.horizontal) format.horizontalAlignment = align.horizontal.toUpperCase();
  if (align?.vertical) format.verticalAlignment = align.vertical.toUpperCase();
  if (align?.wrap) format.wrapStrategy = 'WRAP';
  // align.indent has no Sheets counterpart.
  return format;
}

/** The parts of a cell's format a style sets; number formats are applied apart, with their own mask. */
const STYLE_FIELDS =
  'userEnteredFormat(textFormat,backgroundColorStyle,borders,horizontalAlignment,verticalAlignment,wrapStrategy)';
const NUMBER_FORMAT_FIELDS = 'userEnteredFormat.numberFormat';

const rectOf = specRect;

function gridRange(sheetId: number, r: Rect): GridRange {
  return {
    sheetId,
    startRowIndex: r.top - 1,
    endRowIndex: r.bottom,
    startColumnIndex: r.left,
    endColumnIndex: r.right + 1,
  };
}

/** Rows and columns the sheet needs: its cells and every range the spec mentions. */
export function sheetExtent(sheet: SheetSpec): { rows: number; columns: number } {
  let rows = sheet.cells.length;
  // A spec may leave rows out altogether (holes in the array), not only make them short.
  let columns = sheet.columns.length;
  for (const row of sheet.cells) columns = Math.max(columns, row?.length ?? 0);
  const ranges = [
    ...sheet.styles.map((s) => s.range),
    ...sheet.numberFormats.map((n) => n.range),
    ...sheet.merges,
  ];
  for (const range of ranges) {
    const r = rectOf(range, sheet.name);
    rows = Math.max(rows, r.bottom);
    columns = Math.max(columns, r.right + 1);
  }
  for (const row of Object.keys(sheet.rowHeights ?? {})) rows = Math.max(rows, Number(row));
  // Sheets refuses to freeze every row or column of a grid.
  rows = Math.max(rows, (sheet.freeze?.rows ?? 0) + 1);
  columns = Math.max(columns, (sheet.freeze?.columns ?? 0) + 1);
  return { rows, columns };
}

/** Sheets refuses a merge that straddles the frozen panes' edge; such a merge is left out. */
function crossesFreeze(r: Rect, freeze: SheetSpec['freeze']): boolean {
  if (!freeze) return false;
  const straddles = (first: number, last: number, edge: number) => edge > 0 && first < edge && last >= edge;
  return straddles(r.top - 1, r.bottom - 1, freeze.rows) || straddles(r.left, r.right, freeze.columns);
}

/** Consecutive style ranges of one look on the same columns and adjacent rows, as one range. */
function coalescedStyles(sheet: SheetSpec): { rect: Rect; style: keyof typeof STYLE_LOOKS }[] {
  const out: { rect: Rect; style: keyof typeof STYLE_LOOKS }[] = [];
  for (const s of sheet.styles) {
    const rect = rectOf(s.range, sheet.name);
    const last = out[out.length - 1];
    // Only neighbours in the list are joined: the order in which overlapping ranges apply is kept.
    if (
      last &&
      last.style === s.style &&
      last.rect.left === rect.left &&
      last.rect.right === rect.right &&
      last.rect.bottom + 1 === rect.top
    ) {
      last.rect = { ...last.rect, bottom: rect.bottom };
    } else {
      out.push({ rect, style: s.style });
    }
  }
  return out;
}

/** Column indexes grouped into runs of the same width and visibility. */
function columnRuns(sheet: SheetSpec): { from: number; to: number; px: number; hidden: boolean }[] {
  const out: { from: number; to: number; px: number; hidden: boolean }[] = [];
  sheet.columns.forEach((c, i) => {
    const px = columnPixels(c.width);
    const hidden = Boolean(c.hidden);
    const last = out[out.length - 1];
    if (last && last.px === px && last.hidden === hidden && last.to === i - 1) last.to = i;
    else out.push({ from: i, to: i, px, hidden });
  });
  return out;
}

function dimension(
  sheetId: number,
  kind: 'ROWS' | 'COLUMNS',
  start: number,
  end: number,
  properties: sheets_v4.Schema$DimensionProperties,
  fields: string,
): Request {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: kind, startIndex: start, endIndex: end },
      properties,
      fields,
    },
  };
}

/** Cells hidden under a merge, which Sheets keeps empty: written blank, like the .xlsx. */
function mergedAway(merges: Rect[]): Set<string> {
  const hidden = new Set<string>();
  for (const m of merges) {
    for (let row = m.top; row <= m.bottom; row++) {
      for (let col = m.left; col <= m.right; col++) {
        if (row !== m.top || col !== m.left) hidden.add(`${row}:${col}`);
      }
    }
  }
  return hidden;
}

/** A RAW cell: text stays text; a formula cell is skipped (null) and written by the formula request. */
function rawValue(cell: SheetSpec['cells'][number][number] | undefined): string | number | boolean | null {
  if (cell === undefined || cell === null) return '';
  if (isFormula(cell)) return null;
  if (typeof cell === 'number' && !Number.isFinite(cell)) return '';
  return cell;
}

function planSheet(
  sheet: SheetSpec,
  target: { sheetId: number; existing: ExistingSheet | null },
  locale: string | null,
  plan: MirrorPlan,
): void {
  const { sheetId, existing } = target;
  const decimalComma = usesDecimalComma(locale);
  const { rows, columns } = sheetExtent(sheet);
  const gridRows = Math.max(rows, existing?.rowCount ?? 0);
  const gridColumns = Math.max(columns, existing?.columnCount ?? 0);
  const frozen = { frozenRowCount: sheet.freeze?.rows ?? 0, frozenColumnCount: sheet.freeze?.columns ?? 0 };
  const hidden = sheet.state !== 'visible';
  const whole: GridRange = { sheetId };
  const s = plan.structure;

  if (existing) {
    // Unmerged first: an old merge across the new frozen edge would make the freeze fail.
    s.push({ unmergeCells: { range: whole } });
    s.push({
      updateSheetProperties: {
        properties: {
          sheetId,
          hidden,
          gridProperties: { rowCount: gridRows, columnCount: gridColumns, ...frozen },
        },
        fields: 'hidden,gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount)',
      },
    });
  } else {
    s.push({
      addSheet: {
        properties: {
          sheetId,
          title: sheet.name,
          hidden,
          gridProperties: { rowCount: gridRows, columnCount: gridColumns, ...frozen },
        },
      },
    });
  }

  // Formats and sizes: back to Sheets' defaults on the whole tab, then the spec's.
  s.push({ repeatCell: { range: whole, cell: {}, fields: 'userEnteredFormat' } });
  s.push(
    dimension(
      sheetId,
      'COLUMNS',
      0,
      gridColumns,
      { pixelSize: DEFAULT_COLUMN_PX, hiddenByUser: false },
      'pixelSize,hiddenByUser',
    ),
  );
  s.push(dimension(sheetId, 'ROWS', 0, gridRows, { pixelSize: DEFAULT_ROW_PX }, 'pixelSize'));
  for (const run of columnRuns(sheet)) {
    s.push(
      dimension(
        sheetId,
        'COLUMNS',
        run.from,
        run.to + 1,
        { pixelSize: run.px, hiddenByUser: run.hidden },
        'pixelSize,hiddenByUser',
      ),
    );
  }
  for (const [row, points] of Object.entries(sheet.rowHeights ?? {})) {
    const index = Number(row) - 1;
    s.push(dimension(sheetId, 'ROWS', index, index + 1, { pixelSize: rowPixels(points) }, 'pixelSize'));
  }
  // One CellFormat object per look, shared by its requests (it is serialised, never mutated).
  const formats = new Map<string, CellFormat>();
  for (const { rect, style } of coalescedStyles(sheet)) {
    let format = formats.get(style);
    if (!format) {
      format = cellFormat(STYLE_LOOKS[style]);
      formats.set(style, format);
    }
    s.push({
      repeatCell: {
        range: gridRange(sheetId, rect),
        cell: { userEnteredFormat: format },
        fields: STYLE_FIELDS,
      },
    });
  }
  for (const n of sheet.numberFormats) {
    s.push({
      repeatCell: {
        range: gridRange(sheetId, rectOf(n.range, sheet.name)),
        cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: n.format } } },
        fields: NUMBER_FORMAT_FIELDS,
      },
    });
  }
  const merges = sheet.merges
    .map((m) => rectOf(m, sheet.name))
    .filter((r) => !crossesFreeze(r, sheet.freeze));
  for (const m of merges) s.push({ mergeCells: { range: gridRange(sheetId, m), mergeType: 'MERGE_ALL' } });

  // Values: the whole extent, in blocks of rows, so every cell of it is rewritten.
  const away = mergedAway(merges);
  for (let top = 1; top <= rows; top += VALUE_BLOCK_ROWS) {
    const bottom = Math.min(rows, top + VALUE_BLOCK_ROWS - 1);
    const values: (string | number | boolean | null)[][] = [];
    for (let r = top - 1; r < bottom; r++) {
      const cells = sheet.cells[r] ?? [];
      const row: (string | number | boolean | null)[] = [];
      for (let c = 0; c < columns; c++) row.push(away.has(`${r + 1}:${c}`) ? '' : rawValue(cells[c]));
      values.push(row);
    }
    plan.values.push({
      range: sheetRef(sheet.name, rangeA1({ top, left: 0, bottom, right: columns - 1 })),
      majorDimension: 'ROWS',
      values,
    });
  }

  // Formulas: one range per run of adjacent formula cells in a row. Indexed loops, not forEach,
  // which would skip holes in a sparse row and join two runs across the gap.
  for (let r = 0; r < sheet.cells.length; r++) {
    const cells = sheet.cells[r] ?? [];
    let start = -1;
    let run: string[] = [];
    for (let c = 0; c <= cells.length; c++) {
      const cell = cells[c];
      if (
        c < cells.length &&
        cell !== undefined &&
        cell !== null &&
        isFormula(cell) &&
        !away.has(`${r + 1}:${c}`)
      ) {
        if (run.length === 0) start = c;
        run.push(`=${formulaForLocale(cell.formula, decimalComma)}`);
      } else if (run.length > 0) {
        plan.formulas.push({
          range: sheetRef(sheet.name, rangeA1({ top: r + 1, left: start, bottom: r + 1, right: c - 1 })),
          majorDimension: 'ROWS',
          values: [run],
        });
        run = [];
      }
    }
  }

  // What lies outside the block in an older, larger tab.
  const lastColumn = columnLetter(gridColumns - 1);
  if (gridRows > rows) plan.clear.push(sheetRef(sheet.name, `A${rows + 1}:${lastColumn}${gridRows}`));
  if (gridColumns > columns)
    plan.clear.push(sheetRef(sheet.name, `${columnLetter(columns)}1:${lastColumn}${rows}`));
}

/** The requests of one mirror run, given what the spreadsheet holds now. */
export function planMirror(spec: WorkbookSpec, existing: ExistingSpreadsheet): MirrorPlan {
  const plan: MirrorPlan = { structure: [], values: [], formulas: [], clear: [] };
  const byTitle = new Map(existing.sheets.map((s) => [s.title, s]));
  // Checked before anything is sent: Google would refuse the grid half-way through the run.
  const specNames = new Set(spec.sheets.map((s) => s.name));
  let cells = existing.sheets.reduce(
    (n, s) => (specNames.has(s.title) ? n : n + s.rowCount * s.columnCount),
    0,
  );
  for (const sheet of spec.sheets) {
    const { rows, columns } = sheetExtent(sheet);
    const found = byTitle.get(sheet.name);
    cells += Math.max(rows, found?.rowCount ?? 0) * Math.max(columns, found?.columnCount ?? 0);
  }
  if (cells > SHEETS_CELL_LIMIT) throw new WorkbookTooLargeError(cells);
  // New tabs get ids no tab has, chosen here so later requests of the same batch can name them.
  let nextId = Math.max(0, ...existing.sheets.map((s) => s.sheetId)) + 1;
  for (const sheet of spec.sheets) {
    const found = byTitle.get(sheet.name) ?? null;
    const sheetId = found ? found.sheetId : nextId++;
    planSheet(sheet, { sheetId, existing: found }, existing.locale, plan);
  }
  return plan;
}

/**
 * Items grouped in order into batches whose JSON stays under `maxBytes` (an item larger than that
 * goes alone): Google advises request bodies of at most 2 MB.
 */
export function packBySize<T>(items: readonly T[], maxBytes: number): T[][] {
  // Room for the body around the items ({"valueInputOption":"USER_ENTERED","data":[…]}).
  const budget = maxBytes - 256;
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    // The item and the comma after it.
    const bytes = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (current.length > 0 && size + bytes > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
