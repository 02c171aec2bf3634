/**
 * A workbook described as data: sheets, cell values and formulas as 2D blocks, styles, locks,
 * validation, conditional formats and print setup. The template is built once as a spec (see
 * ./build.ts) and rendered by each host — ExcelJS for .xlsx files, the Office JavaScript API in
 * the task pane, the Sheets API — so that every host writes the same sheets, formulas and locks.
 *
 * Everything is range-based on purpose: a host writes each block with one call (one
 * `range.values`, one `setValues`), never cell by cell.
 */
import type { Label, SheetKey } from '../layout.ts';

/** A plain value. A string is always text, even when it starts with "=", "+", "-" or "@". */
export type SpecValue = string | number | boolean | null;

/** A formula, in Excel's English syntax without the leading "=" ("SUM(G7:K7)"). */
export interface SpecFormula {
  formula: string;
}

export type SpecCell = SpecValue | SpecFormula;

export function isFormula(cell: SpecCell): cell is SpecFormula {
  return typeof cell === 'object' && cell !== null;
}

/** Named looks; ./styles.ts says what each looks like, each renderer maps that to its API. */
export type StyleKey =
  | 'title'
  | 'subtitle'
  | 'note'
  | 'groupHeader'
  | 'header'
  | 'pillarRow'
  | 'objectiveRow'
  | 'resultRow'
  | 'grandTotalRow'
  | 'lockedText'
  | 'lockedAmount'
  | 'inputText'
  | 'inputAmount'
  | 'inputMark'
  | 'formulaAmount'
  | 'checkOk'
  | 'meta'
  | 'paragraph'
  | 'signature';

/** A number format in Excel's locale-independent syntax. */
export const AMOUNT_FORMAT = '#,##0.0##';

/**
 * The amount format of roll-up and TOTAL rows: its third (zero) section is empty, so a subtotal
 * with nothing under it prints blank instead of "0.0". The formulas stay what they are; typed cells
 * keep AMOUNT_FORMAT, where a 0 someone typed shows as 0.
 */
export const ROLLUP_AMOUNT_FORMAT = '#,##0.0##;-#,##0.0##;;@';

export interface StyleRange {
  /** A1 range ("A6:T120") on the sheet. */
  range: string;
  style: StyleKey;
}

export interface ValidationSpec {
  range: string;
  kind: 'decimal' | 'list';
  /** Decimal: the smallest value allowed. */
  min?: number;
  /** List: the allowed values, or a range of another sheet holding them ("Listes!$A$2:$A$3"). */
  values?: string[];
  source?: string;
  prompt: { title: string; message: string };
  error: { title: string; message: string };
}

export interface ConditionalFormatSpec {
  range: string;
  /** Formula relative to the range's top-left cell, Excel syntax without "=". */
  formula: string;
  /** "ok" colours a check that passes, so that the Contrôles sheet reads at a glance. */
  style: 'error' | 'warning' | 'ok';
}

export interface SheetSpec {
  key: SheetKey | 'other';
  name: string;
  /** "veryHidden" sheets cannot be shown from Excel's menus: metadata people should not edit. */
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Cells from A1, row by row; rows may be shorter than others. */
  cells: SpecCell[][];
  columns: { width: number; hidden?: boolean }[];
  styles: StyleRange[];
  numberFormats: { range: string; format: string }[];
  /** Ranges people type into; every other cell is locked when the sheet is protected. */
  unlocked: string[];
  /** Protected without a password, so nothing is lost if someone must unlock. */
  protect: boolean;
  freeze?: { rows: number; columns: number };
  merges: string[];
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  print?: PrintSpec;
  /** Row heights that differ from the default (1-based row → points). */
  rowHeights?: Record<number, number>;
}

/** How a sheet prints: A4 in every host that has a page setup (Google Sheets has none). */
export interface PrintSpec {
  landscape: boolean;
  /** Scaled down to fit `pagesWide` pages across (default 1) and `pagesTall` down (default: as many as needed). */
  fitToWidth: boolean;
  pagesWide?: number;
  pagesTall?: number;
  /** 1-based rows printed at the top of every page. */
  repeatRows?: { from: number; to: number };
  /** 0-based columns printed at the left of every page. */
  repeatColumns?: { from: number; to: number };
  /** Pages numbered across then down, so both halves of a wide sheet's rows print one after the other. */
  overThenDown?: boolean;
  header?: HeaderFooterSpec;
  footer?: HeaderFooterSpec;
}

/** What the spreadsheet fills in when it prints: page number, page count, print date, sheet name. */
export type PrintField = 'page' | 'pages' | 'date' | 'sheet';

/** A run of text and fields; text is printed as is (an "&" in it stays an "&"). */
export type HeaderFooterPart = string | { field: PrintField };

/** The three sections of a page header or footer. */
export interface HeaderFooterSpec {
  left: HeaderFooterPart[];
  center: HeaderFooterPart[];
  right: HeaderFooterPart[];
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** What the metadata sheet says, also returned for callers (the add-in caches it). */
  meta: TemplateMeta;
}

/** The identity a template carries in its metadata sheet, read back to detect foreign files. */
export interface TemplateMeta {
  templateId: string;
  templateVersion: string;
  planId: string;
  planVersion: string;
  /** Ministry code, or null for the whole-plan template. */
  ministry: string | null;
  lang: 'fr' | 'en';
  generatedAt: string;
  years: number[];
  /** The reporting period of an execution follow-up workbook ("2026", "2026-S1"); absent otherwise. */
  period?: string;
}

export type { Label };
