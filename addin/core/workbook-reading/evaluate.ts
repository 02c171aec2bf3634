/**
 * What a workbook's formulas print, worked out from its cells as a spreadsheet does, so that PAC
 * compares the numbers a ministry prints and signs — not the cached results a file may carry
 * (stale, forged, or absent from files written by libraries) — and the same way in Excel, in
 * Google Sheets and on the service, which all hand over the same SheetContent.
 *
 * Only what the templates write is known: SUM, SUBTOTAL(9,…), SUMIFS with plain criteria, IF,
 * AND, OR, NOT, COUNT, ISNUMBER, ROUND, IFERROR, arithmetic and comparisons, references to cells and ranges of
 * any sheet of the workbook. Anything else is `unknown`; the reader reports a cell whose formula is
 * not the template's anyway.
 *
 * The spreadsheet's own rules are kept where they decide a total: SUM, SUBTOTAL and SUMIFS add
 * numbers only — a "1 500" typed as text, a boolean, an empty cell are left out; SUBTOTAL leaves
 * out cells that are SUBTOTALs themselves; an error value in a summed range makes the result that
 * error; text criteria compare without case and "1" matches the number 1. Sums are exact (Money).
 */
import type { CellValue } from '../grid.ts';
import { columnIndex } from '../grid.ts';
import { MILLION, type Money, moneyFromDecimal, moneyFromNumber } from '../money.ts';
import type { SheetContent } from '../sheet-content.ts';

export type Evaluated =
  | { kind: 'number'; value: Money }
  | { kind: 'text'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'empty' }
  | { kind: 'error'; value: string }
  | { kind: 'unknown' };

/** The error values spreadsheets show, as the Excel and Apps Script hosts and ExcelJS hand them over. */
export const ERROR_VALUES: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#ERROR!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

/** A cell's error value ("#REF!"), or null when it holds anything else. */
export function errorValueOf(value: CellValue): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toUpperCase();
  return ERROR_VALUES.has(text) ? text : null;
}

const EMPTY: Evaluated = { kind: 'empty' };
const UNKNOWN: Evaluated = { kind: 'unknown' };
const num = (value: Money): Evaluated => ({ kind: 'number', value });
const err = (value: string): Evaluated => ({ kind: 'error', value });

// Hosts hand a date cell over as the day it shows ("2021-01-05", or with its time): the readers
// report it where an amount belongs, but to the spreadsheet it is a number, its serial day.
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z)?$/;

function dateSerial(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  return Number.isNaN(time) ? null : (time - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A plain cell value as the spreadsheet holds it. */
export function evaluatedOf(value: CellValue): Evaluated {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'number') {
    const m = moneyFromNumber(value);
    return m === null ? err('#NUM!') : num(m);
  }
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  const error = errorValueOf(value);
  if (error) return err(error);
  const serial = dateSerial(value);
  const day = serial === null ? null : moneyFromNumber(serial);
  return day === null ? { kind: 'text', value } : num(day);
}

// --- Parsing ----------------------------------------------------------------------------------

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type Node =
  | { t: 'value'; v: Evaluated }
  | { t: 'ref'; sheet: string | null; rect: Rect }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'neg'; arg: Node }
  | { t: 'op'; op: string; left: Node; right: Node };

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})/;
const NUMBER = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.]*/;
const COMPARISON = ['<>', '<=', '>=', '=', '<', '>'] as const;

