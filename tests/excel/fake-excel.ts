/**
 * A small hand-written fake of the part of the Excel JavaScript API that addin/excel/excel-host.ts
 * uses, faithful where the add-in's speed and correctness depend on it:
 *
 * - every call only queues a command; `context.sync()` runs the queue in order, counts one round
 *   trip (`syncCount`) and records the request's size (the JSON Office.js would send: actions and
 *   object paths, see `requestBody`) and the response's size (the JSON of what was loaded) — Excel
 *   on the web refuses a request or a response over 5 MB (LIMIT_BYTES);
 * - a cell's look is kept per cell, as Excel keeps it: a border set on a range's edge
 *   ("EdgeTop", "InsideHorizontal"…) lands on the matching edge of each cell it draws ("EdgeTop"
 *   of the top row, "EdgeTop" and "EdgeBottom" between rows…), a default value (not bold,
 *   "General" alignment, no fill, no border) is the same as none, and a data validation set on or
 *   cleared from part of another one leaves the rest of it in place;
 * - reading a property that was not loaded and synced throws, as real Office.js does (and unlike
 *   office-addin-mock, which returns a string — see TESTING-NOTES.md);
 * - a command that fails (unknown sheet, write to a locked cell of a protected sheet, formatting a
 *   protected sheet, protecting a protected sheet, hiding the last visible sheet) rejects the sync,
 *   commands before it having run, as in Excel;
 * - a string written through `values` that starts with "=", "+", "-" or "@" becomes a formula, and
 *   a number-looking string becomes a number, unless the cell's number format is "@" (text);
 *   `null` in a 2D array leaves the cell unchanged and "" clears it;
 * - formula cells read back through `values` are computed for the formulas of PAC's entry sheet
 *   (SUM, SUBTOTAL(9,…), IF(COUNT(…)=0,"",SUM(…))); any other formula reads as "".
 *
 * It runs in Node (the adapter's tests and the benchmark) and in the browser: the pane's end-to-end
 * test bundles it and installs it as `window.Excel` / `window.Office` before the pane's script runs.
 */
import { REQUEST_LIMIT_BYTES, utf8Bytes } from '../../addin/excel/request-size.ts';
import { colIndex, colLetters } from '../fixtures/column-letters.ts';

export { colLetters };

// --- Addresses ------------------------------------------------------------------------------------

export interface Rect {
  /** 0-based, bounds included. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** "B3:D9", "$B$3", "A:C", "5:9" (no sheet part) → a rectangle. */
export function parseAddress(address: string): Rect {
  const a = address.replace(/\$/g, '').trim();
  const part = (p: string) => {
    const cell = /^([A-Za-z]{1,3})(\d+)$/.exec(p);
    if (cell) return { col: colIndex(cell[1] as string), row: Number(cell[2]) - 1 };
    const col = /^([A-Za-z]{1,3})$/.exec(p);
    if (col) return { col: colIndex(col[1] as string), row: null };
    const row = /^(\d+)$/.exec(p);
    if (row) return { col: null, row: Number(row[1]) - 1 };
    throw new FakeOfficeError('InvalidArgument', `bad address "${address}"`);
  };
  const [p1 = '', p2 = p1] = a.split(':');
  const x = part(p1);
  const y = part(p2);
  const top = x.row ?? 0;
  const bottom = y.row ?? MAX_ROW;
  const left = x.col ?? 0;
  const right = y.col ?? MAX_COL;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

export function rectAddress(r: Rect): string {
  const from = `${colLetters(r.left)}${r.top + 1}`;
  const to = `${colLetters(r.right)}${r.bottom + 1}`;
  return from === to ? from : `${from}:${to}`;
}

const intersects = (a: Rect, b: Rect) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** What is left of `a` once `b` is cut out of it: up to four rectangles. */
function subtract(a: Rect, b: Rect): Rect[] {
  if (!intersects(a, b)) return [a];
  const out: Rect[] = [];
  if (a.top < b.top) out.push({ ...a, bottom: b.top - 1 });
  if (a.bottom > b.bottom) out.push({ ...a, top: b.bottom + 1 });
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  if (a.left < b.left) out.push({ top, bottom, left: a.left, right: b.left - 1 });
  if (a.right > b.right) out.push({ top, bottom, left: b.right + 1, right: a.right });
  return out;
}

/** Cuts `r` out of every validation of a sheet, as Excel does when cells get another rule or none. */
function cutValidations(s: FakeSheet, r: Rect): void {
  s.validations = s.validations.flatMap((v) => subtract(v.rect, r).map((rect) => ({ ...v, rect })));
}

const contains = (r: Rect, row: number, col: number) =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

/**
 * The edges of one cell that a border of a range draws: a range's "EdgeTop" is the top edge of its
 * top row's cells, "InsideHorizontal" the edges between its rows, and so on.
 */
function cellEdges(edge: string, r: Rect, row: number, col: number): string[] {
  switch (edge) {
    case 'EdgeTop':
      return row === r.top ? ['EdgeTop'] : [];
    case 'EdgeBottom':
      return row === r.bottom ? ['EdgeBottom'] : [];
    case 'EdgeLeft':
      return col === r.left ? ['EdgeLeft'] : [];
    case 'EdgeRight':
      return col === r.right ? ['EdgeRight'] : [];
    case 'InsideHorizontal':
      return [...(row > r.top ? ['EdgeTop'] : []), ...(row < r.bottom ? ['EdgeBottom'] : [])];
    case 'InsideVertical':
      return [...(col > r.left ? ['EdgeLeft'] : []), ...(col < r.right ? ['EdgeRight'] : [])];
    default:
      return [edge];
  }
}

// --- Workbook state -------------------------------------------------------------------------------

export type Scalar = string | number | boolean;

export interface CellFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontName?: string;
  horizontal?: string;
  vertical?: string;
  wrap?: boolean;
  indent?: number;
  /** Edge name → { style, color, weight }. */
  borders?: Record<string, { style?: string; color?: string; weight?: string }>;
}

export interface FakeCell {
  /** "" when empty. */
  value: Scalar;
  /** Formula with its leading "=", or null. */
  formula: string | null;
  numberFormat: string;
  locked: boolean;
  format: CellFormat;
}

export interface FakeValidation {
  rect: Rect;
  rule: Record<string, unknown>;
  prompt?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
  ignoreBlanks?: boolean;
}

export interface FakeConditionalFormat {
  id: string;
  rect: Rect;
  type: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<number, Map<number, FakeCell>>;
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  rowHeights: Map<number, number>;
  merges: Rect[];
  validations: FakeValidation[];
  conditionalFormats: FakeConditionalFormat[];
  protection: { protected: boolean; options: Record<string, unknown> | null };
  freeze: { rows: number; columns: number } | null;
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    printTitleRows?: string;
    printTitleColumns?: string;
    printOrder?: string;
    zoom?: unknown;
    /** headersFooters.defaultForAllPages: leftHeader … rightFooter. */
    headersFooters?: Record<string, string>;
  };
}

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export interface SyncRecord {
  /** Bytes of the request: the JSON of the commands queued since the previous sync. */
  requestBytes: number;
  /** Bytes of the response: the JSON of the properties loaded. */
  responseBytes: number;
  commands: number;
  /** Time the fake spent carrying the commands out (not the adapter's time). */
  ms: number;
}

