/**
 * A small hand-written fake of the part of SpreadsheetApp that addin/sheets/sheets-host.ts uses,
 * faithful where the add-on's speed and correctness depend on it:
 *
 * - every method call is counted by "Class.method" (`calls`), so tests can say "one setValues per
 *   block" and "no per-cell writes";
 * - setValues reads each value as if typed, as Sheets does: "'…" is text (the apostrophe is not
 *   kept), "=…" and "+x"/"-x" become formulas, number-looking text a number (in the spreadsheet's
 *   locale), an ISO date a Date, TRUE/FALSE a boolean;
 * - a formula with "," separators in a decimal-comma locale reads back as "#ERROR!" (Sheets'
 *   parse error); formulas read back computed for what PAC's entry sheet uses (SUM, SUBTOTAL(9,…),
 *   IF(COUNT(…)=0,"",SUM(…))), any other as "";
 * - getValues returns "" for empty cells and Date objects for dates; getDataRange starts at A1 and
 *   ends at the last cell with content;
 * - what Sheets refuses throws: a range outside the sheet, a data array of the wrong shape, two
 *   sheets of one name, hiding the last visible sheet, freezing through a merged range.
 *
 * Protections are recorded, not enforced: PAC's are warning-only, which never stops a script.
 */
import { colIndex, colLetters } from '../fixtures/column-letters.ts';

// --- Addresses ------------------------------------------------------------------------------------

/** 0-based, bounds included. */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:D9" or "$B$3" (no sheet part) → a box. */
export function parseA1(a1: string): Box {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(a1.trim());
  if (!m) throw new Error(`Range not found: ${a1}`);
  const [, c1 = '', r1 = '', c2 = c1, r2 = r1] = m;
  const rows = [Number(r1) - 1, Number(r2) - 1];
  const cols = [colIndex(c1), colIndex(c2)];
  return {
    top: Math.min(...rows),
    bottom: Math.max(...rows),
    left: Math.min(...cols),
    right: Math.max(...cols),
  };
}

export function a1Of(b: Box): string {
  const from = `${colLetters(b.left)}${b.top + 1}`;
  const to = `${colLetters(b.right)}${b.bottom + 1}`;
  return from === to ? from : `${from}:${to}`;
}

// --- Cells ----------------------------------------------------------------------------------------

export type Scalar = string | number | boolean | Date;

export interface Cell {
  value: Scalar;
  formula: string | null;
  /** Written behind an apostrophe: Sheets keeps it as text. */
  quoted: boolean;
  numberFormat: string;
  background: string;
  font: { family?: string; size?: number; weight?: string; style?: string; color?: string };
  border: string | null;
  align: { horizontal?: string; vertical?: string };
  wrap: boolean;
  validation: FakeRule | null;
}

const blankCell = (): Cell => ({
  value: '',
  formula: null,
  quoted: false,
  numberFormat: '',
  background: '#ffffff',
  font: {},
  border: null,
  align: {},
  wrap: false,
  validation: null,
});

function decimalComma(locale: string): boolean {
  return /^(fr|de|es|it|pt|nl|ru|pl|tr)/.test(locale);
}

/** Whether a formula has "," outside literals — what a decimal-comma locale cannot parse. */
function hasCommaSeparator(formula: string): boolean {
  let quote: string | null = null;
  for (const ch of formula) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') return true;
  }
  return false;
}

