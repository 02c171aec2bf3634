/// <reference types="google-apps-script" />
/**
 * The Google Sheets side of the pane: the only file of the add-on that calls SpreadsheetApp. It runs
 * in Apps Script (V8), where the sidebar's PaneHost (./sidebar/remote-ports.ts) reaches it through
 * google.script.run, and it also draws the add-on's menu and opens the sidebar.
 *
 * Speed rules, because each SpreadsheetApp call costs a trip to the Sheets backend (Apps Script
 * batches writes, but every read flushes them):
 * - cells are written with one setValues per block of rows — values, text and formulas together —
 *   never cell by cell;
 * - looks: the cells of each named style become one RangeList, given each property of the look in
 *   one call; number formats likewise, one RangeList per format. The number of calls follows the
 *   number of styles, not of rows;
 * - data validation is one setDataValidations over the sheet's validated area, conditional formats
 *   one setConditionalFormatRules, marks one setBackground per sheet and colour;
 * - a sheet is read with getDataRange().getValues(), whatever its size.
 *
 * Writing rules:
 * - setValues reads each value as if it were typed: "=…" or "+…" becomes a formula, "1 500" or
 *   "2021,2022" a number, "2026-01-15T09:00:00Z" a date. Every text is therefore written behind an
 *   apostrophe, which Sheets keeps as "this is text" and never returns as part of the value;
 * - formulas are written as "=" + the spec's formula in the spreadsheet's locale syntax
 *   (./formula-locale.ts);
 * - the sheet is given rows and columns first when the spec needs more than it has.
 *
 * Protection. Sheets protects a sheet either for chosen editors only, or with a warning. PAC uses
 * warning-only sheet protection with the input ranges left unprotected: typing over a locked cell
 * asks for confirmation, as Excel's password-less protection guards against slips. Editors-only
 * protection would lock out every colleague who shares the file — and the add-on, which runs as
 * the person using it, could no longer update or mark the sheet for anyone but its author.
 *
 * What Sheets does differently from the spec: "very hidden" sheets are hidden sheets (protected
 * like the others); Apps Script has no page setup, so print settings are left to the print dialog;
 * there is no indentation; row heights are left to Sheets, which fits rows to wrapped text itself;
 * a validation shows its prompt as help text, with no separate error title.
 *
 * Marks: a finding's cells get a background (red for errors, amber for warnings, the colours of
 * the template's conditional formats); each cell's own background is remembered (MarkMemory, kept
 * in the document's properties by the caller) and put back on the next check.
 */
import {
  AMOUNT_FORMAT,
  type CellMark,
  type CellValue,
  CONDITIONAL_LOOKS,
  columnPixels,
  formulaForLocale,
  formulaToEnglish,
  GRID_BORDER,
  type Grid,
  isFormula,
  type Look,
  markedCells,
  type NumberFix,
  type Rect,
  rangeA1,
  readTemplateMeta,
  SHEET_NAMES,
  type SheetContent,
  type SheetSpec,
  type SpecCell,
  STYLE_LOOKS,
  type StyleKey,
  specRect,
  TEMPLATE_FONT,
  usesDecimalComma,
  type ValidationSpec,
  type WorkbookReading,
  type WorkbookSpec,
} from '#core';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type RangeList = GoogleAppsScript.Spreadsheet.RangeList;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

/** Cells per setValues call; a template is one or two blocks, a legacy sheet a few more. */
export const BLOCK_CELLS = 20_000;

const FONT = TEMPLATE_FONT;
const BORDER_COLOR = `#${GRID_BORDER.toLowerCase()}`;
const hex = (rgb: string) => `#${rgb.toLowerCase()}`;
export const MARK_COLOR = {
  error: hex(CONDITIONAL_LOOKS.error.fill ?? 'FFC7CE'),
  warning: hex(CONDITIONAL_LOOKS.warning.fill ?? 'FFEB9C'),
} as const;