export interface FakeExcelOptions {
  /** Highest ExcelApi version `isSetSupported` answers yes for (default "1.8", the add-in's minimum). */
  apiVersion?: string;
  /** Yields to the event loop inside each sync, like a real round trip (default true). */
  asyncSync?: boolean;
  /** The size over which a request or a response is refused (default LIMIT_BYTES, Excel on the web's). */
  limitBytes?: number;
}

/** Excel on the web's limit on a request and on a response. */
export const LIMIT_BYTES = REQUEST_LIMIT_BYTES;

function emptySheet(name: string): FakeSheet {
  return {
    name,
    visibility: 'Visible',
    cells: new Map(),
    columnWidths: new Map(),
    hiddenColumns: new Set(),
    rowHeights: new Map(),
    merges: [],
    validations: [],
    conditionalFormats: [],
    protection: { protected: false, options: null },
    freeze: null,
    pageLayout: {},
  };
}

function versionAtLeast(have: string, want: string): boolean {
  const [a1 = 0, a2 = 0] = have.split('.').map(Number);
  const [b1 = 0, b2 = 0] = want.split('.').map(Number);
  return a1 !== b1 ? a1 > b1 : a2 >= b2;
}

/** What Excel makes of a string written through `values` in a cell that is not formatted as text. */
function coerce(value: Scalar, numberFormat: string): { value: Scalar; formula: string | null } {
  if (typeof value !== 'string' || numberFormat === '@' || value === '') return { value, formula: null };
  if (/^[=+\-@]./.test(value)) return { value: '', formula: value.startsWith('=') ? value : `=${value}` };
  const t = value.trim();
  if (/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(t)) return { value: Number(t), formula: null };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true', formula: null };
  return { value, formula: null };
}

// --- The fake ------------------------------------------------------------------------------------

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  syncCount = 0;
  runCount = 0;
  readonly syncs: SyncRecord[] = [];
  readonly apiVersion: string;
  /** Over this, a request or a response is refused; tests may lower it. */
  limitBytes: number;
  private readonly asyncSync: boolean;
  private nextId = 1;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.8';
    this.asyncSync = options.asyncSync ?? true;
    this.limitBytes = options.limitBytes ?? LIMIT_BYTES;
    this.addSheet('Feuil1');
  }

  // -- Used by tests ------------------------------------------------------------------------------

  resetCounters(): void {
    this.syncCount = 0;
    this.runCount = 0;
    this.syncs.length = 0;
  }

  get maxRequestBytes(): number {
    return this.syncs.reduce((m, s) => Math.max(m, s.requestBytes), 0);
  }

  get maxResponseBytes(): number {
    return this.syncs.reduce((m, s) => Math.max(m, s.responseBytes), 0);
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new FakeOfficeError('ItemNotFound', `no sheet "${name}"`);
    return s;
  }

  hasSheet(name: string): boolean {
    return this.sheets.some((x) => x.name === name);
  }

  addSheet(name: string): FakeSheet {
    if (this.hasSheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `sheet "${name}" exists`);
    const s = emptySheet(name);
    this.sheets.push(s);
    this.activeSheet ??= name;
    return s;
  }

  cellAt(sheet: string, a1: string): FakeCell | undefined {
    const r = parseAddress(a1);
    return this.sheet(sheet).cells.get(r.top)?.get(r.left);
  }

  /** A cell as a person sees it: its computed value ("" when empty). */
  valueAt(sheet: string, a1: string): Scalar {
    const r = parseAddress(a1);
    return this.computedValue(this.sheet(sheet), r.top, r.left, new Map());
  }

  /**
   * Types a value into a cell as a person would: refused on a locked cell of a protected sheet,
   * turned into a number or a formula when it reads as one (unless the cell is formatted as text),
   * kept as text when it starts with an apostrophe, which Excel does not keep.
   */
  type(sheet: string, a1: string, value: Scalar | null): void {
    const s = this.sheet(sheet);
    const r = parseAddress(a1);
    const cell = this.cell(s, r.top, r.left);
    if (s.protection.protected && cell.locked) {
      throw new FakeOfficeError('AccessDenied', `${sheet}!${a1} is locked`);
    }
    if (typeof value === 'string' && value.startsWith("'")) {
      cell.value = value.slice(1);
      cell.formula = null;
      return;
    }
    const c = coerce(value ?? '', cell.numberFormat);
    cell.value = c.value;
    cell.formula = c.formula;
  }

  /** The validation covering a cell, if any. */
  validationAt(sheet: string, a1: string): FakeValidation | undefined {
    const r = parseAddress(a1);
    return this.sheet(sheet).validations.find((v) => contains(v.rect, r.top, r.left));
  }

  /** Installs `Excel` and `Office` on a global object (globalThis in Node, window in a page). */
  install(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
    target.Excel = this.excelNamespace();
    target.Office = this.officeNamespace();
  }

  excelNamespace(): Record<string, unknown> {
    return {
      run: <T>(batch: (ctx: FakeContext) => Promise<T>) => this.run(batch),
      ConditionalFormatType: { custom: 'Custom' },
      BorderWeight: { thin: 'Thin', medium: 'Medium', thick: 'Thick' },
    };
  }

  officeNamespace(): Record<string, unknown> {
    return {
      onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
      HostType: { Excel: 'Excel' },
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            name === 'ExcelApi' && versionAtLeast(this.apiVersion, version ?? '1.1'),
        },
      },
    };
  }

  async run<T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> {
    this.runCount++;
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    // Excel.run syncs what is still queued when the batch returns.
    if (ctx.queue.length > 0) await ctx.sync();
    return result;
  }

  // -- Internals shared with the proxies ------------------------------------------------------------

  newId(): string {
    return `{cf-${this.nextId++}}`;
  }

  yieldsOnSync(): boolean {
    return this.asyncSync;
  }

  cell(s: FakeSheet, row: number, col: number): FakeCell {
    let cols = s.cells.get(row);
    if (!cols) {
      cols = new Map();
      s.cells.set(row, cols);
    }
    let c = cols.get(col);
    if (!c) {
      c = { value: '', formula: null, numberFormat: 'General', locked: true, format: {} };
      cols.set(col, c);
    }
    return c;
  }

  /** The used cells' bounding rectangle, within `within` when given. */
  usedRect(s: FakeSheet, valuesOnly: boolean, within?: Rect): Rect | null {
    let r: Rect | null = null;
    for (const [row, cols] of s.cells) {
      if (within && (row < within.top || row > within.bottom)) continue;
      for (const [col, c] of cols) {
        if (within && (col < within.left || col > within.right)) continue;
        const used = c.value !== '' || c.formula !== null;
        const formatted = c.numberFormat !== 'General' || Object.keys(c.format).length > 0 || !c.locked;
        if (!used && (valuesOnly || !formatted)) continue;
        if (!r) r = { top: row, bottom: row, left: col, right: col };
        else {
          r.top = Math.min(r.top, row);
          r.bottom = Math.max(r.bottom, row);
          r.left = Math.min(r.left, col);
          r.right = Math.max(r.right, col);
        }
      }
    }
    return r;
  }

  /** The value a formula cell shows, for the formulas PAC's entry sheet uses. */
  computedValue(s: FakeSheet, row: number, col: number, memo: Map<string, Scalar>): Scalar {
    const c = s.cells.get(row)?.get(col);
    if (!c) return '';
    if (c.formula === null) return c.value;
    const key = `${row}:${col}`;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    memo.set(key, 0); // a circular reference reads as 0
    const value = this.evaluate(s, c.formula, memo);
    memo.set(key, value);
    return value;
  }

  private numbersIn(s: FakeSheet, address: string, memo: Map<string, Scalar>, skipSubtotals: boolean) {
    const r = parseAddress(address);
    const out: number[] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const cols = s.cells.get(row);
      if (!cols) continue;
      for (const [col, c] of cols) {
        if (col < r.left || col > r.right) continue;
        if (skipSubtotals && c.formula?.toUpperCase().startsWith('=SUBTOTAL(')) continue;
        const v = this.computedValue(s, row, col, memo);
        if (typeof v === 'number') out.push(v);
      }
    }
    return out;
  }

  private evaluate(s: FakeSheet, formula: string, memo: Map<string, Scalar>): Scalar {
    const f = formula.replace(/^=/, '').replace(/\s+/g, '').toUpperCase();
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    let m = /^SUBTOTAL\(9,([A-Z$]+\d+:[A-Z$]+\d+)\)$/.exec(f);
    if (m) return sum(this.numbersIn(s, m[1] as string, memo, true));
    m = /^IF\(COUNT\(([A-Z$]+\d+:[A-Z$]+\d+)\)=0,"",SUM\(([A-Z$]+\d+:[A-Z$]+\d+)\)\)$/.exec(f);
    if (m) {
      if (this.numbersIn(s, m[1] as string, memo, false).length === 0) return '';
      return sum(this.numbersIn(s, m[2] as string, memo, false));
    }
    m = /^SUM\(([A-Z$]+\d+:[A-Z$]+\d+)\)$/.exec(f);
    if (m) return sum(this.numbersIn(s, m[1] as string, memo, false));
    return '';
  }
}