/** What Sheets makes of a value written by setValues, as if typed. */
export function typed(value: unknown, locale: string): Pick<Cell, 'value' | 'formula' | 'quoted'> {
  if (value === null || value === undefined) return { value: '', formula: null, quoted: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { value, formula: null, quoted: false };
  if (Object.prototype.toString.call(value) === '[object Date]') {
    return { value: new Date((value as Date).getTime()), formula: null, quoted: false };
  }
  const s = String(value);
  if (s.startsWith("'")) return { value: s.slice(1), formula: null, quoted: true };
  if (s.startsWith('=') && s.length > 1) return { value: '', formula: s, quoted: false };
  const comma = decimalComma(locale);
  const t = s.trim();
  const numeric = comma
    ? /^[+-]?\d[\d\s\u00a0]*(,\d+)?$/.test(t)
      ? Number(t.replace(/[\s\u00a0]/g, '').replace(',', '.'))
      : null
    : /^[+-]?\d[\d,]*(\.\d+)?$/.test(t)
      ? Number(t.replace(/,/g, ''))
      : null;
  if (numeric !== null && Number.isFinite(numeric)) return { value: numeric, formula: null, quoted: false };
  if (/^[+-]\S/.test(s)) return { value: '', formula: `=${s}`, quoted: false };
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(t)) {
    return { value: new Date(t.length === 10 ? `${t}T00:00:00Z` : t), formula: null, quoted: false };
  }
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true', formula: null, quoted: false };
  return { value: s, formula: null, quoted: false };
}

// --- Builders and rules ---------------------------------------------------------------------------

