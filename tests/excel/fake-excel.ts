/**
 * A small hand-written fake of the part of the Excel JavaScript API that addin/excel/excel-host.ts
 * uses, faithful where the add-in's speed and correctness depend on it:
 *
 * - every call only queues a command; `context.sync()` runs the queue in order, counts one round
 *   trip (`syncCount`) and records the request's size (the JSON of the queued commands) and the
 *   response's size (the JSON of what was loaded) — Excel on the web refuses a request or a
 *   response over 5 MB;
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

const contains = (r: Rect, row: number, col: number) =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

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
}

const LIMIT_BYTES = 5 * 1024 * 1024;

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
  private readonly asyncSync: boolean;
  private nextId = 1;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.8';
    this.asyncSync = options.asyncSync ?? true;
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

  usedRect(s: FakeSheet, valuesOnly: boolean): Rect | null {
    let r: Rect | null = null;
    for (const [row, cols] of s.cells) {
      for (const [col, c] of cols) {
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

interface Command {
  target: string;
  name: string;
  args: unknown;
  run: () => void;
  /** The loaded data, for the response's size. */
  response?: () => unknown;
}

class FakeContext {
  readonly queue: Command[] = [];
  readonly workbook: WorkbookProxy;

  constructor(readonly fake: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(cmd: Command): void {
    this.queue.push(cmd);
  }

  async sync(): Promise<void> {
    const commands = this.queue.splice(0);
    const fake = this.fake;
    fake.syncCount++;
    const measuring = performance.now();
    let requestBytes = 0;
    for (const c of commands)
      requestBytes += JSON.stringify({ t: c.target, n: c.name, a: c.args ?? null }).length;
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      commands: commands.length,
      ms: performance.now() - measuring,
    };
    fake.syncs.push(record);
    if (fake.yieldsOnSync()) await new Promise((r) => setTimeout(r, 0));
    if (requestBytes > LIMIT_BYTES) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `request of ${requestBytes} bytes`);
    }
    const started = performance.now();
    for (const c of commands) {
      c.run();
      if (c.response) record.responseBytes += JSON.stringify(c.response() ?? null).length;
    }
    record.ms += performance.now() - started;
    if (record.responseBytes > LIMIT_BYTES) {
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
    readonly path: string,
  ) {}

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

  /** Queues a command; `run` executes at the next sync. */
  protected command(name: string, args: unknown, run: () => void): void {
    this.context.enqueue({ target: this.path, name, args, run });
  }

  protected queueLoad(props: string[], snapshot: () => Record<string, unknown>): void {
    let data: Record<string, unknown> = {};
    this.context.enqueue({
      target: this.path,
      name: 'load',
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
    super(ctx, 'wb');
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
  }
}

class SettingCollectionProxy extends FakeProxy {
  constructor(ctx: FakeContext) {
    super(ctx, 'wb.settings');
  }

  add(key: string, value: unknown): void {
    this.command('add', { key, value }, () => {
      this.fake.settings.set(key, JSON.parse(JSON.stringify(value)));
    });
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.context, key);
  }
}

class SettingProxy extends FakeProxy {
  constructor(
    ctx: FakeContext,
    readonly key: string,
  ) {
    super(ctx, `wb.settings(${JSON.stringify(key)})`);
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
    this.command('delete', null, () => {
      this.fake.settings.delete(this.key);
    });
  }
}

class WorksheetCollectionProxy extends FakeProxy {
  private itemsList: WorksheetProxy[] | null = null;

