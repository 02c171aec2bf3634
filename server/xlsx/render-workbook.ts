/**
 * Renders a WorkbookSpec (addin/core/template) into an ExcelJS workbook: values, formulas, looks,
 * locks, data validation, conditional formats, frozen panes, print setup (page header and footer
 * included) and sheet states. The spec decides everything; this file only translates it, so the
 * .xlsx file and the add-in hosts write the same template.
 *
 * Two rules hold whatever the spec holds:
 * - only SpecFormula cells become formulas; a string is always written as a string, even
 *   "=HYPERLINK(…)" or "+cmd|' /C calc'!A0" taken from the plan (ExcelJS stores strings as shared
 *   strings, never as formulas);
 * - formulas are written without a cached result and the workbook asks for a full recalculation
 *   on load, so no spreadsheet shows a stale or zero total.
 */
import ExcelJS from 'exceljs';
import {
  CONDITIONAL_LOOKS,
  type ConditionalFormatSpec,
  columnLetter,
  headerFooterCode,
  isFormula,
  type Look,
  type PrintSpec,
  type SheetSpec,
  STYLE_LOOKS,
  type StyleKey,
  specRect,
  type ValidationSpec,
  type WorkbookSpec,
} from '#core';

const FONT = 'Calibri';
const BORDER_COLOR = 'FFBFBFBF';
/** A4, what ministries print on. */
const PAPER_A4 = 9;

const argb = (hex: string) => ({ argb: `FF${hex.toUpperCase()}` });

/** The ExcelJS form of a look (cell styles and conditional-format styles alike). */
function excelLook(look: Look, conditional: boolean): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  const f = look.font;
  // A conditional format must not set the font name or size: it would override the cell's.
  if (f || !conditional) {
    style.font = {
      ...(conditional ? {} : { name: FONT, size: f?.size ?? 11 }),
      ...(f?.bold ? { bold: true } : {}),
      ...(f?.italic ? { italic: true } : {}),
      ...(f?.color ? { color: argb(f.color) } : {}),
    };
  }
  if (look.fill) {
    // Cells paint a solid fill with fgColor, conditional formats (dxf) with bgColor: give both.
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(look.fill), bgColor: argb(look.fill) };
  }
  if (look.border) {
    const side = { style: 'thin' as const, color: { argb: BORDER_COLOR } };
    style.border = { top: side, left: side, bottom: side, right: side };
  }
  if (look.align) {
    const a = look.align;
    style.alignment = {
      ...(a.horizontal ? { horizontal: a.horizontal } : {}),
      ...(a.vertical ? { vertical: a.vertical } : {}),
      ...(a.wrap ? { wrapText: true } : {}),
      ...(a.indent ? { indent: a.indent } : {}),
    };
  }
  return style;
}

/** What a cell gets from the spec's range lists; combined into one shared style object. */
interface CellAttrs {
  style?: StyleKey;
  numFmt?: string;
  unlocked?: boolean;
}

/**
 * One style object per combination of look, number format and lock, shared by every cell that has
 * it: ExcelJS keeps the reference, and the writer deduplicates identical styles anyway. Nothing
 * mutates these objects after they are assigned.
 */
class StyleCache {
  private readonly cache = new Map<string, Partial<ExcelJS.Style>>();

  get(attrs: CellAttrs): Partial<ExcelJS.Style> {
    const key = `${attrs.style ?? ''}|${attrs.numFmt ?? ''}|${attrs.unlocked ? 1 : 0}`;
    let style = this.cache.get(key);
    if (!style) {
      style = {
        ...(attrs.style ? excelLook(STYLE_LOOKS[attrs.style], false) : {}),
        ...(attrs.numFmt ? { numFmt: attrs.numFmt } : {}),
        protection: { locked: !attrs.unlocked },
      };
      this.cache.set(key, style);
    }
    return style;
  }
}

const rectOf = specRect;

/** Every cell's attributes, from the spec's style, number-format and unlocked ranges. */
function cellAttributes(sheet: SheetSpec): Map<number, Map<number, CellAttrs>> {
  const rows = new Map<number, Map<number, CellAttrs>>();
  const apply = (range: string, set: (a: CellAttrs) => void) => {
    const r = rectOf(range, sheet.name);
    for (let row = r.top; row <= r.bottom; row++) {
      const cols = rows.get(row) ?? new Map<number, CellAttrs>();
      rows.set(row, cols);
      for (let col = r.left; col <= r.right; col++) {
        const a = cols.get(col) ?? {};
        cols.set(col, a);
        set(a);
      }
    }
  };
  for (const s of sheet.styles)
    apply(s.range, (a) => {
      a.style = s.style;
    });
  for (const n of sheet.numberFormats)
    apply(n.range, (a) => {
      a.numFmt = n.format;
    });
  for (const u of sheet.unlocked)
    apply(u, (a) => {
      a.unlocked = true;
    });
  return rows;
}