export interface FakeRule {
  criteria: 'NUMBER_GREATER_THAN_OR_EQUAL_TO' | 'VALUE_IN_RANGE' | 'VALUE_IN_LIST';
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

class ValidationBuilder {
  private rule: FakeRule = { criteria: 'VALUE_IN_LIST', args: [], allowInvalid: true, helpText: '' };
  constructor(private readonly fake: FakeSpreadsheet) {}
  requireNumberGreaterThanOrEqualTo(n: number) {
    this.fake.count('DataValidationBuilder.requireNumberGreaterThanOrEqualTo');
    this.rule = { ...this.rule, criteria: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', args: [n] };
    return this;
  }
  requireValueInRange(range: FakeRange, showDropdown: boolean) {
    this.fake.count('DataValidationBuilder.requireValueInRange');
    this.rule = {
      ...this.rule,
      criteria: 'VALUE_IN_RANGE',
      args: [`${range.sheet.name}!${range.getA1Notation()}`, showDropdown],
    };
    return this;
  }
  requireValueInList(values: string[], showDropdown: boolean) {
    this.fake.count('DataValidationBuilder.requireValueInList');
    this.rule = { ...this.rule, criteria: 'VALUE_IN_LIST', args: [[...values], showDropdown] };
    return this;
  }
  setAllowInvalid(allow: boolean) {
    this.rule = { ...this.rule, allowInvalid: allow };
    return this;
  }
  setHelpText(text: string) {
    this.rule = { ...this.rule, helpText: text };
    return this;
  }
  build(): FakeRule {
    return { ...this.rule };
  }
}

export interface FakeConditionalRule {
  formula: string;
  background: string | null;
  fontColor: string | null;
  ranges: string[];
}

class ConditionalBuilder {
  private rule: FakeConditionalRule = { formula: '', background: null, fontColor: null, ranges: [] };
  whenFormulaSatisfied(formula: string) {
    this.rule.formula = formula;
    return this;
  }
  setBackground(color: string) {
    this.rule.background = color;
    return this;
  }
  setFontColor(color: string) {
    this.rule.fontColor = color;
    return this;
  }
  setRanges(ranges: FakeRange[]) {
    this.rule.ranges = ranges.map((r) => r.getA1Notation());
    return this;
  }
  build(): FakeConditionalRule {
    return { ...this.rule, ranges: [...this.rule.ranges] };
  }
}

export class FakeProtection {
  warningOnly = false;
  description = '';
  unprotected: string[] = [];
  removed = false;
  constructor(
    readonly sheet: FakeSheet,
    readonly type: 'SHEET' | 'RANGE',
  ) {}
  setWarningOnly(w: boolean) {
    this.sheet.fake.count('Protection.setWarningOnly');
    this.warningOnly = w;
    return this;
  }
  isWarningOnly() {
    return this.warningOnly;
  }
  setDescription(d: string) {
    this.description = d;
    return this;
  }
  setUnprotectedRanges(ranges: FakeRange[]) {
    this.sheet.fake.count('Protection.setUnprotectedRanges');
    this.unprotected = ranges.map((r) => r.getA1Notation());
    return this;
  }
  remove() {
    this.sheet.fake.count('Protection.remove');
    this.removed = true;
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this);
  }
}

// --- Ranges ---------------------------------------------------------------------------------------

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly box: Box,
  ) {}

  private get fake() {
    return this.sheet.fake;
  }

  private each(f: (c: Cell, row: number, col: number) => void) {
    for (let r = this.box.top; r <= this.box.bottom; r++)
      for (let c = this.box.left; c <= this.box.right; c++) f(this.sheet.cellFor(r, c), r, c);
  }

  private grid<T>(f: (c: Cell | undefined, row: number, col: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = this.box.top; r <= this.box.bottom; r++) {
      const line: T[] = [];
      for (let c = this.box.left; c <= this.box.right; c++) line.push(f(this.sheet.cellAt(r, c), r, c));
      out.push(line);
    }
    return out;
  }

  private checkShape(data: unknown[][], what: string) {
    const rows = this.box.bottom - this.box.top + 1;
    const cols = this.box.right - this.box.left + 1;
    if (!Array.isArray(data) || data.length !== rows)
      throw new Error(`The number of rows in the ${what} does not match the number of rows in the range.`);
    for (const line of data)
      if (!Array.isArray(line) || line.length !== cols)
        throw new Error(
          `The number of columns in the ${what} does not match the number of columns in the range.`,
        );
  }

  getA1Notation() {
    return a1Of(this.box);
  }
  getSheet() {
    return this.sheet;
  }
  getRow() {
    return this.box.top + 1;
  }
  getColumn() {
    return this.box.left + 1;
  }
  getNumRows() {
    return this.box.bottom - this.box.top + 1;
  }
  getNumColumns() {
    return this.box.right - this.box.left + 1;
  }

  getValues(): Scalar[][] {
    this.fake.count('Range.getValues');
    return this.grid((c) => (c ? this.sheet.valueOf(c) : ''));
  }
  getFormulas(): string[][] {
    this.fake.count('Range.getFormulas');
    return this.grid((c) => c?.formula ?? '');
  }
  getBackgrounds(): string[][] {
    this.fake.count('Range.getBackgrounds');
    return this.grid((c) => c?.background ?? '#ffffff');
  }
  getDataValidations(): (FakeRule | null)[][] {
    return this.grid((c) => c?.validation ?? null);
  }

  setValues(data: unknown[][]) {
    this.fake.count('Range.setValues');
    this.checkShape(data, 'data');
    this.each((c, r, col) => {
      Object.assign(c, typed(data[r - this.box.top]?.[col - this.box.left], this.fake.locale));
    });
    return this;
  }
  setValue(value: unknown) {
    this.fake.count('Range.setValue');
    this.each((c) => Object.assign(c, typed(value, this.fake.locale)));
    return this;
  }
  setFormula(formula: string) {
    this.fake.count('Range.setFormula');
    this.each((c) => Object.assign(c, { value: '', formula, quoted: false }));
    return this;
  }
  setFormulas(formulas: string[][]) {
    this.fake.count('Range.setFormulas');
    this.checkShape(formulas, 'formulas');
    this.each((c, r, col) => {
      Object.assign(c, { value: '', formula: formulas[r - this.box.top]?.[col - this.box.left] ?? null });
    });
    return this;
  }
  setNumberFormat(format: string) {
    this.fake.count('Range.setNumberFormat');
    this.each((c) => {
      c.numberFormat = format;
    });
    return this;
  }
  setNumberFormats(formats: string[][]) {
    this.fake.count('Range.setNumberFormats');
    this.checkShape(formats, 'number formats');
    this.each((c, r, col) => {
      c.numberFormat = formats[r - this.box.top]?.[col - this.box.left] ?? '';
    });
    return this;
  }
  setBackground(color: string | null) {
    this.fake.count('Range.setBackground');
    this.each((c) => {
      c.background = color ?? '#ffffff';
    });
    return this;
  }
  setBackgrounds(colors: string[][]) {
    this.fake.count('Range.setBackgrounds');
    this.checkShape(colors, 'backgrounds');
    this.each((c, r, col) => {
      c.background = colors[r - this.box.top]?.[col - this.box.left] ?? '#ffffff';
    });
    return this;
  }
  setDataValidations(rules: (FakeRule | null)[][]) {
    this.fake.count('Range.setDataValidations');
    this.checkShape(rules, 'data validations');
    this.each((c, r, col) => {
      c.validation = rules[r - this.box.top]?.[col - this.box.left] ?? null;
    });
    return this;
  }
  setDataValidation(rule: FakeRule | null) {
    this.fake.count('Range.setDataValidation');
    this.each((c) => {
      c.validation = rule;
    });
    return this;
  }
  clearDataValidations() {
    this.fake.count('Range.clearDataValidations');
    this.each((c) => {
      c.validation = null;
    });
    return this;
  }
  merge() {
    this.fake.count('Range.merge');
    const b = this.box;
    const { frozenRows: fr, frozenColumns: fc } = this.sheet;
    if ((fc > 0 && b.left < fc && b.right >= fc) || (fr > 0 && b.top < fr && b.bottom >= fr))
      throw new Error("You can't merge frozen and non-frozen rows or columns.");
    this.sheet.merges.push({ ...b });
    return this;
  }
  breakApart() {
    this.fake.count('Range.breakApart');
    const b = this.box;
    this.sheet.merges = this.sheet.merges.filter(
      (m) => m.bottom < b.top || m.top > b.bottom || m.right < b.left || m.left > b.right,
    );
    return this;
  }
  activate() {
    this.fake.count('Range.activate');
    this.fake.activeSheet = this.sheet;
    this.fake.selection = { sheet: this.sheet.name, a1: this.getA1Notation() };
    return this;
  }
  // Looks, also reached through RangeList.
  setFontFamily(family: string) {
    this.fake.count('Range.setFontFamily');
    this.each((c) => {
      c.font.family = family;
    });
    return this;
  }
  setFontSize(size: number) {
    this.fake.count('Range.setFontSize');
    this.each((c) => {
      c.font.size = size;
    });
    return this;
  }
  setFontWeight(weight: string) {
    this.fake.count('Range.setFontWeight');
    this.each((c) => {
      c.font.weight = weight;
    });
    return this;
  }
  setFontStyle(style: string) {
    this.fake.count('Range.setFontStyle');
    this.each((c) => {
      c.font.style = style;
    });
    return this;
  }
  setFontColor(color: string) {
    this.fake.count('Range.setFontColor');
    this.each((c) => {
      c.font.color = color;
    });
    return this;
  }
  setBorder(...args: unknown[]) {
    this.fake.count('Range.setBorder');
    this.each((c) => {
      c.border = `${String(args[6])} ${String(args[7])}`;
    });
    return this;
  }
  setHorizontalAlignment(a: string) {
    this.fake.count('Range.setHorizontalAlignment');
    this.each((c) => {
      c.align.horizontal = a;
    });
    return this;
  }
  setVerticalAlignment(a: string) {
    this.fake.count('Range.setVerticalAlignment');
    this.each((c) => {
      c.align.vertical = a;
    });
    return this;
  }
  setWrap(w: boolean) {
    this.fake.count('Range.setWrap');
    this.each((c) => {
      c.wrap = w;
    });
    return this;
  }
}

