/// <reference types="office-js" />
/**
 * The Excel side of the pane: the only file of the add-in that calls `Excel.run` or touches an
 * Office.js object. It implements the pane's PaneHost (#core) over the workbook.
 *
 * Speed rules, because every `context.sync()` is a round trip to Excel (a network one in Excel on
 * the web):
 * - ranges are read and written as whole 2D arrays, never cell by cell;
 * - reading for Check and Submit is two syncs (sheet names, then the metadata and the entry and
 *   summary sheets' used ranges — values, formulas and number formats — in one load) and marking
 *   the cells is two more (the previous marks, then every border change at once) — the same four
 *   whatever the number of rows;
 * - writing a template is planned first as a list of commands with an estimated request size (the
 *   JSON of their arguments plus a fixed overhead per command); the commands are queued in order
 *   and synced whenever the next one would take the request over REQUEST_BUDGET_BYTES (2 MB).
 *   Excel on the web refuses requests over 5 MB; the estimate over-counts, and the margin covers
 *   what it misses. Cell blocks are cut into chunks of about CHUNK_BYTES so that no single command
 *   is large. The pane yields to the browser between syncs, so it never freezes.
 *
 * Writing rules:
 * - formulas are written through `range.formulas`, everything else through `range.values`;
 * - Excel turns a string that starts with "=", "+", "-" or "@" into a formula, and one that reads
 *   as a number or a date into a number, when it is written as a value; such cells get the text
 *   number format "@" before their value is written, so that text from the plan stays text;
 * - `null` in a 2D array leaves a cell unchanged, so one array carries a block's values and skips
 *   its formula cells, which the next array fills.
 *
 * Marks on cells (findings) are borders — red for errors, amber for warnings — and are restored to
 * the template's thin grey border on the next check. Where they are is kept in the workbook's
 * add-in settings (`workbook.settings`), so a check made after reopening the file still clears
 * the marks of the previous one. Nothing else is stored in the workbook; the token never is.
 *
 * ExcelApi 1.8 is the manifest's minimum: data validation (1.8), conditional formats (1.6) and
 * frozen panes (1.7) are all within it and still guarded; page layout (1.9) and indentation (1.9)
 * are used only where `isSetSupported` says so.
 */
import {
  AMOUNT_FORMAT,
  type CellMark,
  type CellValue,
  CONDITIONAL_LOOKS,
  type ConditionalFormatSpec,
  columnLetter,
  type Grid,
  headerFooterSection,
  isFormula,
  type Look,
  type NumberFix,
  type PaneHost,
  type PrintSpec,
  type Progress,
  parseRange,
  type Rect,
  rangeA1,
  readTemplateMeta,
  SHEET_NAMES,
  type SheetContent,
  type SheetSpec,
  type SpecCell,
  STYLE_LOOKS,
  type ValidationSpec,
  type WorkbookReading,
  type WorkbookSpec,
} from '#core';

/** Largest estimated request per sync; see the header. */
export const REQUEST_BUDGET_BYTES = 2 * 1024 * 1024;
/** Target size of one block of cells written by one command. */
export const CHUNK_BYTES = 256 * 1024;
/**
 * Estimated bytes beyond the arguments: each step creates its own object paths (the sheet, the
 * range, its format…, about 100 bytes each in Office.js's request JSON) and each command is an
 * action of about 100 bytes. Rounded up, so that the estimate stays above the real request.
 */
const STEP_OVERHEAD = 400;
const COMMAND_OVERHEAD = 150;
/** Where the marks of the last check are remembered (workbook.settings key). */
export const MARKS_SETTING = 'pac.marks';
/**
 * More marks than this are not drawn (errors first); the pane still lists every finding. Marking
 * and restoring this many cells is about 12,000 commands, a request well under the 5 MB limit.
 */
export const MAX_MARKS = 500;

const FONT = 'Calibri';
const BORDER_COLOR = '#BFBFBF';
const MARK_COLOR = { error: '#C00000', warning: '#BF8F00' } as const;
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
/** What the template's protection allows: resizing rows and columns, nothing that moves cells. */
const PROTECTION: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true };