/** ExcelJS has worksheet.dataValidations at run time but leaves it out of its typings. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function excelValidation(v: ValidationSpec): ExcelJS.DataValidation {
  const messages = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: v.prompt.title,
    prompt: v.prompt.message,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.error.title,
    error: v.error.message,
  };
  if (v.kind === 'decimal') {
    return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [v.min ?? 0], ...messages };
  }
  const list = v.source ?? `"${(v.values ?? []).join(',')}"`;
  return { type: 'list', formulae: [list], ...messages };
}

function conditionalRule(cf: ConditionalFormatSpec, priority: number): ExcelJS.ConditionalFormattingRule {
  return {
    type: 'expression',
    priority,
    formulae: [cf.formula],
    style: excelLook(CONDITIONAL_LOOKS[cf.style], true),
  };
}

/**
 * A4, the orientation asked for, scaled to the pages wide asked for, title rows and columns on every
 * page, and the page header and footer (Excel's codes, shared with the Office.js host).
 */
export function applyPrintSetup(ws: ExcelJS.Worksheet, print: PrintSpec): void {
  ws.pageSetup.paperSize = PAPER_A4;
  ws.pageSetup.orientation = print.landscape ? 'landscape' : 'portrait';
  if (print.fitToWidth) {
    // So many pages wide; fitToHeight 0 is "as many pages tall as needed".
    ws.pageSetup.fitToPage = true;
    ws.pageSetup.fitToWidth = print.pagesWide ?? 1;
    ws.pageSetup.fitToHeight = print.pagesTall ?? 0;
  }
  if (print.repeatRows) ws.pageSetup.printTitlesRow = `${print.repeatRows.from}:${print.repeatRows.to}`;
  if (print.repeatColumns) {
    const { from, to } = print.repeatColumns;
    ws.pageSetup.printTitlesColumn = `${columnLetter(from)}:${columnLetter(to)}`;
  }
  if (print.overThenDown) ws.pageSetup.pageOrder = 'overThenDown';
  if (print.header) ws.headerFooter.oddHeader = headerFooterCode(print.header);
  if (print.footer) ws.headerFooter.oddFooter = headerFooterCode(print.footer);
}

async function renderSheet(wb: ExcelJS.Workbook, spec: SheetSpec, styles: StyleCache): Promise<void> {
  const ws = wb.addWorksheet(spec.name, { state: spec.state });
  spec.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.hidden) column.hidden = true;
  });

  spec.cells.forEach((values, r) => {
    if (values.length === 0) return;
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      if (v === null) return;
      // A string stays a string: only an explicit SpecFormula becomes a formula.
      row.getCell(c + 1).value = isFormula(v) ? { formula: v.formula } : v;
    });
  });
  for (const range of spec.merges) ws.mergeCells(range);

  for (const [row, cols] of cellAttributes(spec)) {
    const wsRow = ws.getRow(row);
    for (const [col, attrs] of cols) wsRow.getCell(col + 1).style = styles.get(attrs);
  }
  for (const [row, height] of Object.entries(spec.rowHeights ?? {})) ws.getRow(Number(row)).height = height;

  const dv = (ws as unknown as WithDataValidations).dataValidations;
  for (const v of spec.validations) dv.add(v.range, excelValidation(v));
  spec.conditionalFormats.forEach((cf, i) => {
    ws.addConditionalFormatting({ ref: cf.range, rules: [conditionalRule(cf, i + 1)] });
  });

  if (spec.freeze) {
    const { rows, columns } = spec.freeze;
    ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows }];
  }
  if (spec.print) applyPrintSetup(ws, spec.print);
  if (spec.protect) {
    // No password: protection guards against slips, and nothing is lost if someone must unlock.
    // Allowed: selecting any cell and resizing rows and columns; not inserting or deleting rows or
    // columns, which would move cells away from where the readers expect them.
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
}

/** Renders the spec into a new workbook. */
export async function renderWorkbook(spec: WorkbookSpec): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PAC';
  const when = new Date(spec.meta.generatedAt);
  if (!Number.isNaN(when.getTime())) {
    // The generation time, not the clock: a template rebuilt from the same plan is the same file.
    wb.created = when;
    wb.modified = when;
  }
  wb.calcProperties.fullCalcOnLoad = true;
  const styles = new StyleCache();
  for (const sheet of spec.sheets) await renderSheet(wb, sheet, styles);
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The spec as .xlsx bytes. */
export async function renderWorkbookBuffer(spec: WorkbookSpec): Promise<Buffer> {
  return workbookBuffer(await renderWorkbook(spec));
}