const LIST_SETTERS = [
  'setBackground',
  'setFontFamily',
  'setFontSize',
  'setFontWeight',
  'setFontStyle',
  'setFontColor',
  'setBorder',
  'setHorizontalAlignment',
  'setVerticalAlignment',
  'setWrap',
  'setNumberFormat',
] as const;

export class FakeRangeList {
  constructor(
    readonly sheet: FakeSheet,
    readonly ranges: FakeRange[],
  ) {
    for (const name of LIST_SETTERS) {
      (this as unknown as Record<string, (...a: unknown[]) => FakeRangeList>)[name] = (
        ...args: unknown[]
      ) => {
        sheet.fake.count(`RangeList.${name}`);
        // The per-range work is what Sheets does inside the one call: not counted as calls.
        sheet.fake.silently(() => {
          for (const r of ranges)
            (r as unknown as Record<string, (...a: unknown[]) => unknown>)[name]?.(...args);
        });
        return this;
      };
    }
  }
  getRanges() {
    return [...this.ranges];
  }
}

// --- Sheets ---------------------------------------------------------------------------------------

export class FakeSheet {
  cells = new Map<number, Map<number, Cell>>();
  maxRows = 1000;
  maxColumns = 26;
  hidden = false;
  frozenRows = 0;
  frozenColumns = 0;
  merges: Box[] = [];
  protections: FakeProtection[] = [];
  conditionalRules: FakeConditionalRule[] = [];
  columnWidths = new Map<number, number>();
  hiddenColumns = new Set<number>();