/** Apps Script globals are looked up at call time: tests install fakes before calling. */
function app(): App {
  return (globalThis as unknown as { SpreadsheetApp: App }).SpreadsheetApp;
}

function active(): Spreadsheet {
  return app().getActiveSpreadsheet();
}

// --- Cells ----------------------------------------------------------------------------------------

/** What setValues is given for a spec cell (see the header's writing rules). */
export function cellInput(cell: SpecCell | undefined, decimalComma: boolean): string | number | boolean {
  if (cell === undefined || cell === null) return '';
  if (isFormula(cell)) return `=${formulaForLocale(cell.formula, decimalComma)}`;
  if (typeof cell === 'string') return cell === '' ? '' : `'${cell}`;
  return cell;
}

/**
 * A value from getValues as the core reads it. A date (a cell Sheets formatted as one) becomes
 * its ISO day: text, so an amount typed as a date is reported rather than read as a number.
 * Dates are recognised by their tag, not instanceof, which fails across script realms.
 */
export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    if (Number.isNaN(d.getTime())) return null;
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }
  return String(value);
}

function gridOf(sheet: Sheet): Grid {
  const values = sheet.getDataRange().getValues() as unknown[][];
  return { sheet: sheet.getName(), rows: values.map((row) => row.map(cellValue)) };
}

/**
 * A sheet's values with its formulas set apart (in English syntax, as the core compares them) and
 * read as empty, as every host hands a sheet to the core's readers: two calls, whatever its size.
 */
function contentOf(sheet: Sheet, decimalComma: boolean): SheetContent {
  const range = sheet.getDataRange();
  const grid: Grid = {
    sheet: sheet.getName(),
    rows: (range.getValues() as unknown[][]).map((r) => r.map(cellValue)),
  };
  const formulas = new Map<number, Map<number, string>>();
  range.getFormulas().forEach((row, i) => {
    row.forEach((f, c) => {
      if (typeof f !== 'string' || !f.startsWith('=')) return;
      const cols = formulas.get(i + 1) ?? new Map<number, string>();
      formulas.set(i + 1, cols);
      const text = f.slice(1);
      cols.set(c, decimalComma ? formulaToEnglish(text) : text);
      const gridRow = grid.rows[i];
      if (gridRow) gridRow[c] = null;
    });
  });
  return { grid, formulas };
}

const rectOf = specRect;

function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

function writeCells(sheet: Sheet, spec: SheetSpec, width: number, decimalComma: boolean, blockCells: number) {
  if (width === 0) return;
  const rowsPerBlock = Math.max(1, Math.floor(blockCells / width));
  for (let from = 0; from < spec.cells.length; from += rowsPerBlock) {
    const to = Math.min(spec.cells.length, from + rowsPerBlock);
    const block: (string | number | boolean)[][] = [];
    for (let r = from; r < to; r++) {
      const row = spec.cells[r] ?? [];
      const out: (string | number | boolean)[] = [];
      for (let c = 0; c < width; c++) out.push(cellInput(row[c], decimalComma));
      block.push(out);
    }
    sheet.getRange(from + 1, 1, to - from, width).setValues(block);
  }
}

// --- Looks ----------------------------------------------------------------------------------------

/**
 * The A1 ranges each style covers, the last style naming a cell winning as in the .xlsx renderer;
 * cells are gathered into rectangles (runs along a row, stacked while rows repeat the same run) so
 * that a RangeList stays short.
 */
