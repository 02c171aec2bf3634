/// <reference types="office-js" />
/**
 * The Excel side of the pane: the only file of the add-in that calls `Excel.run` or touches an
 * Office.js object. It implements the pane's PaneHost (#core) over the workbook.
 *
 * Speed rules, because every `context.sync()` is a round trip to Excel (a network one in Excel on
 * the web), and Excel on the web refuses a request or a response over 5 MB:
 * - ranges are read and written as whole 2D arrays, never cell by cell;
 * - Check and Submit cost three syncs whatever the number of rows: reading is two (the sheet names
 *   with their protection and the marks of the last check, then the metadata and the entry and
 *   summary sheets — values, formulas and number formats — in one load) and marking is one, which
 *   uses what the reading just learnt and checks it in the same request (see `markFromReading`).
 *   An entry sheet too large for one response is read in blocks of rows, one sync each (see
 *   READ_BLOCK_ROWS and `readSheetContent`);
 * - writing a template is planned first as a list of steps whose request bytes are computed as
 *   Office.js will send them (./request-size.ts); the steps are queued in order and synced whenever
 *   the next one would take the request over REQUEST_BUDGET_BYTES, just under the limit. Looks,
 *   locks and validation are given to whole bands of rows and columns, and only the rows that
 *   differ are painted again (./write-plan.ts); number formats go to whole column ranges; so a
 *   set-up costs the fewest syncs its bytes allow. The pane yields to the browser between syncs.
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
  columnPoints,
  GRID_BORDER,
  type Grid,
  headerFooterSection,
  isFormula,
  type Look,
  markedCells,
  type NumberFix,
  type PaneHost,
  type PrintSpec,
  type Progress,
  type Rect,
  rangeA1,
  readTemplateMeta,
  SHEET_NAMES,
  type SheetContent,
  type SheetSpec,
  type SpecCell,
  STYLE_LOOKS,
  specRect,
  TEMPLATE_FONT,
  type ValidationSpec,
  type WorkbookReading,
  type WorkbookSpec,
} from '#core';
import {
  callBytes,
  jsonBytes,
  methodPathBytes,
  propertyPathBytes,
  REQUEST_ENVELOPE_BYTES,
  REQUEST_LIMIT_BYTES,
  setBytes,
  sheetPathBytes,
} from './request-size.ts';
import { type CellStates, type Paint, paintStates, planPaints, type State } from './write-plan.ts';

/**
 * Largest request per sync: 4% under the limit. The estimate already counts every piece Office.js
 * sends, with ids longer than a request needs; the margin is for what it cannot see: Office.js
 * adding a field in a later version, a transport counting the body another way.
 */
export const REQUEST_BUDGET_BYTES = REQUEST_LIMIT_BYTES - 200_000;
/** Largest response a read asks for, with the same margin: Excel's JSON of values is not ours. */
export const RESPONSE_BUDGET_BYTES = REQUEST_LIMIT_BYTES - 200_000;
/** Target size of one block of cells written by one command: small, so that requests fill up. */
export const CHUNK_BYTES = 64 * 1024;
/**
 * Rows of each sheet read with the metadata, in the one read of Check: 6,000 rows hold 5,400
 * activities with their result and objective rows. A row weighs about 550 bytes with short titles
 * (3.3 MB in all) and 820 with the shipped plan's (4.9 MB: over the budget, still under the limit;
 * heavier rows get the read refused, and it is made again with a quarter of the rows, one sync
 * more). A longer sheet is read on
 * in blocks sized by what its first block weighed, one sync each.
 */
export const READ_BLOCK_ROWS = 6_000;
/** Where the marks of the last check are remembered (workbook.settings key). */
export const MARKS_SETTING = 'pac.marks';
const FONT = TEMPLATE_FONT;
const BORDER_COLOR = `#${GRID_BORDER}`;
const MARK_COLOR = { error: '#C00000', warning: '#BF8F00' } as const;
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;
/** What the template's protection allows: resizing rows and columns, nothing that moves cells. */
const PROTECTION: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true };