  constructor(
    readonly fake: FakeSpreadsheet,
    public name: string,
  ) {}

  cellAt(row: number, col: number): Cell | undefined {
    return this.cells.get(row)?.get(col);
  }

  cellFor(row: number, col: number): Cell {
    let cols = this.cells.get(row);
    if (!cols) {
      cols = new Map();
      this.cells.set(row, cols);
    }
    let c = cols.get(col);
    if (!c) {
      c = blankCell();
      cols.set(col, c);
    }
    return c;
  }

  /** The value a cell shows: a formula computed for the formulas PAC's entry sheet uses. */
  valueOf(c: Cell, depth = 0): Scalar {
    if (c.formula === null) return c.value;
    if (depth > 20) return '#REF!';
    return this.evaluate(c.formula, depth);
  }

  private numbersIn(a1: string, depth: number, skipSubtotals: boolean): number[] {
    const b = parseA1(a1);
    const out: number[] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      for (let col = b.left; col <= b.right; col++) {
        const c = this.cellAt(r, col);
        if (!c) continue;
        if (skipSubtotals && c.formula?.toUpperCase().startsWith('=SUBTOTAL(')) continue;
        const v = this.valueOf(c, depth + 1);
        if (typeof v === 'number') out.push(v);
      }
    }
    return out;
  }

  private evaluate(formula: string, depth: number): Scalar {
    const sep = decimalComma(this.fake.locale) ? ';' : ',';
    if (sep === ';' && hasCommaSeparator(formula)) return '#ERROR!';
    const f = formula.replace(/^=/, '').replace(/\s+/g, '').toUpperCase().replaceAll(sep, ',');
    const ref = '([A-Z$]+\\d+:[A-Z$]+\\d+)';
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1e9) / 1e9;
    let m = new RegExp(`^SUBTOTAL\\(9,${ref}\\)$`).exec(f);
    if (m) return sum(this.numbersIn(m[1] as string, depth, true));
    m = new RegExp(`^IF\\(COUNT\\(${ref}\\)=0,"",SUM\\(${ref}\\)\\)$`).exec(f);
    if (m) {
      const xs = this.numbersIn(m[2] as string, depth, false);
      return this.numbersIn(m[1] as string, depth, false).length === 0 ? '' : sum(xs);
    }
    m = new RegExp(`^SUM\\(${ref}\\)$`).exec(f);
    if (m) return sum(this.numbersIn(m[1] as string, depth, false));
    return '';
  }

  private lastContent(): { row: number; col: number } {
    let row = -1;
    let col = -1;
    for (const [r, cols] of this.cells) {
      for (const [c, cell] of cols) {
        if (cell.value !== '' || cell.formula !== null) {
          row = Math.max(row, r);
          col = Math.max(col, c);
        }
      }
    }
    return { row, col };
  }

  getName() {
    return this.name;
  }
  getMaxRows() {
    return this.maxRows;
  }
  getMaxColumns() {
    return this.maxColumns;
  }
  getLastRow() {
    return this.lastContent().row + 1;
  }
  getLastColumn() {
    return this.lastContent().col + 1;
  }

  getRange(a: string | number, col?: number, numRows = 1, numCols = 1): FakeRange {
    this.fake.count('Sheet.getRange');
    const box =
      typeof a === 'string'
        ? parseA1(a)
        : {
            top: a - 1,
            left: (col as number) - 1,
            bottom: a - 1 + numRows - 1,
            right: (col as number) - 1 + numCols - 1,
          };
    if (box.top < 0 || box.left < 0 || box.bottom >= this.maxRows || box.right >= this.maxColumns)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return new FakeRange(this, box);
  }

  getRangeList(a1s: string[]): FakeRangeList {
    this.fake.count('Sheet.getRangeList');
    return new FakeRangeList(
      this,
      this.fake.silently(() => a1s.map((a) => this.getRange(a))),
    );
  }

  getDataRange(): FakeRange {
    this.fake.count('Sheet.getDataRange');
    const { row, col } = this.lastContent();
    return new FakeRange(this, { top: 0, left: 0, bottom: Math.max(row, 0), right: Math.max(col, 0) });
  }

  insertRowsAfter(after: number, n: number) {
    this.fake.count('Sheet.insertRowsAfter');
    if (after !== this.maxRows) throw new Error('fake: rows are only inserted at the end');
    this.maxRows += n;
    return this;
  }
  insertColumnsAfter(after: number, n: number) {
    this.fake.count('Sheet.insertColumnsAfter');
    if (after !== this.maxColumns) throw new Error('fake: columns are only inserted at the end');
    this.maxColumns += n;
    return this;
  }
  setColumnWidths(start: number, n: number, px: number) {
    this.fake.count('Sheet.setColumnWidths');
    for (let i = 0; i < n; i++) this.columnWidths.set(start - 1 + i, px);
    return this;
  }
  setColumnWidth(col: number, px: number) {
    this.fake.count('Sheet.setColumnWidth');
    this.columnWidths.set(col - 1, px);
    return this;
  }
  hideColumns(start: number, n = 1) {
    this.fake.count('Sheet.hideColumns');
    for (let i = 0; i < n; i++) this.hiddenColumns.add(start - 1 + i);
  }
  showColumns(start: number, n = 1) {
    this.fake.count('Sheet.showColumns');
    for (let i = 0; i < n; i++) this.hiddenColumns.delete(start - 1 + i);
  }
  clear() {
    this.fake.count('Sheet.clear');
    // Contents and formats; data validation stays, as in Sheets.
    for (const cols of this.cells.values()) {
      for (const [c, cell] of cols) cols.set(c, { ...blankCell(), validation: cell.validation });
    }
    return this;
  }
  clearConditionalFormatRules() {
    this.fake.count('Sheet.clearConditionalFormatRules');
    this.conditionalRules = [];
  }
  setConditionalFormatRules(rules: FakeConditionalRule[]) {
    this.fake.count('Sheet.setConditionalFormatRules');
    this.conditionalRules = [...rules];
  }
  getConditionalFormatRules() {
    return [...this.conditionalRules];
  }
  setFrozenRows(n: number) {
    this.fake.count('Sheet.setFrozenRows');
    if (n > 0 && this.merges.some((m) => m.top < n && m.bottom >= n))
      throw new Error('Sorry, it is not possible to freeze rows that contain only part of a merged cell.');
    this.frozenRows = n;
  }
  setFrozenColumns(n: number) {
    this.fake.count('Sheet.setFrozenColumns');
    if (n > 0 && this.merges.some((m) => m.left < n && m.right >= n))
      throw new Error('Sorry, it is not possible to freeze columns that contain only part of a merged cell.');
    this.frozenColumns = n;
  }
  getFrozenRows() {
    return this.frozenRows;
  }
  getFrozenColumns() {
    return this.frozenColumns;
  }
  protect() {
    this.fake.count('Sheet.protect');
    const p = new FakeProtection(this, 'SHEET');
    this.protections.push(p);
    return p;
  }
  getProtections(type: 'SHEET' | 'RANGE') {
    this.fake.count('Sheet.getProtections');
    return this.protections.filter((p) => p.type === type);
  }
  isSheetHidden() {
    return this.hidden;
  }
  hideSheet() {
    this.fake.count('Sheet.hideSheet');
    if (this.fake.sheets.filter((s) => !s.hidden && s !== this).length === 0)
      throw new Error("You can't hide all the sheets in a document.");
    this.hidden = true;
    return this;
  }
  showSheet() {
    this.fake.count('Sheet.showSheet');
    this.hidden = false;
    return this;
  }
  activate() {
    this.fake.count('Sheet.activate');
    this.fake.activeSheet = this;
    this.hidden = false;
    return this;
  }
}