// --- Request context and proxies -----------------------------------------------------------------

/**
 * What Office.js sends for one `context.sync()`: the queued actions and every object path they
 * reference, as its runtime builds them (office.runtime's ClientRequest: an action per property
 * set, method call or load; an object path per proxy — `worksheets`, `getItem`, `getRange`,
 * `format`, `font`…; an "Instantiate" action the first time a request uses a path; "L", the paths
 * an action is the last to use). Names are Office.js's, in PascalCase. The request's size is the
 * UTF-8 length of that JSON, which is what Excel on the web weighs against its 5 MB limit.
 */
interface PathInfo {
  Id: number;
  /** 1 global object, 3 method, 4 property, 5 indexer. */
  ObjectPathType: 1 | 3 | 4 | 5;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[] };
}

export class PathNode {
  private readonly children = new Map<string, PathNode>();

  constructor(
    readonly info: PathInfo,
    readonly parent: PathNode | null,
  ) {}

  /** A navigation property (`format`, `font`…): one path per parent, as Office.js caches it. */
  property(ctx: FakeContext, name: string): PathNode {
    let node = this.children.get(name);
    if (!node) {
      node = new PathNode(
        { Id: ctx.nextId(), ObjectPathType: 4, Name: name, ParentObjectPathId: this.info.Id },
        this,
      );
      this.children.set(name, node);
    }
    return node;
  }

  /** A method returning an object (`getRange`), or an indexer (`getItem`): a new path each call. */
  call(ctx: FakeContext, name: string, args: unknown[], type: 3 | 5 = 3): PathNode {
    return new PathNode(
      {
        Id: ctx.nextId(),
        ObjectPathType: type,
        Name: type === 5 ? '' : name,
        ParentObjectPathId: this.info.Id,
        ArgumentInfo: { Arguments: args },
      },
      this,
    );
  }
}

/** Office.js's action types: 1 instantiate, 2 query (load), 3 method, 4 set property. */
type ActionType = 1 | 2 | 3 | 4;

interface Command {
  node: PathNode;
  type: ActionType;
  name: string;
  args: unknown;
  run: () => void;
  /** The loaded data, for the response's size. */
  response?: () => unknown;
}