  constructor(ctx: FakeContext) {
    super(ctx, 'wb.worksheets');
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.fake.sheet(name), `ws(${JSON.stringify(name)})`);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      () => this.fake.sheets.find((s) => s.name === name) ?? null,
      `ws?(${JSON.stringify(name)})`,
    );
  }

  add(name: string): WorksheetProxy {
    this.command('add', name, () => {
      this.fake.addSheet(name);
    });
    return this.getItem(name);
  }

  load(props?: string | string[] | { select?: string }): this {
    const wanted = propsOf(props)
      .map((p) => p.replace(/^items\//, ''))
      .filter((p) => p !== '' && p !== 'items');
    let snapshot: Record<string, unknown>[] = [];
    this.context.enqueue({
      target: this.path,
      name: 'load',
      args: props ?? null,
      run: () => {
        this.itemsList = this.fake.sheets.map((s) => {
          const ws = new WorksheetProxy(this.context, () => s, `ws(${JSON.stringify(s.name)})`);
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
      response: () => snapshot,
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
    path: string,
  ) {
    super(ctx, path);
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
      address ?? '*',
    );
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      this,
      () =>
        this.fake.usedRect(this.sheetNow(), valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 },
      `used(${valuesOnly === true})`,
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      this,
      () => this.fake.usedRect(this.sheetNow(), valuesOnly === true),
      `used?(${valuesOnly === true})`,
    );
  }

  activate(): void {
    this.command('activate', null, () => {
      const s = this.sheetNow();
      if (s.visibility !== 'Visible')
        throw new FakeOfficeError('InvalidOperation', 'cannot activate a hidden sheet');
      this.fake.activeSheet = s.name;
    });
  }

  delete(): void {
    this.command('delete', null, () => {
      const s = this.sheetNow();
      const i = this.fake.sheets.indexOf(s);
      this.fake.sheets.splice(i, 1);
    });
  }

  get protection() {
    const self = this;
    const proxy = {
      get protected(): boolean {
        return self.read('protection/protected');
      },
      load(props?: string) {
        self.loadProtection(props);
        return proxy;
      },
      protect(options?: Record<string, unknown>) {
        self.command('protection.protect', options ?? null, () => {
          const s = self.sheetNow();
          if (s.protection.protected)
            throw new FakeOfficeError('InvalidOperation', `${s.name} is already protected`);
          s.protection = { protected: true, options: options ?? {} };
        });
      },
      unprotect() {
        self.command('protection.unprotect', null, () => {
          const s = self.sheetNow();
          s.protection = { protected: false, options: null };
        });
      },
    };
    return proxy;
  }

  get freezePanes() {
    const set = (name: string, args: unknown, f: (s: FakeSheet) => void) =>
      this.command(`freezePanes.${name}`, args, () => f(this.sheetNow()));
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
    const setter = (key: 'orientation' | 'paperSize' | 'zoom' | 'printOrder') => (v: unknown) =>
      self.command(`pageLayout.${key}`, v, () => {
        requireApi();
        (self.sheetNow().pageLayout as Record<string, unknown>)[key] = v;
      });
    const section = (key: string) => (v: string) =>
      self.command(`pageLayout.headersFooters.defaultForAllPages.${key}`, v, () => {
        requireApi();
        const layout = self.sheetNow().pageLayout;
        layout.headersFooters = { ...layout.headersFooters, [key]: v };
      });
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
        self.command('pageLayout.setPrintTitleRows', rows, () => {
          requireApi();
          self.sheetNow().pageLayout.printTitleRows = rows;
        });
      },
      setPrintTitleColumns(columns: string) {
        self.command('pageLayout.setPrintTitleColumns', columns, () => {
          requireApi();
          self.sheetNow().pageLayout.printTitleColumns = columns;
        });
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
    private readonly label: string,
  ) {
    super(ctx, `${worksheet.path}.range(${label})`);
  }

  addressForCommand(): string {
    return this.label;
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

  select(): void {
    this.command('select', null, () => {
      const { s, r } = this.now();
      if (this.fake.activeSheet !== s.name)
        throw new FakeOfficeError('InvalidSelection', `${s.name} is not active`);
      this.fake.selection = { sheet: s.name, address: rectAddress(r) };
    });
  }

  merge(across?: boolean): void {
    this.command('merge', across ?? false, () => {
      const { s, r } = this.now();
      this.assertWritable(s, r, 'format');
      s.merges.push(r);
    });
  }

  unmerge(): void {
    this.command('unmerge', null, () => {
      const { s, r } = this.now();
      s.merges = s.merges.filter((m) => !intersects(m, r));
    });
  }

  clear(applyTo?: string): void {
    this.command('clear', applyTo ?? 'All', () => {
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
    const self = this;
    const fmt = (name: string, v: unknown, f: (c: FakeCell) => void) =>
      self.command(`format.${name}`, v, () => {
        const { s, r } = self.now();
        self.assertWritable(s, r, 'format');
        self.eachCell(s, r, f, true);
      });
    const border = (edge: string) => ({
      set style(v: string) {
        fmt(`borders.${edge}.style`, v, (c) => {
          c.format.borders = { ...c.format.borders, [edge]: { ...c.format.borders?.[edge], style: v } };
        });
      },
      set color(v: string) {
        fmt(`borders.${edge}.color`, v, (c) => {
          c.format.borders = { ...c.format.borders, [edge]: { ...c.format.borders?.[edge], color: v } };
        });
      },
      set weight(v: string) {
        fmt(`borders.${edge}.weight`, v, (c) => {
          c.format.borders = { ...c.format.borders, [edge]: { ...c.format.borders?.[edge], weight: v } };
        });
      },
    });
    return {
      fill: {
        set color(v: string) {
          fmt('fill.color', v, (c) => {
            c.format.fill = v;
          });
        },
      },
      font: {
        set color(v: string) {
          fmt('font.color', v, (c) => {
            c.format.fontColor = v;
          });
        },
        set bold(v: boolean) {
          fmt('font.bold', v, (c) => {
            c.format.bold = v;
          });
        },
        set italic(v: boolean) {
          fmt('font.italic', v, (c) => {
            c.format.italic = v;
          });
        },
        set size(v: number) {
          fmt('font.size', v, (c) => {
            c.format.size = v;
          });
        },
        set name(v: string) {
          fmt('font.name', v, (c) => {
            c.format.fontName = v;
          });
        },
      },
      set horizontalAlignment(v: string) {
        fmt('horizontalAlignment', v, (c) => {
          c.format.horizontal = v;
        });
      },
      set verticalAlignment(v: string) {
        fmt('verticalAlignment', v, (c) => {
          c.format.vertical = v;
        });
      },
      set wrapText(v: boolean) {
        fmt('wrapText', v, (c) => {
          c.format.wrap = v;
        });
      },
      set indentLevel(v: number) {
        fmt('indentLevel', v, (c) => {
          c.format.indent = v;
        });
      },
      borders: {
        getItem: (edge: string) => border(edge),
      },
      protection: {
        set locked(v: boolean) {
          self.command('format.protection.locked', v, () => {
            const { s, r } = self.now();
            self.assertWritable(s, r, 'format');
            self.eachCell(
              s,
              r,
              (c) => {
                c.locked = v;
              },
              true,
            );
          });
        },
      },
      set columnWidth(v: number) {
        self.command('format.columnWidth', v, () => {
          const { s, r } = self.now();
          for (let col = r.left; col <= Math.min(r.right, 200); col++) s.columnWidths.set(col, v);
        });
      },
      set rowHeight(v: number) {
        self.command('format.rowHeight', v, () => {
          const { s, r } = self.now();
          if (isWhole(r)) {
            s.rowHeights.clear();
            return;
          }
          for (let row = r.top; row <= r.bottom; row++) s.rowHeights.set(row, v);
        });
      },
      set useStandardHeight(v: boolean) {
        self.command('format.useStandardHeight', v, () => {
          const { s, r } = self.now();
          if (!v) return;
          for (const row of [...s.rowHeights.keys()])
            if (row >= r.top && row <= r.bottom) s.rowHeights.delete(row);
        });
      },
      set useStandardWidth(v: boolean) {
        self.command('format.useStandardWidth', v, () => {
          const { s, r } = self.now();
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
        // A new rule replaces whatever validation the cells had.
        s.validations = s.validations.filter((x) => !intersects(x.rect, r));
        v = { rect: r, rule: {} };
        s.validations.push(v);
      }
      return v;
    };
    const set = (name: string, value: unknown, f: (v: FakeValidation) => void) =>
      self.command(`dataValidation.${name}`, value, () => {
        const { s, r } = self.now();
        self.assertWritable(s, r, 'format');
        f(current(s, r));
      });
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
        self.command('dataValidation.clear', null, () => {
          const { s, r } = self.now();
          s.validations = s.validations.filter((x) => !intersects(x.rect, r));
        });
      },
    };
  }

  get conditionalFormats() {
    const self = this;
    return {
      add(type: string) {
        const holder: { cf: FakeConditionalFormat | null } = { cf: null };
        self.command('conditionalFormats.add', type, () => {
          const { s, r } = self.now();
          self.assertWritable(s, r, 'format');
          holder.cf = { id: self.fake.newId(), rect: r, type, formula: null, fill: null, fontColor: null };
          s.conditionalFormats.push(holder.cf);
        });
        const on = (name: string, v: unknown, f: (cf: FakeConditionalFormat) => void) =>
          self.command(`conditionalFormat.${name}`, v, () => {
            if (!holder.cf) throw new FakeOfficeError('InvalidOperation', 'conditional format not created');
            f(holder.cf);
          });
        return {
          custom: {
            rule: {
              set formula(v: string) {
                on('custom.rule.formula', v, (cf) => {
                  cf.formula = v;
                });
              },
            },
            format: {
              fill: {
                set color(v: string) {
                  on('custom.format.fill.color', v, (cf) => {
                    cf.fill = v;
                  });
                },
              },
              font: {
                set color(v: string) {
                  on('custom.format.font.color', v, (cf) => {
                    cf.fontColor = v;
                  });
                },
              },
            },
          },
        };
      },
      clearAll() {
        self.command('conditionalFormats.clearAll', null, () => {
          const { s, r } = self.now();
          s.conditionalFormats = s.conditionalFormats.filter((cf) => !intersects(cf.rect, r));
        });
      },
    };
  }
}