class Parser {
  i = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw new SyntaxError(`formula: cannot read at ${this.i}`);
  }

  skip(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }

  peek(s: string): boolean {
    this.skip();
    return this.text.startsWith(s, this.i);
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.i += s.length;
    return true;
  }

  parse(): Node {
    const node = this.comparison();
    this.skip();
    if (this.i !== this.text.length) this.fail();
    return node;
  }

  comparison(): Node {
    let left = this.additive();
    for (;;) {
      const op = COMPARISON.find((o) => this.peek(o));
      if (!op) return left;
      this.i += op.length;
      left = { t: 'op', op, left, right: this.additive() };
    }
  }

  additive(): Node {
    let left = this.term();
    for (;;) {
      if (this.eat('+')) left = { t: 'op', op: '+', left, right: this.term() };
      else if (this.eat('-')) left = { t: 'op', op: '-', left, right: this.term() };
      else return left;
    }
  }

  term(): Node {
    let left = this.unary();
    for (;;) {
      if (this.eat('*')) left = { t: 'op', op: '*', left, right: this.unary() };
      else if (this.eat('/')) left = { t: 'op', op: '/', left, right: this.unary() };
      else return left;
    }
  }

  unary(): Node {
    if (this.eat('-')) return { t: 'neg', arg: this.unary() };
    if (this.eat('+')) return this.unary();
    return this.primary();
  }

  primary(): Node {
    this.skip();
    const rest = this.text.slice(this.i);
    if (rest.startsWith('(')) {
      this.i++;
      const inner = this.comparison();
      if (!this.eat(')')) this.fail();
      return inner;
    }
    if (rest.startsWith('"')) return { t: 'value', v: { kind: 'text', value: this.string() } };
    if (rest.startsWith("'")) return this.reference(this.quotedSheet());
    const n = NUMBER.exec(rest);
    if (n) {
      this.i += n[0].length;
      const m = moneyFromDecimal(n[0]);
      return { t: 'value', v: m === null ? err('#NUM!') : num(m) };
    }
    if (rest.startsWith('#')) {
      const e = [...ERROR_VALUES].find((v) => rest.toUpperCase().startsWith(v));
      if (!e) this.fail();
      this.i += e.length;
      return { t: 'value', v: err(e) };
    }
    const name = NAME.exec(rest);
    if (!name) this.fail();
    const word = name[0];
    const after = this.text[this.i + word.length];
    if (after === '!') {
      this.i += word.length;
      return this.reference(word);
    }
    if (
      after === '(' ||
      this.text
        .slice(this.i + word.length)
        .trimStart()
        .startsWith('(')
    ) {
      this.i += word.length;
      this.eat('(');
      const args: Node[] = [];
      if (!this.eat(')')) {
        do args.push(this.comparison());
        while (this.eat(','));
        if (!this.eat(')')) this.fail();
      }
      return { t: 'call', name: word.toUpperCase().replace(/^_XL(FN|WS)\./, ''), args };
    }
    if (CELL.test(rest)) return this.reference(null);
    const upper = word.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') {
      this.i += word.length;
      return { t: 'value', v: { kind: 'boolean', value: upper === 'TRUE' } };
    }
    return this.fail();
  }

  string(): string {
    let out = '';
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.fail();
      if (ch === '"') {
        if (this.text[this.i + 1] === '"') {
          out += '"';
          this.i += 2;
          continue;
        }
        this.i++;
        return out;
      }
      out += ch;
      this.i++;
    }
  }

  quotedSheet(): string {
    let name = '';
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.fail();
      if (ch === "'") {
        if (this.text[this.i + 1] === "'") {
          name += "'";
          this.i += 2;
          continue;
        }
        this.i++;
        break;
      }
      name += ch;
      this.i++;
    }
    if (this.text[this.i] !== '!') this.fail();
    return name;
  }

  /** A cell or a range after an optional "Sheet!" (the "!" not yet eaten when a sheet was read). */
  reference(sheet: string | null): Node {
    if (sheet !== null) this.i++;
    const first = this.cell();
    let rect: Rect = { top: first.row, left: first.col, bottom: first.row, right: first.col };
    if (this.text[this.i] === ':') {
      this.i++;
      const second = this.cell();
      rect = {
        top: Math.min(first.row, second.row),
        left: Math.min(first.col, second.col),
        bottom: Math.max(first.row, second.row),
        right: Math.max(first.col, second.col),
      };
    }
    return { t: 'ref', sheet, rect };
  }

  cell(): { row: number; col: number } {
    const m = CELL.exec(this.text.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
    return { row: Number(m[2]), col: columnIndex(m[1] as string) };
  }
}