export interface ExcelHostOptions {
  budgetBytes?: number;
  chunkBytes?: number;
  /** Rows read with the metadata before reading on in blocks (tests make it small). */
  readBlockRows?: number;
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

// --- Steps and requests ---------------------------------------------------------------------------

/**
 * A piece of a write: its commands, queued on the sheet's proxy, and the bytes they add to a
 * request. The sheet's own path (workbook, worksheets, getItem) is counted once per request.
 */
interface Step {
  bytes: number;
  sheet?: string;
  queue: (ctx: Excel.RequestContext) => void;
}

/** One worksheet proxy per sheet and run: every step reaches its sheet through the same path. */
const sheetProxies = new WeakMap<Excel.RequestContext, Map<string, Excel.Worksheet>>();

function sheetIn(ctx: Excel.RequestContext, name: string): Excel.Worksheet {
  let proxies = sheetProxies.get(ctx);
  if (!proxies) {
    proxies = new Map();
    sheetProxies.set(ctx, proxies);
  }
  let ws = proxies.get(name);
  if (!ws) {
    ws = ctx.workbook.worksheets.getItem(name);
    proxies.set(name, ws);
  }
  return ws;
}

/** Bytes of a step whose commands are not itemised: each command counted as an action and a path. */
const roughBytes = (args: unknown, commands = 1) =>
  jsonBytes(args) + commands * (setBytes('', null) + methodPathBytes('getRange', ['A1:A1']));

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
  let request = REQUEST_ENVELOPE_BYTES;
  let sheets = new Set<string>();
  const flush = async () => {
    await ctx.sync();
    done += pending;
    pending = 0;
    request = REQUEST_ENVELOPE_BYTES;
    sheets = new Set();
    progress?.(done, total);
    await yieldToUi();
  };
  const cost = (step: Step) =>
    step.bytes + (step.sheet && !sheets.has(step.sheet) ? sheetPathBytes(step.sheet) : 0);
  for (const step of steps) {
    if (pending > 0 && request + cost(step) > budget) await flush();
    request += cost(step);
    if (step.sheet) sheets.add(step.sheet);
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

const rectOf = specRect;

/** Rows [from, to) of the spec's cells as the arrays written for them: values, then formulas. */
function cellBlock(spec: SheetSpec, from: number, to: number, width: number) {
  const values: (CellValue | null)[][] = [];
  let formulaLeft = Number.POSITIVE_INFINITY;
  let formulaRight = -1;
  for (let r = from; r < to; r++) {
    const row = spec.cells[r] ?? [];
    const vs: (CellValue | null)[] = new Array(width).fill(null);
    for (let c = 0; c < width; c++) {
      const cell: SpecCell | undefined = row[c];
      if (cell === undefined || cell === null) continue;
      if (isFormula(cell)) {
        formulaLeft = Math.min(formulaLeft, c);
        formulaRight = Math.max(formulaRight, c);
        continue;
      }
      vs[c] = cell;
    }
    values.push(vs);
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
  return { values, formulas, formulaLeft, formulaRight };
}

/** Rows a column array may skip before a new one is cheaper than the nulls between them. */
const TEXT_FORMAT_GAP = Math.ceil(methodPathBytes('getRange', ['A1:A1']) / 5);

/**
 * The text format "@" for every cell whose text needs it, column by column: one array of "@" and
 * nulls per stretch of a column, a new stretch where a long gap would cost more in nulls.
 */
function textFormatSteps(spec: SheetSpec, push: (bytes: number, queue: Step['queue']) => void): void {
  const columns = new Map<number, number[]>();
  spec.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (typeof cell !== 'string' || !needsTextFormat(cell)) return;
      let rows = columns.get(c);
      if (!rows) {
        rows = [];
        columns.set(c, rows);
      }
      rows.push(r + 1);
    });
  });
  for (const [col, rows] of columns) {
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      const prev = rows[i - 1] as number;
      const next = rows[i];
      if (next !== undefined && next - prev <= TEXT_FORMAT_GAP) continue;
      const top = rows[start] as number;
      const set = new Set(rows.slice(start, i));
      const formats = Array.from({ length: prev - top + 1 }, (_, k) => [set.has(top + k) ? '@' : null]);
      const area = rangeA1({ top, bottom: prev, left: col, right: col });
      push(methodPathBytes('getRange', [area]) + setBytes('numberFormat', formats), (ctx) => {
        sheetIn(ctx, spec.name).getRange(area).numberFormat = formats;
      });
      start = i;
    }
  }
}

// --- Looks, locks, validation ---------------------------------------------------------------------

const hex = (rgb: string) => `#${rgb.toUpperCase()}`;
const H_ALIGN: Record<string, 'Left' | 'Center' | 'Right'> = {
  left: 'Left',
  center: 'Center',
  right: 'Right',
};
const V_ALIGN: Record<string, 'Top' | 'Center' | 'Bottom'> = {
  top: 'Top',
  middle: 'Center',
  bottom: 'Bottom',
};