export function styleRanges(spec: SheetSpec): Map<StyleKey, string[]> {
  const cells = new Map<number, Map<number, StyleKey>>();
  for (const s of spec.styles) {
    const r = rectOf(s.range, spec.name);
    for (let row = r.top; row <= r.bottom; row++) {
      let cols = cells.get(row);
      if (!cols) {
        cols = new Map();
        cells.set(row, cols);
      }
      for (let col = r.left; col <= r.right; col++) cols.set(col, s.style);
    }
  }
  const out = new Map<StyleKey, string[]>();
  // Rectangles still growing downwards, by "style left right".
  let open = new Map<string, { style: StyleKey; rect: Rect }>();
  const close = (o: { style: StyleKey; rect: Rect }) => {
    const list = out.get(o.style) ?? [];
    list.push(rangeA1(o.rect));
    out.set(o.style, list);
  };
  const rows = [...cells.keys()].sort((a, b) => a - b);
  for (const row of rows) {
    const cols = cells.get(row) as Map<number, StyleKey>;
    const sorted = [...cols.keys()].sort((a, b) => a - b);
    const next = new Map<string, { style: StyleKey; rect: Rect }>();
    let i = 0;
    while (i < sorted.length) {
      const left = sorted[i] as number;
      const style = cols.get(left) as StyleKey;
      let right = left;
      while (i + 1 < sorted.length && sorted[i + 1] === right + 1 && cols.get(right + 1) === style) {
        right++;
        i++;
      }
      i++;
      const key = `${style} ${left} ${right}`;
      const above = open.get(key);
      if (above && above.rect.bottom === row - 1) {
        above.rect.bottom = row;
        next.set(key, above);
        open.delete(key);
      } else next.set(key, { style, rect: { top: row, bottom: row, left, right } });
    }
    for (const o of open.values()) close(o);
    open = next;
  }
  for (const o of open.values()) close(o);
  return out;
}

const H_ALIGN = { left: 'left', center: 'center', right: 'right' } as const;
const V_ALIGN = { top: 'top', middle: 'middle', bottom: 'bottom' } as const;

function applyLook(list: RangeList, look: Look): void {
  const f = look.font;
  list.setFontFamily(FONT);
  list.setFontSize(f?.size ?? 11);
  if (f?.bold) list.setFontWeight('bold');
  if (f?.italic) list.setFontStyle('italic');
  if (f?.color) list.setFontColor(hex(f.color));
  if (look.fill) list.setBackground(hex(look.fill));
  if (look.border) {
    list.setBorder(true, true, true, true, true, true, BORDER_COLOR, app().BorderStyle.SOLID);
  }
  const a = look.align;
  if (a?.horizontal) list.setHorizontalAlignment(H_ALIGN[a.horizontal]);
  if (a?.vertical) list.setVerticalAlignment(V_ALIGN[a.vertical]);
  if (a?.wrap) list.setWrap(true);
}

// --- Validation and conditional formats ----------------------------------------------------------

/** "'Listes'!$A$2:$A$3" → the sheet's name and range. */
function sheetAndRange(ref: string): { sheet: string; range: string } | null {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(ref);
  if (quoted) return { sheet: (quoted[1] ?? '').replace(/''/g, "'"), range: quoted[2] ?? '' };
  const plain = /^([^!]+)!(.+)$/.exec(ref);
  return plain ? { sheet: plain[1] ?? '', range: plain[2] ?? '' } : null;
}

function validationRule(ss: Spreadsheet, v: ValidationSpec): DataValidation {
  // The prompt says what the cell takes; Sheets shows it on hover and when an entry is refused.
  const b = app().newDataValidation().setAllowInvalid(false).setHelpText(v.prompt.message);
  if (v.kind === 'decimal') return b.requireNumberGreaterThanOrEqualTo(v.min ?? 0).build();
  const source = v.source !== undefined ? sheetAndRange(v.source) : null;
  const sheet = source ? ss.getSheetByName(source.sheet) : null;
  if (source && sheet) return b.requireValueInRange(sheet.getRange(source.range), true).build();
  return b.requireValueInList(v.values ?? [], true).build();
}