interface ActionInfo {
  Id: number;
  ActionType: ActionType;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments: unknown[] };
  QueryInfo?: { Select: string[]; Expand: string[] };
  L?: number[];
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The JSON body Office.js would send for these commands, with the ids of a fresh request. */
function requestBody(commands: readonly Command[], nextId: () => number): string {
  const actions: ActionInfo[] = [];
  const used: PathNode[][] = [];
  const paths: Record<number, PathInfo> = {};
  const instantiated = new Set<number>();
  const instantiate = (node: PathNode | null, chain: PathNode[]) => {
    if (!node) return;
    chain.push(node);
    paths[node.info.Id] = node.info;
    if (instantiated.has(node.info.Id)) return;
    instantiate(node.parent, chain);
    instantiated.add(node.info.Id);
    actions.push({ Id: nextId(), ActionType: 1, Name: '', ObjectPathId: node.info.Id });
    used.push([node]);
  };
  for (const c of commands) {
    const chain: PathNode[] = [];
    instantiate(c.node, chain);
    if (c.type === 1) continue;
    const action: ActionInfo = {
      Id: nextId(),
      ActionType: c.type,
      Name: pascal(c.name),
      ObjectPathId: c.node.info.Id,
    };
    if (c.type === 2) action.QueryInfo = { Select: (c.args as string[]).map(pascal), Expand: [] };
    else action.ArgumentInfo = { Arguments: c.type === 4 ? [c.args] : ((c.args as unknown[] | null) ?? []) };
    actions.push(action);
    used.push(chain);
  }
  // "L": each path is listed once, on the last action that uses it (Office.js's early dispose).
  const seen = new Set<number>();
  for (let i = actions.length - 1; i >= 0; i--) {
    const last: number[] = [];
    for (const node of used[i] ?? []) {
      for (let n: PathNode | null = node; n && !seen.has(n.info.Id); n = n.parent) {
        seen.add(n.info.Id);
        last.push(n.info.Id);
      }
    }
    const action = actions[i];
    if (action && last.length > 0) action.L = last;
  }
  return JSON.stringify({ AutoKeepReference: false, Actions: actions, ObjectPaths: paths });
}

class FakeContext {
  readonly queue: Command[] = [];
  readonly workbook: WorkbookProxy;
  private lastId = 0;

  constructor(readonly fake: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  enqueue(cmd: Command): void {
    this.queue.push(cmd);
  }

  async sync(): Promise<void> {
    const commands = this.queue.splice(0);
    const fake = this.fake;
    fake.syncCount++;
    const measuring = performance.now();
    const requestBytes = utf8Bytes(requestBody(commands, () => this.nextId()));
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      commands: commands.filter((c) => c.type !== 1).length,
      ms: performance.now() - measuring,
    };
    fake.syncs.push(record);
    if (fake.yieldsOnSync()) await new Promise((r) => setTimeout(r, 0));
    if (requestBytes > fake.limitBytes) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `request of ${requestBytes} bytes`);
    }
    const started = performance.now();
    const results: { ActionId: number; Value: unknown }[] = [];
    for (const c of commands) {
      c.run();
      if (c.response) results.push({ ActionId: 0, Value: c.response() ?? null });
    }
    record.ms += performance.now() - started;
    const measuringResponse = performance.now();
    if (results.length > 0) record.responseBytes = utf8Bytes(JSON.stringify({ Results: results }));
    record.ms += performance.now() - measuringResponse;
    if (record.responseBytes > fake.limitBytes) {
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        `response of ${record.responseBytes} bytes`,
      );
    }
  }
}

/** Common ground of proxies: loaded properties and the error for reading what was not loaded. */
abstract class FakeProxy {
  protected readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: FakeContext,
    readonly node: PathNode,
  ) {}

  /** A readable name of the proxy's object, for error messages. */
  get path(): string {
    const names: string[] = [];
    for (let n: PathNode | null = this.node; n; n = n.parent) {
      const args = n.info.ArgumentInfo?.Arguments ?? [];
      names.unshift(
        args.length > 0 ? `${n.info.Name}(${args.map((a) => JSON.stringify(a)).join(',')})` : n.info.Name,
      );
    }
    return names.filter((x) => x !== '').join('.');
  }

  protected get fake(): FakeExcel {
    return this.context.fake;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${prop}' of ${this.path} is not available. Load it and call context.sync() first.`,
      );
    }
    return this.loaded.get(prop) as T;
  }

  /** Queues a property set (type 4) or a method call (type 3) on `node`; `run` executes at the next sync. */
  protected command(name: string, args: unknown, run: () => void, type: 3 | 4 = 4, node = this.node): void {
    this.context.enqueue({ node, type, name, args, run });
  }

  /** Queues a method call: `args` are its arguments. */
  protected invoke(name: string, args: unknown[], run: () => void, node = this.node): void {
    this.command(name, args, run, 3, node);
  }

  /** A method that returns an object runs when the object's path is instantiated. */
  protected instantiate(node: PathNode, run: () => void): void {
    this.context.enqueue({ node, type: 1, name: '', args: null, run });
  }

  protected queueLoad(props: string[], snapshot: () => Record<string, unknown>): void {
    let data: Record<string, unknown> = {};
    this.context.enqueue({
      node: this.node,
      type: 2,
      name: '',
      args: props,
      run: () => {
        data = snapshot();
        for (const [k, v] of Object.entries(data)) this.loaded.set(k, v);
      },
      response: () => data,
    });
  }
}

function propsOf(arg: string | string[] | { select?: string } | undefined): string[] {
  if (arg === undefined) return [];
  if (Array.isArray(arg)) return arg.flatMap((a) => a.split(',')).map((p) => p.trim());
  if (typeof arg === 'string') return arg.split(',').map((p) => p.trim());
  return propsOf(arg.select);
}

class WorkbookProxy extends FakeProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;

  constructor(ctx: FakeContext) {
    super(ctx, new PathNode({ Id: ctx.nextId(), ObjectPathType: 1, Name: '' }, null));
    this.worksheets = new WorksheetCollectionProxy(ctx, this.node.property(ctx, 'Worksheets'));
    this.settings = new SettingCollectionProxy(ctx, this.node.property(ctx, 'Settings'));
  }
}

class SettingCollectionProxy extends FakeProxy {
  add(key: string, value: unknown): void {
    const copy = JSON.parse(JSON.stringify(value));
    // `add` returns the Setting: its path is instantiated, which is when Excel runs the method.
    this.instantiate(this.node.call(this.context, 'Add', [key, value]), () => {
      this.fake.settings.set(key, copy);
    });
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.context, this.node.call(this.context, 'GetItemOrNullObject', [key]), key);
  }
}

class SettingProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    node: PathNode,
    readonly key: string,
  ) {
    super(ctx, node);
  }

  load(props?: string | string[]): this {
    this.queueLoad(propsOf(props ?? 'value'), () => {
      const has = this.fake.settings.has(this.key);
      return { isNullObject: !has, value: has ? this.fake.settings.get(this.key) : undefined };
    });
    return this;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get value(): unknown {
    return this.read('value');
  }

  delete(): void {
    this.invoke('delete', [], () => {
      this.fake.settings.delete(this.key);
    });
  }
}