/** A look as cell properties, as the adapter gives them: font and size always, the rest when set. */
function lookState(look: Look, indent: boolean): State {
  const f = look.font;
  const a = look.align;
  const s: Record<string, string | number | boolean> = { fontName: FONT, size: f?.size ?? 11 };
  if (f?.bold) s.bold = true;
  if (f?.italic) s.italic = true;
  if (f?.color) s.color = f.color;
  if (look.fill) s.fill = look.fill;
  if (look.border) s.border = true;
  if (a?.horizontal) s.horizontal = a.horizontal;
  if (a?.vertical) s.vertical = a.vertical;
  if (a?.wrap) s.wrap = true;
  if (a?.indent && indent) s.indent = a.indent;
  return s;
}

/** Excel has no "automatic" to write back for a font, a size or a colour; the rest has a default. */
const RESETTABLE_LOOK = new Set([
  'bold',
  'italic',
  'fill',
  'border',
  'horizontal',
  'vertical',
  'wrap',
  'indent',
]);

/** The borders a range gets: its four edges, and the lines between its cells when it has several. */
function bordersOf(rect: Rect): string[] {
  const edges: string[] = [...EDGES];
  if (rect.right > rect.left) edges.push('InsideVertical');
  if (rect.bottom > rect.top) edges.push('InsideHorizontal');
  return edges;
}

/** Office.js's name of each look property set on a range's format or font. */
const LOOK_NAMES: Record<string, string> = {
  fontName: 'name',
  horizontal: 'horizontalAlignment',
  vertical: 'verticalAlignment',
  wrap: 'wrapText',
  indent: 'indentLevel',
};

/** A look property's value as Office.js takes it; null is the property's default. */
function excelValue(prop: string, value: string | number | boolean | null): string | number | boolean {
  switch (prop) {
    case 'horizontal':
      return H_ALIGN[String(value)] ?? 'General';
    case 'vertical':
      return V_ALIGN[String(value)] ?? 'Bottom';
    case 'color':
      return hex(String(value));
    case 'bold':
    case 'italic':
    case 'wrap':
      return value === true;
    case 'indent':
    case 'size':
      return Number(value ?? 0);
    default:
      return String(value);
  }
}

/** The commands that give one painted rectangle its look. */
function lookStep(sheet: string, paint: Paint): Step {
  const address = rangeA1(paint.rect);
  const set = Object.entries(paint.set);
  const font = new Set(['fontName', 'size', 'bold', 'italic', 'color']);
  const edges = bordersOf(paint.rect);
  let bytes = methodPathBytes('getRange', [address]) + propertyPathBytes('format');
  if (set.some(([p]) => font.has(p))) bytes += propertyPathBytes('font');
  for (const [prop, value] of set) {
    if (prop === 'fill')
      bytes +=
        propertyPathBytes('fill') + (value ? setBytes('color', hex(String(value))) : callBytes('clear'));
    else if (prop === 'border')
      bytes += edges.reduce(
        (n, e) =>
          n +
          methodPathBytes('', [e]) +
          setBytes('style', value ? 'Continuous' : 'None') +
          (value ? setBytes('color', BORDER_COLOR) : 0),
        propertyPathBytes('borders'),
      );
    else bytes += setBytes(LOOK_NAMES[prop] ?? prop, excelValue(prop, value));
  }
  return {
    bytes,
    sheet,
    queue: (ctx) => {
      const format = sheetIn(ctx, sheet).getRange(address).format;
      for (const [prop, value] of set) {
        const v = excelValue(prop, value);
        switch (prop) {
          case 'fontName':
            format.font.name = String(v);
            break;
          case 'size':
            format.font.size = Number(v);
            break;
          case 'bold':
            format.font.bold = v === true;
            break;
          case 'italic':
            format.font.italic = v === true;
            break;
          case 'color':
            format.font.color = String(v);
            break;
          case 'fill':
            if (value) format.fill.color = hex(String(value));
            else format.fill.clear();
            break;
          case 'border':
            for (const e of edges) {
              const b = format.borders.getItem(e as Excel.BorderIndex);
              b.style = value ? 'Continuous' : 'None';
              if (value) b.color = BORDER_COLOR;
            }
            break;
          case 'horizontal':
            format.horizontalAlignment = v as Excel.HorizontalAlignment;
            break;
          case 'vertical':
            format.verticalAlignment = v as Excel.VerticalAlignment;
            break;
          case 'wrap':
            format.wrapText = v === true;
            break;
          case 'indent':
            format.indentLevel = Number(v);
            break;
        }
      }
    },
  };
}