export interface ExcelHostOptions {
  budgetBytes?: number;
  chunkBytes?: number;
  /** Lets the browser paint between syncs; tests may pass a no-op. */
  yieldToUi?: () => Promise<void>;
}

/** The pane's host plus what the task pane's start-up needs to know about Excel itself. */
export interface ExcelHost extends PaneHost {
  /** True when the ExcelApi requirement set is at least `version`. */
  supports(version: string): boolean;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Office.js globals are looked up at call time: tests install a fake before calling. */
function excel(): typeof Excel {
  return (globalThis as unknown as { Excel: typeof Excel }).Excel;
}

function office(): typeof Office | undefined {
  return (globalThis as unknown as { Office?: typeof Office }).Office;
}

/**
 * Resolves once Office.js is ready; at once outside Office (a page opened in a plain browser shows
 * the pane, whose workbook actions then say that Excel is missing).
 */
export async function officeReady(): Promise<{ inExcel: boolean }> {
  const o = office();
  if (!o?.onReady) return { inExcel: false };
  const info = await o.onReady();
  return { inExcel: info?.host === o.HostType?.Excel || info?.host === ('Excel' as unknown) };
}

export function isSetSupported(version: string): boolean {
  return office()?.context?.requirements?.isSetSupported('ExcelApi', version) ?? false;
}

// --- Estimating and batching ----------------------------------------------------------------------

/** Estimated request bytes of `commands` queued commands carrying `args` between them. */
const bytesOf = (args: unknown, commands = 1) =>
  JSON.stringify(args ?? null).length + STEP_OVERHEAD + commands * COMMAND_OVERHEAD;

interface Step {
  bytes: number;
  queue: (ctx: Excel.RequestContext) => void;
}

/** Runs steps in order, syncing whenever the next step would take the request over the budget. */
async function runSteps(
  ctx: Excel.RequestContext,
  steps: readonly Step[],
  budget: number,
  yieldToUi: () => Promise<void>,
  progress?: Progress,
): Promise<void> {
  const total = steps.reduce((n, s) => n + s.bytes, 0);
  let done = 0;
  let pending = 0;
  const flush = async () => {
    await ctx.sync();
    done += pending;
    pending = 0;
    progress?.(done, total);
    await yieldToUi();
  };
  for (const step of steps) {
    if (pending > 0 && pending + step.bytes > budget) await flush();
    step.queue(ctx);
    pending += step.bytes;
  }
  if (pending > 0) await flush();
}

// --- Cells ----------------------------------------------------------------------------------------

const NUMBER_LIKE = /^\s*[-+]?[\d\s.,:/]*\d[\d\s.,:/%]*(e[-+]?\d+)?\s*$/i;

/** A string Excel would not keep as the same text if written as a value (see the header). */
export function needsTextFormat(text: string): boolean {
  return /^[=+\-@]/.test(text) || NUMBER_LIKE.test(text) || /^\s*(true|false|vrai|faux)\s*$/i.test(text);
}

function rectOf(range: string, sheet: string): Rect {
  const r = parseRange(range);
  if (!r) throw new Error(`Invalid range "${range}" in the spec of sheet "${sheet}"`);
  return r;
}

/** Rows [from, to) of the spec's cells as the three arrays written for them. */
function cellBlock(spec: SheetSpec, from: number, to: number, width: number) {
  const formats = spec.numberFormats.map((n) => ({ rect: rectOf(n.range, spec.name), format: n.format }));
  const values: (CellValue | null)[][] = [];
  const numberFormat: (string | null)[][] = [];
  let hasFormat = false;
  let formulaLeft = Number.POSITIVE_INFINITY;
  let formulaRight = -1;
  for (let r = from; r < to; r++) {
    const row = spec.cells[r] ?? [];
    const vs: (CellValue | null)[] = new Array(width).fill(null);
    const nf: (string | null)[] = new Array(width).fill(null);
    for (let c = 0; c < width; c++) {
      const cell: SpecCell | undefined = row[c];
      const row1 = r + 1;
      for (const f of formats) {
        if (row1 >= f.rect.top && row1 <= f.rect.bottom && c >= f.rect.left && c <= f.rect.right) {
          nf[c] = f.format;
          hasFormat = true;
        }
      }
      if (cell === undefined || cell === null) continue;
      if (isFormula(cell)) {
        formulaLeft = Math.min(formulaLeft, c);
        formulaRight = Math.max(formulaRight, c);
        continue;
      }
      if (typeof cell === 'string' && needsTextFormat(cell)) {
        nf[c] = '@';
        hasFormat = true;
      }
      vs[c] = cell;
    }
    values.push(vs);
    numberFormat.push(nf);
  }
  let formulas: (string | null)[][] | null = null;
  if (formulaRight >= 0) {
    formulas = [];
    for (let r = from; r < to; r++) {
      const row = spec.cells[r] ?? [];
      const fs: (string | null)[] = [];
      for (let c = formulaLeft; c <= formulaRight; c++) {
        const cell = row[c];
        fs.push(cell !== undefined && cell !== null && isFormula(cell) ? `=${cell.formula}` : null);
      }
      formulas.push(fs);
    }
  }
  return {
    values,
    numberFormat: hasFormat ? numberFormat : null,
    formulas,
    formulaLeft,
    formulaRight,
  };
}

// --- Looks ----------------------------------------------------------------------------------------

const hex = (rgb: string) => `#${rgb.toUpperCase()}`;
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/** Commands that give a range a look, as ExcelJS gives a cell the same look in the .xlsx file. */
function lookSteps(sheet: string, range: string, look: Look, indent: boolean): Step[] {
  const steps: Step[] = [];
  const on = (args: unknown, f: (r: Excel.Range) => void, commands = 1) =>
    steps.push({
      bytes: bytesOf([sheet, range, args], commands),
      queue: (ctx) => f(rangeIn(ctx, sheet, range)),
    });
  const f = look.font;
  on(
    ['font', FONT, f?.size ?? 11],
    (r) => {
      r.format.font.name = FONT;
      r.format.font.size = f?.size ?? 11;
    },
    2,
  );
  if (f?.bold) on('bold', (r) => (r.format.font.bold = true));
  if (f?.italic) on('italic', (r) => (r.format.font.italic = true));
  if (f?.color) on(f.color, (r) => (r.format.font.color = hex(f.color as string)));
  if (look.fill) on(look.fill, (r) => (r.format.fill.color = hex(look.fill as string)));
  if (look.border) {
    const rect = parseRange(range);
    const edges: string[] = [...EDGES];
    if (rect && rect.right > rect.left) edges.push('InsideVertical');
    if (rect && rect.bottom > rect.top) edges.push('InsideHorizontal');
    on(
      ['borders', edges],
      (r) => {
        for (const e of edges) {
          const b = r.format.borders.getItem(e as Excel.BorderIndex);
          b.style = 'Continuous';
          b.color = BORDER_COLOR;
        }
      },
      edges.length * 3,
    );
  }
  const a = look.align;
  if (a?.horizontal)
    on(a.horizontal, (r) => (r.format.horizontalAlignment = H_ALIGN[a.horizontal ?? 'left']));
  if (a?.vertical) on(a.vertical, (r) => (r.format.verticalAlignment = V_ALIGN[a.vertical ?? 'top']));
  if (a?.wrap) on('wrap', (r) => (r.format.wrapText = true));
  if (a?.indent && indent) on(a.indent, (r) => (r.format.indentLevel = a.indent ?? 0));
  return steps;
}

function rangeIn(ctx: Excel.RequestContext, sheet: string, range?: string): Excel.Range {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  return range === undefined ? ws.getRange() : ws.getRange(range);
}

// --- Writing a template ---------------------------------------------------------------------------

/** Excel column width in points from a width in characters (7 px per character plus padding). */
export function columnPoints(chars: number): number {
  return Math.round((Math.trunc(chars * 7 + 5) * 3) / 4);
}

function validationRule(v: ValidationSpec): Excel.DataValidationRule {
  if (v.kind === 'decimal') {
    return { decimal: { formula1: v.min ?? 0, operator: 'GreaterThanOrEqualTo' } };
  }
  const source = v.source !== undefined ? `=${v.source}` : (v.values ?? []).join(',');
  return { list: { inCellDropDown: true, source } };
}

function conditionalSteps(sheet: string, cf: ConditionalFormatSpec): Step[] {
  const look = CONDITIONAL_LOOKS[cf.style];
  return [
    {
      bytes: bytesOf([sheet, cf], 4),
      queue: (ctx) => {
        const format = rangeIn(ctx, sheet, cf.range).conditionalFormats.add('Custom');
        format.custom.rule.formula = `=${cf.formula}`;
        if (look.fill) format.custom.format.fill.color = hex(look.fill);
        if (look.font?.color) format.custom.format.font.color = hex(look.font.color);
      },
    },
  ];
}

/** Consecutive rows with the same height as one range ("6:9"), so heights cost few commands. */
function heightRuns(heights: Record<number, number>): { from: number; to: number; height: number }[] {
  const rows = Object.keys(heights)
    .map(Number)
    .sort((a, b) => a - b);
  const out: { from: number; to: number; height: number }[] = [];
  for (const row of rows) {
    const h = heights[row] as number;
    const last = out[out.length - 1];
    if (last && last.to === row - 1 && last.height === h) last.to = row;
    else out.push({ from: row, to: row, height: h });
  }
  return out;
}

interface Features {
  validation: boolean;
  conditional: boolean;
  freeze: boolean;
  pageLayout: boolean;
  indent: boolean;
}

/** Every command that writes one sheet of the spec, in order, on a sheet that is new or cleared. */
function sheetSteps(spec: SheetSpec, features: Features, chunkBytes: number): Step[] {
  const name = spec.name;
  const steps: Step[] = [];
  const push = (args: unknown, queue: (ctx: Excel.RequestContext) => void, commands = 1) =>
    steps.push({ bytes: bytesOf([name, args], commands), queue });
  const ws = (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem(name);

  spec.columns.forEach((c, i) => {
    const letter = columnLetter(i);
    push(
      [letter, c],
      (ctx) => {
        const col = ws(ctx).getRange(`${letter}:${letter}`);
        col.format.columnWidth = columnPoints(c.width);
        if (c.hidden) col.columnHidden = true;
      },
      2,
    );
  });

  // Cells, in blocks of about chunkBytes: number formats first (text cells must be "@" before
  // their value arrives), then values, then formulas.
  const width = spec.cells.reduce((w, row) => Math.max(w, row.length), 0);
  let from = 0;
  while (width > 0 && from < spec.cells.length) {
    let to = from;
    let size = 0;
    while (to < spec.cells.length && (to === from || size < chunkBytes)) {
      size += JSON.stringify(spec.cells[to] ?? []).length + width * 5;
      to++;
    }
    const block = cellBlock(spec, from, to, width);
    const area = rangeA1({ top: from + 1, bottom: to, left: 0, right: width - 1 });
    if (block.numberFormat) {
      const nf = block.numberFormat;
      push(nf, (ctx) => {
        ws(ctx).getRange(area).numberFormat = nf;
      });
    }
    const values = block.values;
    push(values, (ctx) => {
      ws(ctx).getRange(area).values = values as unknown[][];
    });
    if (block.formulas) {
      const formulas = block.formulas;
      const formulaArea = rangeA1({
        top: from + 1,
        bottom: to,
        left: block.formulaLeft,
        right: block.formulaRight,
      });
      push(formulas, (ctx) => {
        ws(ctx).getRange(formulaArea).formulas = formulas as unknown[][];
      });
    }
    from = to;
  }

  for (const m of spec.merges) push(['merge', m], (ctx) => ws(ctx).getRange(m).merge(false));
  for (const s of spec.styles) steps.push(...lookSteps(name, s.range, STYLE_LOOKS[s.style], features.indent));
  for (const run of heightRuns(spec.rowHeights ?? {})) {
    push(run, (ctx) => {
      ws(ctx).getRange(`${run.from}:${run.to}`).format.rowHeight = run.height;
    });
  }
  for (const u of spec.unlocked) {
    push(['unlock', u], (ctx) => {
      ws(ctx).getRange(u).format.protection.locked = false;
    });
  }
  if (features.validation) {
    for (const v of spec.validations) {
      push(
        v,
        (ctx) => {
          const dv = ws(ctx).getRange(v.range).dataValidation;
          dv.rule = validationRule(v);
          dv.ignoreBlanks = true;
          dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
          dv.errorAlert = { showAlert: true, style: 'Stop', title: v.error.title, message: v.error.message };
        },
        4,
      );
    }
  }
  if (features.conditional)
    for (const cf of spec.conditionalFormats) steps.push(...conditionalSteps(name, cf));
  if (spec.freeze && features.freeze) {
    const { rows, columns } = spec.freeze;
    push(['freeze', rows, columns], (ctx) => {
      const panes = ws(ctx).freezePanes;
      if (rows > 0 && columns > 0)
        panes.freezeAt(rangeA1({ top: 1, left: 0, bottom: rows, right: columns - 1 }));
      else if (rows > 0) panes.freezeRows(rows);
      else if (columns > 0) panes.freezeColumns(columns);
    });
  }
  if (spec.print && features.pageLayout) {
    const p = spec.print;
    push(['print', p], (ctx) => pageLayoutSteps(ws(ctx).pageLayout, p), 12);
  }
  if (spec.protect) push('protect', (ctx) => ws(ctx).protection.protect(PROTECTION));
  return steps;
}

/**
 * The spec's print setup through ExcelApi 1.9's pageLayout: A4, orientation, fit to pages, title
 * rows and columns, page order, and the page header and footer in Excel's codes (the same text the
 * .xlsx renderer writes, from headerFooterSection).
 */
function pageLayoutSteps(layout: Excel.PageLayout, p: PrintSpec): void {
  layout.orientation = p.landscape ? 'Landscape' : 'Portrait';
  layout.paperSize = 'A4';
  if (p.fitToWidth) {
    // No verticalFitToPages: as many pages tall as needed.
    layout.zoom = {
      horizontalFitToPages: p.pagesWide ?? 1,
      ...(p.pagesTall ? { verticalFitToPages: p.pagesTall } : {}),
    };
  }
  if (p.repeatRows) layout.setPrintTitleRows(`$${p.repeatRows.from}:$${p.repeatRows.to}`);
  if (p.repeatColumns) {
    const { from, to } = p.repeatColumns;
    layout.setPrintTitleColumns(`$${columnLetter(from)}:$${columnLetter(to)}`);
  }
  if (p.overThenDown) layout.printOrder = 'OverThenDown';
  const hf = layout.headersFooters.defaultForAllPages;
  if (p.header) {
    hf.leftHeader = headerFooterSection(p.header.left);
    hf.centerHeader = headerFooterSection(p.header.center);
    hf.rightHeader = headerFooterSection(p.header.right);
  }
  if (p.footer) {
    hf.leftFooter = headerFooterSection(p.footer.left);
    hf.centerFooter = headerFooterSection(p.footer.center);
    hf.rightFooter = headerFooterSection(p.footer.right);
  }
}

/** Clears a sheet the template is about to be written into: content, looks, rules, merges, panes. */
function resetSteps(name: string, features: Features): Step[] {
  return [
    {
      bytes: bytesOf([name, 'reset'], 11),
      queue: (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(name);
        ws.protection.unprotect();
        ws.visibility = 'Visible';
        const all = ws.getRange();
        all.unmerge();
        if (features.conditional) all.conditionalFormats.clearAll();
        if (features.validation) all.dataValidation.clear();
        all.clear('All');
        all.columnHidden = false;
        all.format.useStandardHeight = true;
        all.format.useStandardWidth = true;
        if (features.freeze) ws.freezePanes.unfreeze();
      },
    },
  ];
}

// --- Reading --------------------------------------------------------------------------------------

/** A used range's values as a Grid whose rows[0][0] is A1, whatever cell the used range starts at. */
function gridOf(sheet: string, range: Excel.Range | null): Grid {
  if (!range || range.isNullObject) return { sheet, rows: [] };
  const rows: CellValue[][] = [];
  for (let i = 0; i < range.rowIndex; i++) rows.push([]);
  const pad: CellValue[] = new Array(range.columnIndex).fill(null);
  for (const row of range.values as CellValue[][]) rows.push(range.columnIndex > 0 ? [...pad, ...row] : row);
  return { sheet, rows };
}

/** A number format that shows a date or a time ("dd/mm/yyyy", "[$-40C]d mmmm yyyy", "h:mm"). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare);
}

/**
 * A date as the other hosts hand it over ("2021-03-01"): Excel gives the serial number of a date
 * cell, ExcelJS and Apps Script a date, so PAC reads a date typed into an amount cell as the text
 * it shows, and reports it, wherever it is checked.
 */
function dateText(serial: number): string {
  const iso = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000)).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/**
 * A used range as the core's SheetContent: values with formula cells left empty (their cached
 * results are never read as values) and formulas set apart; date cells as their date's text when
 * the number formats were loaded. A cell whose formula text differs from its value holds a formula.
 */
function contentOf(sheet: string, range: Excel.Range, withFormats = false): SheetContent {
  const grid = gridOf(sheet, range);
  const formulas = new Map<number, Map<number, string>>();
  if (range.isNullObject) return { grid, formulas };
  const values = range.values as CellValue[][];
  const formats = withFormats ? (range.numberFormat as unknown[][]) : null;
  (range.formulas as CellValue[][]).forEach((row, i) => {
    const row1 = range.rowIndex + i + 1;
    row.forEach((f, j) => {
      const col = range.columnIndex + j;
      const gridRow = grid.rows[row1 - 1];
      const value = values[i]?.[j];
      if (typeof f !== 'string' || !f.startsWith('=') || value === f) {
        if (gridRow && typeof value === 'number' && isDateFormat(formats?.[i]?.[j]))
          gridRow[col] = dateText(value);
        return;
      }
      let cols = formulas.get(row1);
      if (!cols) {
        cols = new Map();
        formulas.set(row1, cols);
      }
      cols.set(col, f.slice(1));
      if (gridRow) gridRow[col] = null;
    });
  });
  return { grid, formulas };
}

// --- Marks ----------------------------------------------------------------------------------------

/** Marks merged into vertical runs per sheet, column and severity, errors first, capped at MAX_MARKS. */
export function mergeMarks(marks: readonly CellMark[]): CellMark[] {
  const cells = new Map<
    string,
    { sheet: string; col: number; row: number; bottom: number; right: number; severity: CellMark['severity'] }
  >();
  const ranges: CellMark[] = [];
  for (const m of marks) {
    const r = parseRange(m.range);
    if (!r) continue;
    if (r.top !== r.bottom || r.left !== r.right) {
      ranges.push({ ...m, range: rangeA1(r) });
      continue;
    }
    const key = `${m.sheet}\u0000${r.left}\u0000${r.top}`;
    const seen = cells.get(key);
    // An error and a warning on one cell: the error's colour wins.
    if (!seen || (seen.severity === 'warning' && m.severity === 'error')) {
      cells.set(key, {
        sheet: m.sheet,
        col: r.left,
        row: r.top,
        bottom: r.top,
        right: r.left,
        severity: m.severity,
      });
    }
  }
  const sorted = [...cells.values()].sort(
    (a, b) => a.sheet.localeCompare(b.sheet) || a.col - b.col || a.row - b.row,
  );
  const runs: CellMark[] = [];
  let open: {
    sheet: string;
    col: number;
    top: number;
    bottom: number;
    severity: CellMark['severity'];
  } | null = null;
  const close = () => {
    if (open)
      runs.push({
        sheet: open.sheet,
        severity: open.severity,
        range: rangeA1({ top: open.top, bottom: open.bottom, left: open.col, right: open.col }),
      });
  };
  for (const c of sorted) {
    if (
      open &&
      open.sheet === c.sheet &&
      open.col === c.col &&
      open.severity === c.severity &&
      open.bottom === c.row - 1
    ) {
      open.bottom = c.row;
    } else {
      close();
      open = { sheet: c.sheet, col: c.col, top: c.row, bottom: c.row, severity: c.severity };
    }
  }
  close();
  const all = [...ranges, ...runs];
  return [...all.filter((m) => m.severity === 'error'), ...all.filter((m) => m.severity !== 'error')].slice(
    0,
    MAX_MARKS,
  );
}

function isStoredMarks(value: unknown): value is CellMark[] {
  return (
    Array.isArray(value) &&
    value.every(
      (m) =>
        m !== null &&
        typeof m === 'object' &&
        typeof (m as CellMark).sheet === 'string' &&
        typeof (m as CellMark).range === 'string',
    )
  );
}

// --- The host -------------------------------------------------------------------------------------

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const budget = options.budgetBytes ?? REQUEST_BUDGET_BYTES;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const yieldToUi = options.yieldToUi ?? defaultYield;
  const features = (): Features => ({
    validation: isSetSupported('1.8'),
    conditional: isSetSupported('1.6'),
    freeze: isSetSupported('1.7'),
    pageLayout: isSetSupported('1.9'),
    indent: isSetSupported('1.9'),
  });