function writeValidations(ss: Spreadsheet, sheet: Sheet, spec: SheetSpec): void {
  if (spec.validations.length === 0) return;
  const placed = spec.validations.map((v) => ({ v, r: rectOf(v.range, spec.name) }));
  const box = placed.reduce(
    (b, { r }) => ({
      top: Math.min(b.top, r.top),
      left: Math.min(b.left, r.left),
      bottom: Math.max(b.bottom, r.bottom),
      right: Math.max(b.right, r.right),
    }),
    { ...(placed[0] as { r: Rect }).r },
  );
  const rules: (DataValidation | null)[][] = [];
  for (let r = box.top; r <= box.bottom; r++) rules.push(new Array(box.right - box.left + 1).fill(null));
  // The entry sheet repeats the same few rules for every result's rows: each is built once.
  const built = new Map<string, DataValidation>();
  for (const { v, r } of placed) {
    const key = JSON.stringify({ ...v, range: null });
    const rule = built.get(key) ?? validationRule(ss, v);
    built.set(key, rule);
    for (let row = r.top; row <= r.bottom; row++) {
      const line = rules[row - box.top] as (DataValidation | null)[];
      for (let col = r.left; col <= r.right; col++) line[col - box.left] = rule;
    }
  }
  sheet
    .getRange(box.top, box.left + 1, box.bottom - box.top + 1, box.right - box.left + 1)
    .setDataValidations(rules);
}

function writeConditionalFormats(sheet: Sheet, spec: SheetSpec, decimalComma: boolean): void {
  if (spec.conditionalFormats.length === 0) return;
  const rules = spec.conditionalFormats.map((cf) => {
    const look = CONDITIONAL_LOOKS[cf.style];
    let b = app()
      .newConditionalFormatRule()
      .whenFormulaSatisfied(`=${formulaForLocale(cf.formula, decimalComma)}`)
      .setRanges([sheet.getRange(cf.range)]);
    if (look.fill) b = b.setBackground(hex(look.fill));
    if (look.font?.color) b = b.setFontColor(hex(look.font.color));
    return b.build();
  });
  // Earlier rules win in Sheets, as the spec's order gives them priority in Excel.
  sheet.setConditionalFormatRules(rules);
}

// --- Columns --------------------------------------------------------------------------------------

function writeColumns(sheet: Sheet, spec: SheetSpec): void {
  const cols = spec.columns;
  let i = 0;
  while (i < cols.length) {
    const px = columnPixels(cols[i]?.width ?? 8.43);
    let j = i;
    while (j + 1 < cols.length && columnPixels(cols[j + 1]?.width ?? 8.43) === px) j++;
    sheet.setColumnWidths(i + 1, j - i + 1, px);
    i = j + 1;
  }
  i = 0;
  while (i < cols.length) {
    if (!cols[i]?.hidden) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < cols.length && cols[j + 1]?.hidden) j++;
    sheet.hideColumns(i + 1, j - i + 1);
    i = j + 1;
  }
}

// --- Marks ----------------------------------------------------------------------------------------

/** A marked cell and the background it had before, to put back on the next check. */
export interface StoredMark {
  sheet: string;
  cell: string;
  background: string;
  severity: CellMark['severity'];
}

export interface MarkMemory {
  load(): StoredMark[];
  save(marks: StoredMark[]): void;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k) ?? [];
    list.push(item);
    out.set(k, list);
  }
  return out;
}

// --- The host -------------------------------------------------------------------------------------

export interface SheetsHostOptions {
  /** Where the marks of the last check are remembered (the document's properties). */
  marks: MarkMemory;
  blockCells?: number;
}

export interface MenuItem {
  label: string;
  /** The global function Apps Script calls. */
  functionName: string;
}