/** Cells of a sheet given a state by ranges, later ranges winning property by property. */
function statesOf(sheet: string, ranges: readonly { range: string; state: State }[]): CellStates {
  const grid: CellStates = new Map();
  for (const { range, state } of ranges) paintStates(grid, rectOf(range, sheet), state);
  return grid;
}

const stepsBytes = (steps: readonly Step[]) => steps.reduce((n, s) => n + s.bytes, 0);

function lookSteps(spec: SheetSpec, indent: boolean): Step[] {
  const grid = statesOf(
    spec.name,
    spec.styles.map((s) => ({ range: s.range, state: lookState(STYLE_LOOKS[s.style], indent) })),
  );
  const toSteps = (paints: readonly Paint[]) => paints.map((p) => lookStep(spec.name, p));
  return toSteps(
    planPaints(
      grid,
      (p) => RESETTABLE_LOOK.has(p),
      (paints) => stepsBytes(toSteps(paints)),
    ),
  );
}

function lockSteps(spec: SheetSpec): Step[] {
  const grid = statesOf(
    spec.name,
    spec.unlocked.map((range) => ({ range, state: { unlocked: true } })),
  );
  const toSteps = (paints: readonly Paint[]) =>
    paints.map((p): Step => {
      const address = rangeA1(p.rect);
      const locked = p.set.unlocked !== true;
      return {
        bytes:
          methodPathBytes('getRange', [address]) +
          propertyPathBytes('format') +
          propertyPathBytes('protection') +
          setBytes('locked', locked),
        sheet: spec.name,
        queue: (ctx) => {
          sheetIn(ctx, spec.name).getRange(address).format.protection.locked = locked;
        },
      };
    });
  return toSteps(
    planPaints(
      grid,
      () => true,
      (paints) => stepsBytes(toSteps(paints)),
    ),
  );
}

function validationRule(v: ValidationSpec): Excel.DataValidationRule {
  if (v.kind === 'decimal') {
    return { decimal: { formula1: v.min ?? 0, operator: 'GreaterThanOrEqualTo' } };
  }
  const source = v.source !== undefined ? `=${v.source}` : (v.values ?? []).join(',');
  return { list: { inCellDropDown: true, source } };
}