// --- The spreadsheet and SpreadsheetApp -----------------------------------------------------------

export interface MenuRecord {
  items: { label: string; functionName: string }[];
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  locale: string;
  calls = new Map<string, number>();
  activeSheet: FakeSheet;
  selection: { sheet: string; a1: string } | null = null;
  menus: MenuRecord[] = [];
  sidebars: { content: string; title: string }[] = [];
  private quiet = 0;

  constructor(options: { locale?: string; sheets?: string[] } = {}) {
    this.locale = options.locale ?? 'en_US';
    for (const name of options.sheets ?? ['Feuille 1']) this.sheets.push(new FakeSheet(this, name));
    this.activeSheet = this.sheets[0] as FakeSheet;
  }

  count(name: string): void {
    if (this.quiet > 0) return;
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }

  /** Runs `f` without counting: what the fake does inside one counted call. */
  silently<T>(f: () => T): T {
    this.quiet++;
    try {
      return f();
    } finally {
      this.quiet--;
    }
  }

  resetCalls(): void {
    this.calls.clear();
  }

  callCount(name: string): number {
    return this.calls.get(name) ?? 0;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }

  /** What a person types into a cell (not counted): a number, text or null to empty it. */
  type(sheet: string, a1: string, value: string | number | null): void {
    const b = parseA1(a1);
    const cell = this.sheet(sheet).cellFor(b.top, b.left);
    Object.assign(cell, typed(value ?? '', this.locale));
  }