export function createSheetsHost(options: SheetsHostOptions) {
  const blockCells = options.blockCells ?? BLOCK_CELLS;

  /** Empties a sheet the template is about to be written into: content, looks, rules, merges, panes. */
  const reset = (sheet: Sheet) => {
    const types = app().ProtectionType;
    for (const p of [...sheet.getProtections(types.SHEET), ...sheet.getProtections(types.RANGE)]) p.remove();
    if (sheet.isSheetHidden()) sheet.showSheet();
    const all = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
    all.breakApart();
    all.clearDataValidations();
    sheet.clear();
    sheet.clearConditionalFormatRules();
    sheet.setFrozenRows(0);
    sheet.setFrozenColumns(0);
    sheet.showColumns(1, sheet.getMaxColumns());
  };

  const host = {
    readWorkbook(): WorkbookReading {
      const ss = active();
      const sheets = ss.getSheets();
      const byName = new Map(sheets.map((s) => [s.getName(), s]));
      const names = [...byName.keys()];
      const metaSheet = byName.get(SHEET_NAMES.meta.fr);
      if (!metaSheet) return { kind: 'other', sheets: names };
      const meta = readTemplateMeta(gridOf(metaSheet).rows);
      const find = (pair: { fr: string; en: string }) =>
        (meta && byName.get(pair[meta.lang])) ?? byName.get(pair.fr) ?? byName.get(pair.en);
      const entry = find(SHEET_NAMES.entry);
      if (!meta || !entry) return { kind: 'other', sheets: names };
      const summary = find(SHEET_NAMES.summary);
      const decimalComma = usesDecimalComma(ss.getSpreadsheetLocale());
      return {
        kind: 'template',
        meta,
        entry: contentOf(entry, decimalComma),
        summary: summary ? contentOf(summary, decimalComma) : null,
        sheets: names,
      };
    },

    readSheet(name: string): Grid | null {
      const sheet = active().getSheetByName(name);
      return sheet ? gridOf(sheet) : null;
    },

    /** Every visible sheet's values, its formulas set apart (in English syntax) and read as null. */
    readSheetsForImport(): SheetContent[] {
      const ss = active();
      const decimalComma = usesDecimalComma(ss.getSpreadsheetLocale());
      return ss
        .getSheets()
        .filter((sheet) => !sheet.isSheetHidden())
        .map((sheet) => contentOf(sheet, decimalComma));
    },

    /**
     * Writes the numbers the person confirmed over text amounts, with the template's amount
     * format. Warning-only protection does not stop a script; a few cells, a few calls.
     */
    writeNumbers(cells: readonly NumberFix[]): void {
      const ss = active();
      for (const [name, list] of groupBy(cells, (c) => c.sheet)) {
        const sheet = ss.getSheetByName(name);
        if (!sheet) continue;
        sheet.getRangeList(list.map((c) => c.cell)).setNumberFormat(AMOUNT_FORMAT);
        for (const c of list) sheet.getRange(c.cell).setValue(c.value);
      }
    },

    /** Creates the spec's sheets that are missing, at the end, and empties those that exist. */
    beginWrite(names: readonly string[]): void {
      const ss = active();
      const existing = new Map(ss.getSheets().map((s) => [s.getName(), s]));
      for (const name of names) {
        const sheet = existing.get(name);
        if (sheet) reset(sheet);
        else ss.insertSheet(name, ss.getNumSheets());
      }
    },

    /** Writes one sheet of the spec into its (new or emptied) sheet. */
    writeSheet(spec: SheetSpec): void {
      const ss = active();
      const sheet = ss.getSheetByName(spec.name) ?? ss.insertSheet(spec.name, ss.getNumSheets());
      const decimalComma = usesDecimalComma(ss.getSpreadsheetLocale());
      const cellWidth = spec.cells.reduce((w, row) => Math.max(w, row.length), 0);
      ensureSize(sheet, spec.cells.length, Math.max(spec.columns.length, cellWidth));
      writeColumns(sheet, spec);
      writeCells(sheet, spec, cellWidth, decimalComma, blockCells);
      for (const [format, ranges] of groupBy(spec.numberFormats, (n) => n.format)) {
        sheet.getRangeList(ranges.map((n) => n.range)).setNumberFormat(format);
      }
      for (const m of spec.merges) sheet.getRange(m).merge();
      for (const [style, ranges] of styleRanges(spec))
        applyLook(sheet.getRangeList(ranges), STYLE_LOOKS[style]);
      writeValidations(ss, sheet, spec);
      writeConditionalFormats(sheet, spec, decimalComma);
      if (spec.freeze) {
        sheet.setFrozenRows(spec.freeze.rows);
        sheet.setFrozenColumns(spec.freeze.columns);
      }
      if (spec.protect) {
        const protection = sheet.protect().setDescription('PAC').setWarningOnly(true);
        if (spec.unlocked.length > 0)
          protection.setUnprotectedRanges(sheet.getRangeList(spec.unlocked).getRanges());
      }
    },

    /** Shows the entry sheet at A1, then hides what the spec hides; forgets earlier marks. */
    endWrite(sheets: readonly Pick<SheetSpec, 'key' | 'name' | 'state'>[]): void {
      const ss = active();
      const entry = sheets.find((s) => s.key === 'entry') ?? sheets.find((s) => s.state === 'visible');
      if (entry) ss.getSheetByName(entry.name)?.getRange('A1').activate();
      for (const s of sheets) if (s.state !== 'visible') ss.getSheetByName(s.name)?.hideSheet();
      // The marks of an earlier check pointed at cells that are no longer what they were.
      options.marks.save([]);
    },

    writeWorkbook(spec: WorkbookSpec): void {
      host.beginWrite(spec.sheets.map((s) => s.name));
      for (const sheet of spec.sheets) host.writeSheet(sheet);
      host.endWrite(spec.sheets);
    },

    /** Puts back the backgrounds under the last check's marks, then marks these cells. */
    markCells(marks: readonly CellMark[]): void {
      const ss = active();
      const sheets = new Map(ss.getSheets().map((s) => [s.getName(), s]));
      const previous = options.marks.load();
      for (const [name, list] of groupBy(previous, (m) => m.sheet)) {
        const sheet = sheets.get(name);
        if (!sheet) continue;
        for (const [background, cells] of groupBy(list, (m) => m.background)) {
          sheet.getRangeList(cells.map((c) => c.cell)).setBackground(background || null);
        }
      }
      const next: StoredMark[] = [];
      const wanted = markedCells(marks).filter((m) => sheets.has(m.sheet));
      for (const [name, list] of groupBy(wanted, (m) => m.sheet)) {
        const sheet = sheets.get(name) as Sheet;
        // A finding may point past the sheet's edge (a row deleted since): nothing to mark there.
        const maxRows = sheet.getMaxRows();
        const maxColumns = sheet.getMaxColumns();
        const inside = list.filter((m) => m.row <= maxRows && m.col < maxColumns);
        if (inside.length === 0) continue;
        const top = Math.min(...inside.map((m) => m.row));
        const left = Math.min(...inside.map((m) => m.col));
        const bottom = Math.max(...inside.map((m) => m.row));
        const right = Math.max(...inside.map((m) => m.col));
        // One read for the whole area the marks cover, after the backgrounds above were put back.
        const backgrounds = sheet
          .getRange(top, left + 1, bottom - top + 1, right - left + 1)
          .getBackgrounds();
        for (const m of inside) {
          const background = backgrounds[m.row - top]?.[m.col - left] ?? '';
          next.push({ sheet: m.sheet, cell: m.cell, severity: m.severity, background });
        }
        for (const [severity, cells] of groupBy(inside, (m) => m.severity)) {
          sheet
            .getRangeList(cells.map((c) => c.cell))
            .setBackground(MARK_COLOR[severity as CellMark['severity']]);
        }
      }
      options.marks.save(next);
    },

    selectCell(sheet: string, range: string): void {
      const target = active().getSheetByName(sheet);
      if (!target) throw new Error(`No sheet "${sheet}"`);
      target.getRange(range).activate();
    },

    /** The add-on's menu (Extensions › PAC). */
    addMenu(items: readonly MenuItem[]): void {
      const menu = app().getUi().createAddonMenu();
      for (const item of items) menu.addItem(item.label, item.functionName);
      menu.addToUi();
    },

    showSidebar(html: HtmlOutput): void {
      app().getUi().showSidebar(html);
    },
  };
  return host;
}

export type SheetsHost = ReturnType<typeof createSheetsHost>;