class WorksheetCollectionProxy extends FakeProxy {
  private itemsList: WorksheetProxy[] | null = null;

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      () => this.fake.sheet(name),
      this.node.call(this.context, '', [name], 5),
    );
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      () => this.fake.sheets.find((s) => s.name === name) ?? null,
      this.node.call(this.context, 'GetItemOrNullObject', [name]),
    );
  }

  add(name: string): WorksheetProxy {
    const node = this.node.call(this.context, 'Add', [name]);
    this.instantiate(node, () => {
      this.fake.addSheet(name);
    });
    return new WorksheetProxy(this.context, () => this.fake.sheet(name), node);
  }

  load(props?: string | string[] | { select?: string }): this {
    const wanted = propsOf(props)
      .map((p) => p.replace(/^items\//, ''))
      .filter((p) => p !== '' && p !== 'items');
    let snapshot: Record<string, unknown>[] = [];
    this.context.enqueue({
      node: this.node,
      type: 2,
      name: '',
      args: wanted,
      run: () => {
        this.itemsList = this.fake.sheets.map((s) => {
          // A loaded item is reached again by its id, as Office.js does.
          const ws = new WorksheetProxy(this.context, () => s, this.node.call(this.context, '', [s.name], 5));
          ws.setLoaded({
            name: s.name,
            visibility: s.visibility,
            'protection/protected': s.protection.protected,
          });
          return ws;
        });
        const field = (s: FakeSheet, p: string): unknown =>
          p === 'protection/protected'
            ? s.protection.protected
            : (s as unknown as Record<string, unknown>)[p];
        snapshot = this.fake.sheets.map((s) => Object.fromEntries(wanted.map((p) => [p, field(s, p)])));
      },
      response: () => ({ items: snapshot }),
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (!this.itemsList) throw new FakeOfficeError('PropertyNotLoaded', 'worksheets.items not loaded');
    return this.itemsList;
  }
}

type SheetResolver = () => FakeSheet | null;

class WorksheetProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private readonly resolveSheet: SheetResolver,
    node: PathNode,
  ) {
    super(ctx, node);
  }

  setLoaded(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  /** The sheet at sync time; a command on a missing sheet fails like ItemNotFound. */
  sheetNow(): FakeSheet {
    const s = this.resolveSheet();
    if (!s) throw new FakeOfficeError('ItemNotFound', `${this.path} does not exist`);
    return s;
  }

  load(props?: string | string[]): this {
    this.queueLoad(propsOf(props), () => {
      const s = this.resolveSheet();
      if (!s) return { isNullObject: true };
      return { isNullObject: false, name: s.name, visibility: s.visibility };
    });
    return this;
  }

  loadProtection(_props?: string): void {
    this.queueLoad(['protection/protected'], () => ({
      'protection/protected': this.sheetNow().protection.protected,
    }));
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get name(): string {
    return this.read('name');
  }

  get visibility(): string {
    return this.read('visibility');
  }

  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.command('visibility', v, () => {
      const s = this.sheetNow();
      if (v !== 'Visible') {
        const others = this.fake.sheets.filter((x) => x !== s && x.visibility === 'Visible');
        if (others.length === 0)
          throw new FakeOfficeError('InvalidOperation', 'cannot hide the last visible sheet');
        if (this.fake.activeSheet === s.name) this.fake.activeSheet = others[0]?.name ?? null;
      }
      s.visibility = v;
    });
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(
      this.context,
      this,
      () => (address ? parseAddress(address) : wholeSheet()),
      this.node.call(this.context, 'GetRange', address === undefined ? [] : [address]),
    );
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      this,
      () =>
        this.fake.usedRect(this.sheetNow(), valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 },
      this.node.call(this.context, 'GetUsedRange', [valuesOnly === true]),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      this,
      () => this.fake.usedRect(this.sheetNow(), valuesOnly === true),
      this.node.call(this.context, 'GetUsedRangeOrNullObject', [valuesOnly === true]),
    );
  }

  activate(): void {
    this.invoke('activate', [], () => {
      const s = this.sheetNow();
      if (s.visibility !== 'Visible')
        throw new FakeOfficeError('InvalidOperation', 'cannot activate a hidden sheet');
      this.fake.activeSheet = s.name;
    });
  }

  delete(): void {
    this.invoke('delete', [], () => {
      const s = this.sheetNow();
      const i = this.fake.sheets.indexOf(s);
      this.fake.sheets.splice(i, 1);
    });
  }

  get protection() {
    const self = this;
    const node = this.node.property(this.context, 'Protection');
    const proxy = {
      get protected(): boolean {
        return self.read('protection/protected');
      },
      load(props?: string) {
        self.loadProtection(props);
        return proxy;
      },
      protect(options?: Record<string, unknown>) {
        self.invoke(
          'protect',
          options === undefined ? [] : [options],
          () => {
            const s = self.sheetNow();
            if (s.protection.protected)
              throw new FakeOfficeError('InvalidOperation', `${s.name} is already protected`);
            s.protection = { protected: true, options: options ?? {} };
          },
          node,
        );
      },
      unprotect() {
        self.invoke(
          'unprotect',
          [],
          () => {
            const s = self.sheetNow();
            s.protection = { protected: false, options: null };
          },
          node,
        );
      },
    };
    return proxy;
  }

  get freezePanes() {
    const node = this.node.property(this.context, 'FreezePanes');
    const set = (name: string, args: unknown, f: (s: FakeSheet) => void) =>
      this.invoke(name, args === null ? [] : [args], () => f(this.sheetNow()), node);
    return {
      freezeAt(range: RangeProxy | string) {
        const address = typeof range === 'string' ? range : range.addressForCommand();
        set('freezeAt', address, (s) => {
          const r = parseAddress(address);
          s.freeze = { rows: r.bottom + 1, columns: r.right + 1 };
        });
      },
      freezeRows(count: number) {
        set('freezeRows', count, (s) => {
          s.freeze = { rows: count, columns: 0 };
        });
      },
      freezeColumns(count: number) {
        set('freezeColumns', count, (s) => {
          s.freeze = { rows: 0, columns: count };
        });
      },
      unfreeze() {
        set('unfreeze', null, (s) => {
          s.freeze = null;
        });
      },
    };
  }

  get pageLayout() {
    const self = this;
    const requireApi = () => {
      if (!versionAtLeast(self.fake.apiVersion, '1.9')) {
        throw new FakeOfficeError('ApiNotFound', 'pageLayout needs ExcelApi 1.9');
      }
    };
    const node = this.node.property(this.context, 'PageLayout');
    const setter = (key: 'orientation' | 'paperSize' | 'zoom' | 'printOrder') => (v: unknown) =>
      self.command(
        key,
        v,
        () => {
          requireApi();
          (self.sheetNow().pageLayout as Record<string, unknown>)[key] = v;
        },
        4,
        node,
      );
    const footers = node
      .property(this.context, 'HeadersFooters')
      .property(this.context, 'DefaultForAllPages');
    const section = (key: string) => (v: string) =>
      self.command(
        key,
        v,
        () => {
          requireApi();
          const layout = self.sheetNow().pageLayout;
          layout.headersFooters = { ...layout.headersFooters, [key]: v };
        },
        4,
        footers,
      );
    return {
      set orientation(v: string) {
        setter('orientation')(v);
      },
      set paperSize(v: string) {
        setter('paperSize')(v);
      },
      set zoom(v: unknown) {
        setter('zoom')(v);
      },
      set printOrder(v: string) {
        setter('printOrder')(v);
      },
      setPrintTitleRows(rows: string) {
        self.invoke(
          'setPrintTitleRows',
          [rows],
          () => {
            requireApi();
            self.sheetNow().pageLayout.printTitleRows = rows;
          },
          node,
        );
      },
      setPrintTitleColumns(columns: string) {
        self.invoke(
          'setPrintTitleColumns',
          [columns],
          () => {
            requireApi();
            self.sheetNow().pageLayout.printTitleColumns = columns;
          },
          node,
        );
      },
      headersFooters: {
        defaultForAllPages: {
          set leftHeader(v: string) {
            section('leftHeader')(v);
          },
          set centerHeader(v: string) {
            section('centerHeader')(v);
          },
          set rightHeader(v: string) {
            section('rightHeader')(v);
          },
          set leftFooter(v: string) {
            section('leftFooter')(v);
          },
          set centerFooter(v: string) {
            section('centerFooter')(v);
          },
          set rightFooter(v: string) {
            section('rightFooter')(v);
          },
        },
      },
    };
  }
}

function wholeSheet(): Rect {
  return { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL };
}

const isWhole = (r: Rect) => r.top === 0 && r.left === 0 && r.bottom === MAX_ROW && r.right === MAX_COL;
const isColumns = (r: Rect) => r.top === 0 && r.bottom === MAX_ROW;
const isRows = (r: Rect) => r.left === 0 && r.right === MAX_COL;

type RectResolver = () => Rect | null;

class RangeProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    readonly worksheet: WorksheetProxy,
    private readonly resolveRect: RectResolver,
    node: PathNode,
  ) {
    super(ctx, node);
  }

  addressForCommand(): string {
    return String(this.node.info.ArgumentInfo?.Arguments[0] ?? '');
  }

  private now(): { s: FakeSheet; r: Rect } {
    const s = this.worksheet.sheetNow();
    const r = this.resolveRect();
    if (!r) throw new FakeOfficeError('ItemNotFound', `${this.path} is a null object`);
    return { s, r };
  }

  /** Runs f on every cell of the range that already exists, or on every cell for a bounded range. */
  private eachCell(
    s: FakeSheet,
    r: Rect,
    f: (c: FakeCell, row: number, col: number) => void,
    create: boolean,
  ) {
    if (create && !isColumns(r) && !isRows(r)) {
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) f(this.fake.cell(s, row, col), row, col);
      return;
    }
    for (const [row, cols] of s.cells) {
      if (row < r.top || row > r.bottom) continue;
      for (const [col, c] of cols) if (col >= r.left && col <= r.right) f(c, row, col);
    }
  }

  private assertWritable(s: FakeSheet, r: Rect, what: 'content' | 'format'): void {
    if (!s.protection.protected) return;
    if (what === 'format') throw new FakeOfficeError('AccessDenied', `${s.name} is protected: cannot format`);
    this.eachCell(
      s,
      r,
      (c, row, col) => {
        if (c.locked)
          throw new FakeOfficeError(
            'AccessDenied',
            `${s.name}!${rectAddress({ top: row, left: col, bottom: row, right: col })} is locked`,
          );
      },
      true,
    );
  }

  private write2D(name: 'values' | 'formulas' | 'numberFormat', data: unknown[][]): void {
    this.command(name, data, () => {
      const { s, r } = this.now();
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      // A 1×1 number format is applied to every cell of the range, in Excel on the web, Windows
      // and Mac (OfficeDev/office-js-docs-pr#5400); the fake does not do it for values or formulas.
      if (
        name === 'numberFormat' &&
        data.length === 1 &&
        data[0]?.length === 1 &&
        !isColumns(r) &&
        !isRows(r)
      ) {
        const format = data[0][0];
        this.assertWritable(s, r, 'format');
        if (format === null || format === undefined) return;
        for (let row = r.top; row <= r.bottom; row++)
          for (let col = r.left; col <= r.right; col++)
            this.fake.cell(s, row, col).numberFormat = format === '' ? 'General' : String(format);
        return;
      }
      if (
        !Array.isArray(data) ||
        data.length !== rows ||
        data.some((row) => !Array.isArray(row) || row.length !== cols)
      ) {
        throw new FakeOfficeError(
          'InvalidArgument',
          `${name}: the array is not ${rows}×${cols} for ${rectAddress(r)}`,
        );
      }
      if (name !== 'numberFormat') this.assertWritable(s, r, 'content');
      else this.assertWritable(s, r, 'format');
      data.forEach((line, i) => {
        line.forEach((v, j) => {
          if (v === null || v === undefined) return;
          const c = this.fake.cell(s, r.top + i, r.left + j);
          if (name === 'numberFormat') {
            c.numberFormat = v === '' ? 'General' : String(v);
            return;
          }
          const scalar = v as Scalar;
          const out =
            name === 'formulas' && typeof scalar === 'string' && scalar.startsWith('=')
              ? { value: '' as Scalar, formula: scalar }
              : coerce(scalar, c.numberFormat);
          c.value = out.value;
          c.formula = out.formula;
        });
      });
    });
  }

  set values(data: unknown[][]) {
    this.write2D('values', data);
  }

  get values(): Scalar[][] {
    return this.read('values');
  }

  set formulas(data: unknown[][]) {
    this.write2D('formulas', data);
  }

  get formulas(): Scalar[][] {
    return this.read('formulas');
  }

  set numberFormat(data: unknown[][]) {
    this.write2D('numberFormat', data);
  }

  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }

  get address(): string {
    return this.read('address');
  }

  get rowIndex(): number {
    return this.read('rowIndex');
  }

  get columnIndex(): number {
    return this.read('columnIndex');
  }

  get rowCount(): number {
    return this.read('rowCount');
  }

  get columnCount(): number {
    return this.read('columnCount');
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  load(props?: string | string[]): this {
    const wanted = propsOf(props);
    this.queueLoad(wanted, () => {
      const s = this.worksheet.sheetNow();
      const r = this.resolveRect();
      if (!r) return { isNullObject: true };
      const out: Record<string, unknown> = { isNullObject: false };
      const grid = (f: (row: number, col: number) => unknown) =>
        Array.from({ length: r.bottom - r.top + 1 }, (_, i) =>
          Array.from({ length: r.right - r.left + 1 }, (_, j) => f(r.top + i, r.left + j)),
        );
      const memo = new Map<string, Scalar>();
      for (const p of wanted) {
        if (p === 'values') out.values = grid((row, col) => this.fake.computedValue(s, row, col, memo));
        else if (p === 'formulas')
          out.formulas = grid((row, col) => {
            const c = s.cells.get(row)?.get(col);
            return c ? (c.formula ?? c.value) : '';
          });
        else if (p === 'numberFormat')
          out.numberFormat = grid((row, col) => s.cells.get(row)?.get(col)?.numberFormat ?? 'General');
        else if (p === 'address') out.address = `${s.name}!${rectAddress(r)}`;
        else if (p === 'rowIndex') out.rowIndex = r.top;
        else if (p === 'columnIndex') out.columnIndex = r.left;
        else if (p === 'rowCount') out.rowCount = r.bottom - r.top + 1;
        else if (p === 'columnCount') out.columnCount = r.right - r.left + 1;
        else if (p !== '') throw new FakeOfficeError('InvalidArgument', `the fake cannot load Range.${p}`);
      }
      return out;
    });
    return this;
  }

  /** The used cells of this range (ExcelApi 1.4), or a null object when it has none. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      this.worksheet,
      () => {
        const own = this.resolveRect();
        const used = this.fake.usedRect(this.worksheet.sheetNow(), valuesOnly === true, own ?? undefined);
        return own && used ? used : null;
      },
      this.node.call(this.context, 'GetUsedRangeOrNullObject', [valuesOnly === true]),
    );
  }

  select(): void {
    this.invoke('select', [], () => {
      const { s, r } = this.now();
      if (this.fake.activeSheet !== s.name)
        throw new FakeOfficeError('InvalidSelection', `${s.name} is not active`);
      this.fake.selection = { sheet: s.name, address: rectAddress(r) };
    });
  }

  merge(across?: boolean): void {
    this.invoke('merge', across === undefined ? [] : [across], () => {
      const { s, r } = this.now();
      this.assertWritable(s, r, 'format');
      s.merges.push(r);
    });
  }

  unmerge(): void {
    this.invoke('unmerge', [], () => {
      const { s, r } = this.now();
      s.merges = s.merges.filter((m) => !intersects(m, r));
    });
  }

  clear(applyTo?: string): void {
    this.invoke('clear', applyTo === undefined ? [] : [applyTo], () => {
      const { s, r } = this.now();
      this.assertWritable(s, r, 'content');
      this.eachCell(
        s,
        r,
        (c) => {
          if (applyTo === undefined || applyTo === 'All' || applyTo === 'Contents') {
            c.value = '';
            c.formula = null;
          }
          if (applyTo === undefined || applyTo === 'All' || applyTo === 'Formats') {
            c.format = {};
            c.numberFormat = 'General';
            c.locked = true;
          }
        },
        false,
      );
      if (isWhole(r) && (applyTo === undefined || applyTo === 'All')) s.cells.clear();
    });
  }

  set columnHidden(hidden: boolean) {
    this.command('columnHidden', hidden, () => {
      const { s, r } = this.now();
      for (let col = r.left; col <= Math.min(r.right, 200); col++) {
        if (hidden) s.hiddenColumns.add(col);
        else s.hiddenColumns.delete(col);
      }
    });
  }

  get format() {
    const ctx = this.context;
    const formatNode = this.node.property(ctx, 'Format');
    const fmt = (
      name: string,
      v: unknown,
      f: (c: FakeCell, row: number, col: number, r: Rect) => void,
      node = formatNode,
      type: 3 | 4 = 4,
    ) =>
      this.command(
        name,
        type === 3 ? [] : v,
        () => {
          const { s, r } = this.now();
          this.assertWritable(s, r, 'format');
          this.eachCell(s, r, (c, row, col) => f(c, row, col, r), true);
        },
        type,
        node,
      );
    const sized = (name: string, v: unknown, f: (s: FakeSheet, r: Rect) => void) =>
      this.command(
        name,
        v,
        () => {
          const { s, r } = this.now();
          f(s, r);
        },
        4,
        formatNode,
      );
    /** A look property; its default value (not bold, "General"…) is the same as none. */
    const look = <K extends keyof CellFormat>(
      key: K,
      name: string,
      fallback: CellFormat[K],
      node = formatNode,
    ) => ({
      set(v: CellFormat[K]) {
        fmt(
          name,
          v,
          (c) => {
            if (v === fallback) delete c.format[key];
            else c.format[key] = v;
          },
          node,
        );
      },
    });
    const bordersNode = formatNode.property(ctx, 'Borders');
    const fillNode = formatNode.property(ctx, 'Fill');
    const fontNode = formatNode.property(ctx, 'Font');
    const border = (edge: string, node = bordersNode.call(ctx, '', [edge], 5)) => {
      const set = (prop: 'style' | 'color' | 'weight', v: string) =>
        fmt(
          prop,
          v,
          (c, row, col, r) => {
            for (const cellEdge of cellEdges(edge, r, row, col)) {
              const borders = { ...c.format.borders };
              if (prop === 'style' && v === 'None') delete borders[cellEdge];
              else borders[cellEdge] = { ...borders[cellEdge], [prop]: v };
              if (Object.keys(borders).length > 0) c.format.borders = borders;
              else delete c.format.borders;
            }
          },
          node,
        );
      return {
        set style(v: string) {
          set('style', v);
        },
        set color(v: string) {
          set('color', v);
        },
        set weight(v: string) {
          set('weight', v);
        },
      };
    };
    const bold = look('bold', 'bold', false, fontNode);
    const italic = look('italic', 'italic', false, fontNode);
    const size = look('size', 'size', undefined, fontNode);
    const fontName = look('fontName', 'name', undefined, fontNode);
    const fontColor = look('fontColor', 'color', undefined, fontNode);
    const fill = look('fill', 'color', undefined, fillNode);
    const horizontal = look('horizontal', 'horizontalAlignment', 'General');
    const vertical = look('vertical', 'verticalAlignment', 'Bottom');
    const wrap = look('wrap', 'wrapText', false);
    const indent = look('indent', 'indentLevel', 0);
    return {
      fill: {
        set color(v: string) {
          fill.set(v);
        },
        clear() {
          fmt('clear', null, (c) => delete c.format.fill, fillNode, 3);
        },
      },
      font: {
        set color(v: string) {
          fontColor.set(v);
        },
        set bold(v: boolean) {
          bold.set(v);
        },
        set italic(v: boolean) {
          italic.set(v);
        },
        set size(v: number) {
          size.set(v);
        },
        set name(v: string) {
          fontName.set(v);
        },
      },
      set horizontalAlignment(v: string) {
        horizontal.set(v);
      },
      set verticalAlignment(v: string) {
        vertical.set(v);
      },
      set wrapText(v: boolean) {
        wrap.set(v);
      },
      set indentLevel(v: number) {
        indent.set(v);
      },
      borders: {
        getItem: (edge: string) => border(edge),
      },
      protection: {
        set locked(v: boolean) {
          fmt(
            'locked',
            v,
            (c) => {
              c.locked = v;
            },
            formatNode.property(ctx, 'Protection'),
          );
        },
      },
      set columnWidth(v: number) {
        sized('columnWidth', v, (s, r) => {
          for (let col = r.left; col <= Math.min(r.right, 200); col++) s.columnWidths.set(col, v);
        });
      },
      set rowHeight(v: number) {
        sized('rowHeight', v, (s, r) => {
          if (isWhole(r)) {
            s.rowHeights.clear();
            return;
          }
          for (let row = r.top; row <= r.bottom; row++) s.rowHeights.set(row, v);
        });
      },
      set useStandardHeight(v: boolean) {
        sized('useStandardHeight', v, (s, r) => {
          if (!v) return;
          for (const row of [...s.rowHeights.keys()])
            if (row >= r.top && row <= r.bottom) s.rowHeights.delete(row);
        });
      },
      set useStandardWidth(v: boolean) {
        sized('useStandardWidth', v, (s, r) => {
          if (!v) return;
          for (const col of [...s.columnWidths.keys()])
            if (col >= r.left && col <= r.right) s.columnWidths.delete(col);
        });
      },
    };
  }

  get dataValidation() {
    const self = this;
    const current = (s: FakeSheet, r: Rect): FakeValidation => {
      let v = s.validations.find(
        (x) =>
          x.rect.top === r.top &&
          x.rect.left === r.left &&
          x.rect.bottom === r.bottom &&
          x.rect.right === r.right,
      );
      if (!v) {
        // A new rule replaces whatever validation the cells had, and only on these cells.
        cutValidations(s, r);
        v = { rect: r, rule: {} };
        s.validations.push(v);
      }
      return v;
    };
    const node = this.node.property(this.context, 'DataValidation');
    const set = (name: string, value: unknown, f: (v: FakeValidation) => void) =>
      self.command(
        name,
        value,
        () => {
          const { s, r } = self.now();
          self.assertWritable(s, r, 'format');
          f(current(s, r));
        },
        4,
        node,
      );
    return {
      set rule(v: Record<string, unknown>) {
        set('rule', v, (x) => {
          x.rule = v;
        });
      },
      set prompt(v: Record<string, unknown>) {
        set('prompt', v, (x) => {
          x.prompt = v;
        });
      },
      set errorAlert(v: Record<string, unknown>) {
        set('errorAlert', v, (x) => {
          x.errorAlert = v;
        });
      },
      set ignoreBlanks(v: boolean) {
        set('ignoreBlanks', v, (x) => {
          x.ignoreBlanks = v;
        });
      },
      clear() {
        self.invoke(
          'clear',
          [],
          () => {
            const { s, r } = self.now();
            cutValidations(s, r);
          },
          node,
        );
      },
    };
  }

  get conditionalFormats() {
    const self = this;
    const ctx = this.context;
    const collection = this.node.property(ctx, 'ConditionalFormats');
    return {
      add(type: string) {
        const holder: { cf: FakeConditionalFormat | null } = { cf: null };
        const added = collection.call(ctx, 'Add', [type]);
        self.instantiate(added, () => {
          const { s, r } = self.now();
          self.assertWritable(s, r, 'format');
          holder.cf = { id: self.fake.newId(), rect: r, type, formula: null, fill: null, fontColor: null };
          s.conditionalFormats.push(holder.cf);
        });
        const on = (node: PathNode, name: string, v: unknown, f: (cf: FakeConditionalFormat) => void) =>
          self.command(
            name,
            v,
            () => {
              if (!holder.cf) throw new FakeOfficeError('InvalidOperation', 'conditional format not created');
              f(holder.cf);
            },
            4,
            node,
          );
        const custom = added.property(ctx, 'Custom');
        const format = custom.property(ctx, 'Format');
        return {
          custom: {
            rule: {
              set formula(v: string) {
                on(custom.property(ctx, 'Rule'), 'formula', v, (cf) => {
                  cf.formula = v;
                });
              },
            },
            format: {
              fill: {
                set color(v: string) {
                  on(format.property(ctx, 'Fill'), 'color', v, (cf) => {
                    cf.fill = v;
                  });
                },
              },
              font: {
                set color(v: string) {
                  on(format.property(ctx, 'Font'), 'color', v, (cf) => {
                    cf.fontColor = v;
                  });
                },
              },
            },
          },
        };
      },
      clearAll() {
        self.invoke(
          'clearAll',
          [],
          () => {
            const { s, r } = self.now();
            s.conditionalFormats = s.conditionalFormats.filter((cf) => !intersects(cf.rect, r));
          },
          collection,
        );
      },
    };
  }
}