/** The formula's syntax tree, or null when it is not written with what this file knows. */
function parse(formula: string): Node | null {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  if (text.length > 2000) return null;
  try {
    return new Parser(text).parse();
  } catch {
    return null;
  }
}

// --- Evaluating -------------------------------------------------------------------------------

/** A range as a function argument: its cells are read lazily, row by row. */
interface RangeArg {
  kind: 'range';
  sheet: string;
  rect: Rect;
}

type Arg = Evaluated | RangeArg;

const isRange = (a: Arg): a is RangeArg => a.kind === 'range';

const ROUNDING = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n] as const;

/** A value in arithmetic, as spreadsheets coerce it: empty is 0, a number-looking text its number. */
function toNumber(v: Evaluated): Evaluated {
  switch (v.kind) {
    case 'number':
    case 'error':
    case 'unknown':
      return v;
    case 'empty':
      return num(0n);
    case 'boolean':
      return num(v.value ? MILLION : 0n);
    case 'text': {
      const m = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v.value)
        ? moneyFromDecimal(v.value.trim())
        : null;
      return m === null ? err('#VALUE!') : num(m);
    }
  }
}

function toBoolean(v: Evaluated): Evaluated {
  switch (v.kind) {
    case 'boolean':
    case 'error':
    case 'unknown':
      return v;
    case 'empty':
      return { kind: 'boolean', value: false };
    case 'number':
      return { kind: 'boolean', value: v.value !== 0n };
    case 'text': {
      const t = v.value.toUpperCase();
      return t === 'TRUE' || t === 'FALSE' ? { kind: 'boolean', value: t === 'TRUE' } : err('#VALUE!');
    }
  }
}