function validationSteps(spec: SheetSpec): Step[] {
  const rules: ValidationSpec[] = [];
  const ids = new Map<string, number>();
  const grid = statesOf(
    spec.name,
    spec.validations.map((v) => {
      const key = JSON.stringify({ ...v, range: '' });
      let id = ids.get(key);
      if (id === undefined) {
        id = rules.length;
        rules.push(v);
        ids.set(key, id);
      }
      return { range: v.range, state: { rule: id } };
    }),
  );
  const toSteps = (paints: readonly Paint[]) =>
    paints.map((p): Step => {
      const address = rangeA1(p.rect);
      const v = typeof p.set.rule === 'number' ? rules[p.set.rule] : undefined;
      const prompt = v && { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
      const errorAlert = v && {
        showAlert: true,
        style: 'Stop' as const,
        title: v.error.title,
        message: v.error.message,
      };
      // Cells that had another rule lose it first; on a fresh sheet there is nothing to clear.
      const clear = !v || p.over;
      return {
        bytes:
          methodPathBytes('getRange', [address]) +
          propertyPathBytes('dataValidation') +
          (clear ? callBytes('clear') : 0) +
          (v
            ? setBytes('rule', validationRule(v)) +
              setBytes('ignoreBlanks', true) +
              setBytes('prompt', prompt) +
              setBytes('errorAlert', errorAlert)
            : 0),
        sheet: spec.name,
        queue: (ctx) => {
          const dv = sheetIn(ctx, spec.name).getRange(address).dataValidation;
          if (clear) dv.clear();
          if (!v || !prompt || !errorAlert) return;
          dv.rule = validationRule(v);
          dv.ignoreBlanks = true;
          dv.prompt = prompt;
          dv.errorAlert = errorAlert;
        },
      };
    });
  return toSteps(
    planPaints(
      grid,
      () => true,
      (paints) => stepsBytes(toSteps(paints)),
    ),
  );
}

function conditionalSteps(sheet: string, cf: ConditionalFormatSpec): Step[] {
  const look = CONDITIONAL_LOOKS[cf.style];
  return [
    {
      bytes: roughBytes([sheet, cf], 4),
      sheet,
      queue: (ctx) => {
        const format = sheetIn(ctx, sheet).getRange(cf.range).conditionalFormats.add('Custom');
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

// --- Writing a template ---------------------------------------------------------------------------

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
    steps.push({ bytes: roughBytes([name, args], commands), sheet: name, queue });
  const pushSized = (bytes: number, queue: Step['queue']) => steps.push({ bytes, sheet: name, queue });
  const ws = (ctx: Excel.RequestContext) => sheetIn(ctx, name);

  // Columns side by side with the same width share one range ("B:D").
  for (let i = 0; i < spec.columns.length; ) {
    const c = spec.columns[i] as SheetSpec['columns'][number];
    let j = i + 1;
    while (
      j < spec.columns.length &&
      spec.columns[j]?.width === c.width &&
      !spec.columns[j]?.hidden === !c.hidden
    )
      j++;
    const address = `${columnLetter(i)}:${columnLetter(j - 1)}`;
    pushSized(
      methodPathBytes('getRange', [address]) +
        propertyPathBytes('format') +
        setBytes('columnWidth', columnPoints(c.width)) +
        (c.hidden ? setBytes('columnHidden', true) : 0),
      (ctx) => {
        const col = ws(ctx).getRange(address);
        col.format.columnWidth = columnPoints(c.width);
        if (c.hidden) col.columnHidden = true;
      },
    );
    i = j;
  }

  // Number formats before values (text cells must be "@" before their value arrives): each of the
  // spec's ranges as one format for the whole range, then "@" where text needs it.
  for (const nf of spec.numberFormats) {
    const format = [[nf.format]];
    pushSized(methodPathBytes('getRange', [nf.range]) + setBytes('numberFormat', format), (ctx) => {
      ws(ctx).getRange(nf.range).numberFormat = format;
    });
  }
  textFormatSteps(spec, pushSized);

  // Values, then formulas, in blocks of about chunkBytes so that requests fill up evenly.
  const width = spec.cells.reduce((w, row) => Math.max(w, row.length), 0);
  let from = 0;
  while (width > 0 && from < spec.cells.length) {
    let to = from;
    let size = 0;
    while (to < spec.cells.length && (to === from || size < chunkBytes)) {
      size += jsonBytes(spec.cells[to] ?? []) + width * 5;
      to++;
    }
    const block = cellBlock(spec, from, to, width);
    const area = rangeA1({ top: from + 1, bottom: to, left: 0, right: width - 1 });
    const values = block.values;
    pushSized(methodPathBytes('getRange', [area]) + setBytes('values', values), (ctx) => {
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
      pushSized(methodPathBytes('getRange', [formulaArea]) + setBytes('formulas', formulas), (ctx) => {
        ws(ctx).getRange(formulaArea).formulas = formulas as unknown[][];
      });
    }
    from = to;
  }

  for (const m of spec.merges)
    pushSized(methodPathBytes('getRange', [m]) + callBytes('merge', [false]), (ctx) =>
      ws(ctx).getRange(m).merge(false),
    );
  steps.push(...lookSteps(spec, features.indent));
  for (const run of heightRuns(spec.rowHeights ?? {})) {
    const rows = `${run.from}:${run.to}`;
    pushSized(
      methodPathBytes('getRange', [rows]) + propertyPathBytes('format') + setBytes('rowHeight', run.height),
      (ctx) => {
        ws(ctx).getRange(rows).format.rowHeight = run.height;
      },
    );
  }
  steps.push(...lockSteps(spec));
  if (features.validation) steps.push(...validationSteps(spec));
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
      bytes: roughBytes([name, 'reset'], 11),
      sheet: name,
      queue: (ctx) => {
        const ws = sheetIn(ctx, name);
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

/** Block contents read one after the other, as one: rows in place, formulas together. */
function joinContents(sheet: string, parts: readonly SheetContent[]): SheetContent {
  if (parts.length === 1 && parts[0]) return parts[0];
  const rows: CellValue[][] = [];
  const formulas = new Map<number, Map<number, string>>();
  for (const part of parts) {
    part.grid.rows.forEach((row, i) => {
      if (row.length > 0 || rows[i] === undefined) rows[i] = row;
    });
    for (const [row, cols] of part.formulas) formulas.set(row, cols);
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { grid: { sheet, rows }, formulas };
}

const READ_PROPS = 'values,formulas,numberFormat,rowIndex,columnIndex';

/** A sheet's first rows, and how far its used range goes, queued for the next sync. */
function queueSheetRead(ctx: Excel.RequestContext, name: string, rows: number) {
  const ws = sheetIn(ctx, name);
  return {
    name,
    extent: ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount'),
    first: ws.getRange(`1:${rows}`).getUsedRangeOrNullObject(true).load(READ_PROPS),
    rows,
  };
}

const isTooLarge = (error: unknown) =>
  (error as { code?: string } | null)?.code === 'ResponsePayloadSizeLimitExceeded';

/**
 * The rest of a sheet whose first block was read: the rows below it in blocks whose response stays
 * under the budget at what the first block weighed per row, one sync each; a block Excel still
 * finds too large is read again in halves.
 */
async function readSheetContent(
  ctx: Excel.RequestContext,
  read: ReturnType<typeof queueSheetRead>,
  budget: number,
  yieldToUi: () => Promise<void>,
): Promise<SheetContent> {
  const parts = [contentOf(read.name, read.first, true)];
  if (read.extent.isNullObject) return parts[0] as SheetContent;
  const lastRow = read.extent.rowIndex + read.extent.rowCount;
  if (lastRow <= read.rows) return parts[0] as SheetContent;
  const first = read.first.isNullObject
    ? 0
    : jsonBytes([read.first.values, read.first.formulas, read.first.numberFormat]);
  const perRow = Math.max(1, first / read.rows);
  let top = read.rows + 1;
  let size = Math.max(1, Math.floor(budget / perRow));
  while (top <= lastRow) {
    const bottom = Math.min(lastRow, top + size - 1);
    const block = sheetIn(ctx, read.name)
      .getRange(`${top}:${bottom}`)
      .getUsedRangeOrNullObject(true)
      .load(READ_PROPS);
    try {
      await ctx.sync();
    } catch (error) {
      if (!isTooLarge(error) || size === 1) throw error;
      size = Math.ceil(size / 2);
      continue;
    }
    parts.push(contentOf(read.name, block, true));
    top = bottom + 1;
    await yieldToUi();
  }
  return joinContents(read.name, parts);
}

// --- Marks ----------------------------------------------------------------------------------------

/** Marks as vertical runs per sheet, column and severity, over the cells the core says to mark. */
export function mergeMarks(marks: readonly CellMark[]): CellMark[] {
  const cells = markedCells(marks);
  const order = new Map(cells.map((c, i): [(typeof cells)[number], number] => [c, i]));
  const sorted = [...cells].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.col - b.col || a.row - b.row);
  const runs: { mark: CellMark; first: number }[] = [];
  let open: {
    sheet: string;
    col: number;
    top: number;
    bottom: number;
    severity: CellMark['severity'];
    first: number;
  } | null = null;
  const close = () => {
    if (open)
      runs.push({
        first: open.first,
        mark: {
          sheet: open.sheet,
          severity: open.severity,
          range: rangeA1({ top: open.top, bottom: open.bottom, left: open.col, right: open.col }),
        },
      });
  };
  for (const c of sorted) {
    const at = order.get(c) ?? 0;
    if (
      open &&
      open.sheet === c.sheet &&
      open.col === c.col &&
      open.severity === c.severity &&
      open.bottom === c.row - 1
    ) {
      open.bottom = c.row;
      open.first = Math.min(open.first, at);
    } else {
      close();
      open = { sheet: c.sheet, col: c.col, top: c.row, bottom: c.row, severity: c.severity, first: at };
    }
  }
  close();
  // Errors first, as the cells were.
  return runs.sort((a, b) => a.first - b.first).map((r) => r.mark);
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

/**
 * What marking needs to know of the workbook, loaded with the sheet names when reading: the marks
 * of the last check (to restore their cells), which sheets are protected (to unprotect them around
 * the borders) and which exist.
 */
interface ReadState {
  marks: CellMark[];
  protectedSheets: Set<string>;
  sheets: Set<string>;
}

/** Queues the loads of a ReadState; `take` reads them after the sync. */
function queueReadState(ctx: Excel.RequestContext) {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name,items/visibility,items/protection/protected');
  const stored = ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).load('value');
  return {
    sheets,
    take: (): ReadState => ({
      marks: !stored.isNullObject && isStoredMarks(stored.value) ? stored.value : [],
      protectedSheets: new Set(sheets.items.filter((s) => s.protection.protected).map((s) => s.name)),
      sheets: new Set(sheets.items.map((s) => s.name)),
    }),
  };
}

interface Marking {
  /** Marks whose cells get the template's border back. */
  previous: readonly CellMark[];
  sheets: ReadonlySet<string>;
  /** Sheets protected now, unprotected around the borders. */
  locked: (sheet: string) => boolean;
  /** Sheets to protect once the borders are drawn. */
  relock: (sheet: string) => boolean;
}

/**
 * Restores the previous marks' borders and draws the new ones, protection lifted around them, and
 * remembers the new ones. Returns the sheets it touches.
 */
function queueMarks(ctx: Excel.RequestContext, m: Marking, marks: readonly CellMark[]): Set<string> {
  const next = mergeMarks(marks).filter((x) => m.sheets.has(x.sheet));
  const previous = m.previous.filter((x) => m.sheets.has(x.sheet));
  const touched = new Set([...previous, ...next].map((x) => x.sheet));
  for (const name of touched) if (m.locked(name)) sheetIn(ctx, name).protection.unprotect();
  const borders = (mark: CellMark, color: string, weight: 'Thin' | 'Thick') => {
    const format = sheetIn(ctx, mark.sheet).getRange(mark.range).format;
    for (const e of EDGES) {
      const b = format.borders.getItem(e);
      b.style = 'Continuous';
      b.color = color;
      b.weight = weight;
    }
  };
  for (const x of previous) borders(x, BORDER_COLOR, 'Thin');
  for (const x of next) borders(x, MARK_COLOR[x.severity], 'Thick');
  for (const name of touched) if (m.relock(name)) sheetIn(ctx, name).protection.protect(PROTECTION);
  ctx.workbook.settings.add(MARKS_SETTING, next);
  return touched;
}

const sameMarks = (a: readonly CellMark[], b: readonly CellMark[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Marks in one sync from what a reading learnt, checked in that same sync: the request loads the
 * marks and the protection as they are before it draws. When they are what the reading saw — the
 * usual case, as nothing else marks the workbook — that is all. When someone changed them in
 * between (unprotected a sheet, another pane marked), a second sync marks again from what the
 * workbook holds, protection as its owner left it; when the drawing failed (a sheet protected in
 * between refuses borders), the workbook is read again and marked from there.
 */
async function markFromReading(ctx: Excel.RequestContext, known: ReadState, marks: readonly CellMark[]) {
  const actual = queueReadState(ctx);
  const wasLocked = (s: string) => known.protectedSheets.has(s);
  const touched = queueMarks(
    ctx,
    { previous: known.marks, sheets: known.sheets, locked: wasLocked, relock: wasLocked },
    marks,
  );
  try {
    await ctx.sync();
  } catch {
    // The unprotections ran before the refusal: the sheets they opened are protected again.
    const loads = queueReadState(ctx);
    await ctx.sync();
    const now = loads.take();
    const isLocked = (s: string) => now.protectedSheets.has(s);
    const previous = [...now.marks, ...known.marks];
    queueMarks(
      ctx,
      {
        previous,
        sheets: now.sheets,
        locked: isLocked,
        relock: (s) => isLocked(s) || (touched.has(s) && wasLocked(s)),
      },
      marks,
    );
    await ctx.sync();
    return;
  }
  const truth = actual.take();
  const seen = [...touched, ...mergeMarks(marks).map((x) => x.sheet)];
  const unchanged =
    sameMarks(truth.marks, known.marks) &&
    seen.every(
      (s) => truth.sheets.has(s) === known.sheets.has(s) && truth.protectedSheets.has(s) === wasLocked(s),
    );
  if (unchanged) return;
  // The first sync protected again the sheets it had opened; every other sheet is as found. The
  // previous marks of both readings get their border back (twice is harmless).
  queueMarks(
    ctx,
    {
      previous: [...truth.marks, ...known.marks],
      sheets: truth.sheets,
      locked: (s) => (touched.has(s) ? wasLocked(s) : truth.protectedSheets.has(s)),
      relock: (s) => truth.protectedSheets.has(s),
    },
    marks,
  );
  await ctx.sync();
}

// --- The host -------------------------------------------------------------------------------------

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const budget = options.budgetBytes ?? REQUEST_BUDGET_BYTES;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const blockRows = options.readBlockRows ?? READ_BLOCK_ROWS;
  const yieldToUi = options.yieldToUi ?? defaultYield;
  const features = (): Features => ({
    validation: isSetSupported('1.8'),
    conditional: isSetSupported('1.6'),
    freeze: isSetSupported('1.7'),
    pageLayout: isSetSupported('1.9'),
    indent: isSetSupported('1.9'),
  });
  /**
   * What the last reading learnt, for the marking that follows it (see `markFromReading`); used
   * once, and dropped by a call that writes.
   */
  let lastRead: ReadState | null = null;

  const loadSheets = async (ctx: Excel.RequestContext) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await ctx.sync();
    return sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
  };

  return {
    supports: isSetSupported,

    readWorkbook(): Promise<WorkbookReading> {
      lastRead = null;
      return excel().run(async (ctx) => {
        const loads = queueReadState(ctx);
        await ctx.sync();
        const state = loads.take();
        lastRead = state;
        const names = loads.sheets.items.map((s) => s.name);
        const metaName = SHEET_NAMES.meta.fr;
        if (!names.includes(metaName)) return { kind: 'other', sheets: names };
        // Both languages' sheets, loaded at once: which one is the template's is known only after
        // the metadata arrives, and a second exchange would cost more than the unused one.
        const candidates = (pair: { fr: string; en: string }) =>
          [pair.fr, pair.en].filter((n) => names.includes(n));
        let rows = blockRows;
        for (;;) {
          const meta = sheetIn(ctx, metaName).getUsedRangeOrNullObject(true).load('values');
          const entries = candidates(SHEET_NAMES.entry).map((n) => queueSheetRead(ctx, n, rows));
          const summaries = candidates(SHEET_NAMES.summary).map((n) => queueSheetRead(ctx, n, rows));
          try {
            await ctx.sync();
          } catch (error) {
            // A first block Excel finds too large for one response: fewer rows, read on in blocks.
            if (!isTooLarge(error) || rows <= 1) throw error;
            rows = Math.ceil(rows / 4);
            continue;
          }
          const m = readTemplateMeta(meta.isNullObject ? [] : (meta.values as CellValue[][]));
          if (!m) return { kind: 'other', sheets: names };
          const pick = (loaded: typeof entries, pair: { fr: string; en: string }) =>
            loaded.find((e) => e.name === pair[m.lang]) ?? loaded[0];
          const entry = pick(entries, SHEET_NAMES.entry);
          const summary = pick(summaries, SHEET_NAMES.summary);
          if (!entry) return { kind: 'other', sheets: names };
          const reading: WorkbookReading = {
            kind: 'template',
            meta: m,
            entry: await readSheetContent(ctx, entry, RESPONSE_BUDGET_BYTES, yieldToUi),
            summary: summary ? await readSheetContent(ctx, summary, RESPONSE_BUDGET_BYTES, yieldToUi) : null,
            sheets: names,
          };
          lastRead = state;
          return reading;
        }
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
      lastRead = null;
      return excel().run(async (ctx) => {
        const f = features();
        const existing = new Set((await loadSheets(ctx)).map((s) => s.name));
        const steps: Step[] = [];
        for (const sheet of spec.sheets) {
          if (existing.has(sheet.name)) steps.push(...resetSteps(sheet.name, f));
          else {
            steps.push({
              bytes: sheetPathBytes(sheet.name) + methodPathBytes('add', [sheet.name]),
              queue: (c) => {
                c.workbook.worksheets.add(sheet.name);
              },
            });
          }
        }
        for (const sheet of spec.sheets) steps.push(...sheetSteps(sheet, f, chunkBytes));
        // Marks of an earlier check pointed at cells that no longer exist as they were.
        steps.push({
          bytes:
            sheetPathBytes('') + propertyPathBytes('settings') + methodPathBytes('add', [MARKS_SETTING, []]),
          queue: (c) => {
            c.workbook.settings.add(MARKS_SETTING, []);
          },
        });
        // The entry sheet is shown before any sheet is hidden: Excel will not hide the active one.
        const entry =
          spec.sheets.find((s) => s.key === 'entry') ?? spec.sheets.find((s) => s.state === 'visible');
        if (entry) {
          steps.push({
            bytes: callBytes('activate') + methodPathBytes('getRange', ['A1']) + callBytes('select'),
            sheet: entry.name,
            queue: (c) => {
              const ws = sheetIn(c, entry.name);
              ws.activate();
              ws.getRange('A1').select();
            },
          });
        }
        for (const sheet of spec.sheets) {
          if (sheet.state === 'visible') continue;
          const visibility = sheet.state === 'veryHidden' ? 'VeryHidden' : 'Hidden';
          steps.push({
            bytes: setBytes('visibility', visibility),
            sheet: sheet.name,
            queue: (c) => {
              sheetIn(c, sheet.name).visibility = visibility;
            },
          });
        }
        await runSteps(ctx, steps, budget, yieldToUi, progress);
      });
    },

    writeNumbers(cells: readonly NumberFix[]): Promise<void> {
      lastRead = null;
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
      const known = lastRead;
      lastRead = null;
      return excel().run(async (ctx) => {
        if (known) return markFromReading(ctx, known, marks);
        const loads = queueReadState(ctx);
        await ctx.sync();
        const state = loads.take();
        const locked = (s: string) => state.protectedSheets.has(s);
        queueMarks(ctx, { previous: state.marks, sheets: state.sheets, locked, relock: locked }, marks);
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