  /** The value a cell shows, or "" for an empty one. */
  shown(sheet: string, a1: string): Scalar {
    const b = parseA1(a1);
    const s = this.sheet(sheet);
    const c = s.cellAt(b.top, b.left);
    return c ? s.valueOf(c) : '';
  }

  cell(sheet: string, a1: string): Cell | undefined {
    const b = parseA1(a1);
    return this.sheet(sheet).cellAt(b.top, b.left);
  }

  // Spreadsheet
  getSheets() {
    this.count('Spreadsheet.getSheets');
    return [...this.sheets];
  }
  getSheetByName(name: string) {
    this.count('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  getNumSheets() {
    return this.sheets.length;
  }
  insertSheet(name: string, index?: number) {
    this.count('Spreadsheet.insertSheet');
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const sheet = new FakeSheet(this, name);
    this.sheets.splice(index ?? this.sheets.length, 0, sheet);
    this.activeSheet = sheet;
    return sheet;
  }
  getSpreadsheetLocale() {
    this.count('Spreadsheet.getSpreadsheetLocale');
    return this.locale;
  }
  getActiveSheet() {
    return this.activeSheet;
  }

  /** The SpreadsheetApp global bound to this spreadsheet. */
  app() {
    const fake = this;
    return {
      getActiveSpreadsheet: () => fake,
      getActive: () => fake,
      getUi: () => ({
        createAddonMenu() {
          const record: MenuRecord = { items: [] };
          const menu = {
            addItem(label: string, functionName: string) {
              record.items.push({ label, functionName });
              return menu;
            },
            addSeparator() {
              return menu;
            },
            addToUi() {
              fake.menus.push(record);
            },
          };
          return menu;
        },
        showSidebar(html: { getContent(): string; getTitle(): string }) {
          fake.sidebars.push({ content: html.getContent(), title: html.getTitle() });
        },
      }),
      newDataValidation: () => new ValidationBuilder(fake),
      newConditionalFormatRule: () => new ConditionalBuilder(),
      ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
      BorderStyle: { SOLID: 'SOLID' },
      flush: () => {},
    };
  }
}