/** Equality and order the way comparisons see it: numbers by value, text without case. */
function compare(a: Evaluated, b: Evaluated): number | null {
  const norm = (v: Evaluated): Evaluated =>
    v.kind === 'empty' ? (b.kind === 'text' || a.kind === 'text' ? { kind: 'text', value: '' } : num(0n)) : v;
  const x = norm(a);
  const y = norm(b);
  const rank = (v: Evaluated) => (v.kind === 'number' ? 0 : v.kind === 'text' ? 1 : 2);
  if (x.kind !== y.kind) return rank(x) - rank(y);
  if (x.kind === 'number' && y.kind === 'number') return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
  if (x.kind === 'text' && y.kind === 'text') {
    const p = x.value.toLowerCase();
    const q = y.value.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  if (x.kind === 'boolean' && y.kind === 'boolean') return Number(x.value) - Number(y.value);
  return null;
}

/** A SUMIFS criterion as a test of a cell; null for the operators and wildcards PAC never writes. */
function criterion(c: Evaluated): ((v: Evaluated) => boolean) | null {
  if (c.kind === 'number') return (v) => v.kind === 'number' && v.value === c.value;
  if (c.kind === 'empty') return (v) => v.kind === 'empty';
  if (c.kind !== 'text') return null;
  let text = c.value;
  if (/^[<>]/.test(text) || /[*?~]/.test(text)) return null;
  if (text.startsWith('=')) text = text.slice(1);
  if (text === '') return (v) => v.kind === 'empty' || (v.kind === 'text' && v.value === '');
  const asNumber = /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? moneyFromDecimal(text.trim()) : null;
  const lower = text.toLowerCase();
  return (v) =>
    (v.kind === 'text' && v.value.toLowerCase() === lower) ||
    (asNumber !== null && v.kind === 'number' && v.value === asNumber);
}

/**
 * Evaluates the formulas of a set of sheets (one workbook). Each cell is worked out once and kept;
 * a circular reference evaluates to an error, as spreadsheets show one.
 */
export class WorkbookEvaluator {
  readonly #sheets = new Map<string, SheetContent>();
  readonly #memo = new Map<string, Evaluated>();
  readonly #trees = new Map<string, Node | null>();
  readonly #ranges = new Map<string, Evaluated[]>();
  readonly #masks = new Map<string, Uint8Array>();

  /** The last row holding anything, per sheet: ranges over whole columns stop there. */
  readonly #lastRow = new Map<SheetContent, number>();

  constructor(sheets: readonly SheetContent[]) {
    for (const s of sheets) {
      this.#sheets.set(s.grid.sheet.toLowerCase(), s);
      let last = s.grid.rows.length;
      for (const row of s.formulas.keys()) if (row > last) last = row;
      this.#lastRow.set(s, last);
    }
  }

  #content(sheet: string): SheetContent | undefined {
    return this.#sheets.get(sheet.toLowerCase());
  }

  /** The formula of a cell, without "=", if it holds one. */
  formulaAt(sheet: string, row1: number, col0: number): string | undefined {
    return this.#content(sheet)?.formulas.get(row1)?.get(col0);
  }

  /** What a cell shows: its formula's result, or its value. */
  valueAt(sheet: string, row1: number, col0: number): Evaluated {
    const content = this.#content(sheet);
    if (!content) return err('#REF!');
    const formula = content.formulas.get(row1)?.get(col0);
    if (formula === undefined) return evaluatedOf(content.grid.rows[row1 - 1]?.[col0]);
    const key = `${content.grid.sheet}\u0000${row1}\u0000${col0}`;
    const seen = this.#memo.get(key);
    if (seen) return seen;
    this.#memo.set(key, err('#CIRC!'));
    const value = this.evaluate(formula, content.grid.sheet);
    this.#memo.set(key, value);
    return value;
  }

  /** A formula's result as it would show in a cell of `sheet`. */
  evaluate(formula: string, sheet: string): Evaluated {
    let tree = this.#trees.get(formula);
    if (tree === undefined) {
      tree = parse(formula);
      this.#trees.set(formula, tree);
    }
    return tree === null ? UNKNOWN : this.#scalar(tree, sheet);
  }

  #arg(node: Node, sheet: string): Arg {
    if (node.t === 'ref') return { kind: 'range', sheet: node.sheet ?? sheet, rect: node.rect };
    return this.#scalar(node, sheet);
  }

  #scalar(node: Node, sheet: string): Evaluated {
    switch (node.t) {
      case 'value':
        return node.v;
      case 'ref': {
        const { rect } = node;
        // A range where one value is wanted: spreadsheets would intersect it with the cell's row.
        if (rect.top !== rect.bottom || rect.left !== rect.right) return UNKNOWN;
        return this.valueAt(node.sheet ?? sheet, rect.top, rect.left);
      }
      case 'neg': {
        const v = toNumber(this.#scalar(node.arg, sheet));
        return v.kind === 'number' ? num(-v.value) : v;
      }
      case 'op':
        return this.#operator(node.op, this.#scalar(node.left, sheet), this.#scalar(node.right, sheet));
      case 'call':
        return this.#call(
          node.name,
          node.args.map((a) => this.#arg(a, sheet)),
        );
    }
  }

  #operator(op: string, left: Evaluated, right: Evaluated): Evaluated {
    if (op === '+' || op === '-' || op === '*' || op === '/') {
      const a = toNumber(left);
      if (a.kind !== 'number') return a;
      const b = toNumber(right);
      if (b.kind !== 'number') return b;
      switch (op) {
        case '+':
          return num(a.value + b.value);
        case '-':
          return num(a.value - b.value);
        case '*':
          return num(roundDiv(a.value * b.value, MILLION));
        default:
          return b.value === 0n ? err('#DIV/0!') : num(roundDiv(a.value * MILLION, b.value));
      }
    }
    for (const v of [left, right]) if (v.kind === 'error' || v.kind === 'unknown') return v;
    const c = compare(left, right);
    if (c === null) return UNKNOWN;
    const result =
      op === '='
        ? c === 0
        : op === '<>'
          ? c !== 0
          : op === '<'
            ? c < 0
            : op === '>'
              ? c > 0
              : op === '<='
                ? c <= 0
                : c >= 0;
    return { kind: 'boolean', value: result };
  }

  /** Every cell of a range, in rows then columns, with whether it is a SUBTOTAL itself. */
  *#cells(range: RangeArg): Generator<{ value: Evaluated; subtotal: boolean }> {
    const content = this.#content(range.sheet);
    if (!content) {
      yield { value: err('#REF!'), subtotal: false };
      return;
    }
    const { rect } = range;
    const rows = content.grid.rows;
    // Rows past the sheet's last one are empty: no need to walk a whole-column range.
    const bottom = Math.min(rect.bottom, this.#lastRow.get(content) ?? rows.length);
    for (let r = rect.top; r <= bottom; r++) {
      const formulas = content.formulas.get(r);
      const values = rows[r - 1];
      if (!formulas && !values) continue;
      for (let c = rect.left; c <= rect.right; c++) {
        const formula = formulas?.get(c);
        if (formula === undefined) {
          const v = values?.[c];
          if (v === null || v === undefined || v === '') continue;
          yield { value: evaluatedOf(v), subtotal: false };
        } else {
          yield { value: this.valueAt(content.grid.sheet, r, c), subtotal: /SUBTOTAL\s*\(/i.test(formula) };
        }
      }
    }
  }

  /** The numbers of the arguments, as SUM adds them; the first error or unknown stops it. */
  #sum(args: readonly Arg[], skipSubtotals: boolean): Evaluated {
    let total = 0n;
    for (const a of args) {
      if (!isRange(a)) {
        const v = toNumber(a);
        if (v.kind !== 'number') return v;
        total += v.value;
        continue;
      }
      for (const { value, subtotal } of this.#cells(a)) {
        if (skipSubtotals && subtotal) continue;
        if (value.kind === 'number') total += value.value;
        else if (value.kind === 'error' || value.kind === 'unknown') return value;
      }
    }
    return num(total);
  }

  #call(name: string, args: Arg[]): Evaluated {
    switch (name) {
      case 'SUM':
        return this.#sum(args, false);
      case 'SUBTOTAL': {
        const [fn, ...ranges] = args;
        if (!fn || isRange(fn) || fn.kind !== 'number' || fn.value !== 9n * MILLION) return UNKNOWN;
        if (!ranges.every(isRange)) return UNKNOWN;
        return this.#sum(ranges, true);
      }
      case 'COUNT': {
        let n = 0n;
        for (const a of args) {
          if (!isRange(a)) {
            if (a.kind === 'number') n++;
            continue;
          }
          for (const { value } of this.#cells(a)) if (value.kind === 'number') n++;
        }
        return num(n * MILLION);
      }
      case 'IF': {
        const [test, yes, no] = args;
        if (!test || args.length > 3) return UNKNOWN;
        const t = toBoolean(this.#single(test));
        if (t.kind !== 'boolean') return t;
        const chosen = t.value ? yes : no;
        if (chosen === undefined) return t.value ? num(0n) : { kind: 'boolean', value: false };
        return this.#single(chosen);
      }
      case 'AND':
      case 'OR': {
        if (args.length === 0) return UNKNOWN;
        let result = name === 'AND';
        for (const a of args) {
          const v = toBoolean(this.#single(a));
          if (v.kind !== 'boolean') return v;
          result = name === 'AND' ? result && v.value : result || v.value;
        }
        return { kind: 'boolean', value: result };
      }
      case 'NOT': {
        const [v] = args;
        if (!v || args.length !== 1) return UNKNOWN;
        const b = toBoolean(this.#single(v));
        return b.kind === 'boolean' ? { kind: 'boolean', value: !b.value } : b;
      }
      case 'ISNUMBER': {
        const [v] = args;
        if (!v || args.length !== 1) return UNKNOWN;
        const value = this.#single(v);
        return value.kind === 'unknown' ? value : { kind: 'boolean', value: value.kind === 'number' };
      }
      case 'IFERROR': {
        const [v, fallback] = args;
        if (!v || !fallback || args.length !== 2) return UNKNOWN;
        const value = this.#single(v);
        return value.kind === 'error' ? this.#single(fallback) : value;
      }
      case 'ROUND': {
        const [v, digits] = args;
        if (!v || !digits || args.length !== 2) return UNKNOWN;
        const x = toNumber(this.#single(v));
        const d = toNumber(this.#single(digits));
        if (x.kind !== 'number') return x;
        if (d.kind !== 'number' || d.value % MILLION !== 0n) return UNKNOWN;
        const places = Number(d.value / MILLION);
        // Money already stops at the FCFA (6 decimals of millions); fewer places round it further.
        if (places >= 6) return x;
        if (places < 0) return UNKNOWN;
        const step = (ROUNDING[6 - places] as bigint) ?? 1n;
        return num(roundDiv(x.value, step) * step);
      }
      case 'SUMIFS': {
        const [sumRange, ...pairs] = args;
        if (!sumRange || !isRange(sumRange) || pairs.length === 0 || pairs.length % 2 !== 0) return UNKNOWN;
        return this.#sumifs(sumRange, pairs);
      }
      default:
        return UNKNOWN;
    }
  }

  /** A single value from an argument: a one-cell range is its cell; a larger range is unknown. */
  #single(a: Arg): Evaluated {
    if (!isRange(a)) return a;
    const { rect } = a;
    if (rect.top !== rect.bottom || rect.left !== rect.right) return UNKNOWN;
    return this.valueAt(a.sheet, rect.top, rect.left);
  }

  /**
   * The values of a range, row by row, kept: the summary's SUMIFS read the same key and amount
   * columns of the entry sheet for every row and field.
   */
  #values(range: RangeArg): Evaluated[] {
    const { rect } = range;
    const key = rangeKey(range);
    let values = this.#ranges.get(key);
    if (!values) {
      values = [];
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) values.push(this.valueAt(range.sheet, r, c));
      this.#ranges.set(key, values);
    }
    return values;
  }

  #sumifs(sumRange: RangeArg, pairs: Arg[]): Evaluated {
    const size = (r: Rect) => `${r.bottom - r.top}:${r.right - r.left}`;
    const keys: string[] = [];
    const tests: { values: Evaluated[]; test: (v: Evaluated) => boolean }[] = [];
    for (let k = 0; k < pairs.length; k += 2) {
      const range = pairs[k] as Arg;
      const c = pairs[k + 1] as Arg;
      if (!isRange(range)) return UNKNOWN;
      if (size(range.rect) !== size(sumRange.rect)) return err('#VALUE!');
      const criterionValue = this.#single(c);
      const test = criterion(criterionValue);
      if (!test) return UNKNOWN;
      tests.push({ values: this.#values(range), test });
      keys.push(`${rangeKey(range)}\u0001${JSON.stringify(criterionValue)}`);
    }
    // The summary's SUMIFS ask the same criteria for every amount column: the rows that match are
    // worked out once per set of criteria.
    const maskKey = keys.join('\u0002');
    let mask = this.#masks.get(maskKey);
    if (!mask) {
      const length = tests[0]?.values.length ?? 0;
      mask = new Uint8Array(length);
      for (let i = 0; i < length; i++)
        mask[i] = tests.every(({ values, test }) => test(values[i] as Evaluated)) ? 1 : 0;
      this.#masks.set(maskKey, mask);
    }
    const amounts = this.#values(sumRange);
    let total = 0n;
    for (let i = 0; i < amounts.length; i++) {
      if (mask[i] !== 1) continue;
      const v = amounts[i] as Evaluated;
      if (v.kind === 'number') total += v.value;
      else if (v.kind === 'error' || v.kind === 'unknown') return v;
    }
    return num(total);
  }
}

const rangeKey = (range: RangeArg) =>
  `${range.sheet.toLowerCase()}\u0000${range.rect.top}:${range.rect.left}:${range.rect.bottom}:${range.rect.right}`;

/** a / b rounded half away from zero, as spreadsheets show a result cut to the FCFA. */
function roundDiv(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  let q = x / y;
  if ((x % y) * 2n >= y) q += 1n;
  return negative ? -q : q;
}