  const loadSheets = async (ctx: Excel.RequestContext) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await ctx.sync();
    return sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
  };

  return {
    supports: isSetSupported,

    readWorkbook(): Promise<WorkbookReading> {
      return excel().run(async (ctx) => {
        const names = (await loadSheets(ctx)).map((s) => s.name);
        const metaName = SHEET_NAMES.meta.fr;
        if (!names.includes(metaName)) return { kind: 'other', sheets: names };
        const sheets = ctx.workbook.worksheets;
        const meta = sheets.getItem(metaName).getUsedRangeOrNullObject(true).load('values');
        // Both languages' sheets, loaded at once: which one is the template's is known only after
        // the metadata arrives, and a second exchange would cost more than the unused one.
        const load = (pair: { fr: string; en: string }) =>
          [pair.fr, pair.en]
            .filter((n) => names.includes(n))
            .map((n) => ({
              name: n,
              range: sheets
                .getItem(n)
                .getUsedRangeOrNullObject(true)
                .load('values,formulas,numberFormat,rowIndex,columnIndex'),
            }));
        const entries = load(SHEET_NAMES.entry);
        const summaries = load(SHEET_NAMES.summary);
        await ctx.sync();
        const m = readTemplateMeta(meta.isNullObject ? [] : (meta.values as CellValue[][]));
        if (!m) return { kind: 'other', sheets: names };
        const pick = (loaded: typeof entries, pair: { fr: string; en: string }) =>
          loaded.find((e) => e.name === pair[m.lang]) ?? loaded[0];
        const entry = pick(entries, SHEET_NAMES.entry);
        const summary = pick(summaries, SHEET_NAMES.summary);
        if (!entry) return { kind: 'other', sheets: names };
        return {
          kind: 'template',
          meta: m,
          entry: contentOf(entry.name, entry.range, true),
          summary: summary ? contentOf(summary.name, summary.range, true) : null,
          sheets: names,
        };
      });
    },

    readSheet(name: string): Promise<Grid | null> {
      return excel().run(async (ctx) => {
        const names = (await loadSheets(ctx)).map((s) => s.name);
        if (!names.includes(name)) return null;
        const range = ctx.workbook.worksheets
          .getItem(name)
          .getUsedRangeOrNullObject(true)
          .load('values,rowIndex,columnIndex');
        await ctx.sync();
        return gridOf(name, range);
      });
    },

    readSheetsForImport(progress?: Progress): Promise<SheetContent[]> {
      return excel().run(async (ctx) => {
        const visible = (await loadSheets(ctx)).filter((s) => s.visible);
        const out: SheetContent[] = [];
        // One sync per sheet: a legacy workbook's sheets can be large, and each response must
        // stay under Excel on the web's 5 MB limit.
        for (const [i, s] of visible.entries()) {
          const range = ctx.workbook.worksheets
            .getItem(s.name)
            .getUsedRangeOrNullObject(true)
            .load('values,formulas,rowIndex,columnIndex');
          await ctx.sync();
          out.push(contentOf(s.name, range));
          progress?.(i + 1, visible.length);
          await yieldToUi();
        }
        return out;
      });
    },

    writeWorkbook(spec: WorkbookSpec, progress?: Progress): Promise<void> {
      return excel().run(async (ctx) => {
        const f = features();
        const existing = new Set((await loadSheets(ctx)).map((s) => s.name));
        const steps: Step[] = [];
        for (const sheet of spec.sheets) {
          if (existing.has(sheet.name)) steps.push(...resetSteps(sheet.name, f));
          else {
            steps.push({
              bytes: bytesOf(['add', sheet.name]),
              queue: (c) => {
                c.workbook.worksheets.add(sheet.name);
              },
            });
          }
        }
        for (const sheet of spec.sheets) steps.push(...sheetSteps(sheet, f, chunkBytes));
        // Marks of an earlier check pointed at cells that no longer exist as they were.
        steps.push({
          bytes: bytesOf(['marks', []]),
          queue: (c) => {
            c.workbook.settings.add(MARKS_SETTING, []);
          },
        });
        // The entry sheet is shown before any sheet is hidden: Excel will not hide the active one.
        const entry =
          spec.sheets.find((s) => s.key === 'entry') ?? spec.sheets.find((s) => s.state === 'visible');
        if (entry) {
          steps.push({
            bytes: bytesOf(['activate', entry.name]),
            queue: (c) => {
              const ws = c.workbook.worksheets.getItem(entry.name);
              ws.activate();
              ws.getRange('A1').select();
            },
          });
        }
        for (const sheet of spec.sheets) {
          if (sheet.state === 'visible') continue;
          const visibility = sheet.state === 'veryHidden' ? 'VeryHidden' : 'Hidden';
          steps.push({
            bytes: bytesOf([sheet.name, visibility]),
            queue: (c) => {
              c.workbook.worksheets.getItem(sheet.name).visibility = visibility;
            },
          });
        }
        await runSteps(ctx, steps, budget, yieldToUi, progress);
      });
    },

    writeNumbers(cells: readonly NumberFix[]): Promise<void> {
      return excel().run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/protection/protected');
        await ctx.sync();
        const protectedSheets = new Set(
          sheets.items.filter((s) => s.protection.protected).map((s) => s.name),
        );
        const touched = [...new Set(cells.map((c) => c.sheet))];
        // Input cells are unlocked, but a protected sheet refuses a new number format.
        for (const name of touched)
          if (protectedSheets.has(name)) sheets.getItem(name).protection.unprotect();
        for (const c of cells) {
          const range = sheets.getItem(c.sheet).getRange(c.cell);
          range.numberFormat = [[AMOUNT_FORMAT]];
          range.values = [[c.value]];
        }
        for (const name of touched)
          if (protectedSheets.has(name)) sheets.getItem(name).protection.protect(PROTECTION);
        await ctx.sync();
      });
    },

    markCells(marks: readonly CellMark[]): Promise<void> {
      return excel().run(async (ctx) => {
        const stored = ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).load('value');
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/protection/protected');
        await ctx.sync();
        const previous = !stored.isNullObject && isStoredMarks(stored.value) ? stored.value : [];
        const protectedSheets = new Set(
          sheets.items.filter((s) => s.protection.protected).map((s) => s.name),
        );
        const exists = new Set(sheets.items.map((s) => s.name));
        const next = mergeMarks(marks).filter((m) => exists.has(m.sheet));
        const touched = new Set([...previous, ...next].map((m) => m.sheet).filter((s) => exists.has(s)));
        for (const name of touched)
          if (protectedSheets.has(name)) sheets.getItem(name).protection.unprotect();
        const borders = (m: CellMark, color: string, weight: 'Thin' | 'Thick') => {
          const range = sheets.getItem(m.sheet).getRange(m.range);
          for (const e of EDGES) {
            const b = range.format.borders.getItem(e);
            b.style = 'Continuous';
            b.color = color;
            b.weight = weight;
          }
        };
        for (const m of previous) if (exists.has(m.sheet)) borders(m, BORDER_COLOR, 'Thin');
        for (const m of next) borders(m, MARK_COLOR[m.severity], 'Thick');
        for (const name of touched)
          if (protectedSheets.has(name)) sheets.getItem(name).protection.protect(PROTECTION);
        ctx.workbook.settings.add(MARKS_SETTING, next);
        await ctx.sync();
      });
    },

    selectCell(sheet: string, range: string): Promise<void> {
      return excel().run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(range).select();
        await ctx.sync();
      });
    },
  };
}
