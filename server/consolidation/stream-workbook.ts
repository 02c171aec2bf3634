/**
 * A WorkbookSpec written with ExcelJS's streaming writer, for workbooks too large for its
 * in-memory model: the consolidated workbook of 500 ministries × 1,000 lines holds about 27
 * million cells, and ExcelJS's in-memory Workbook needs some 1.3 KB per cell (measured: 1.76 GB
 * for 1.35 million), where the streaming writer writes each row and forgets it.
 *
 * The looks are not translated here: they are taken from ../xlsx/render-workbook.ts itself, by
 * rendering a small probe sheet (one cell per look and number format, one conditional format per
 * kind) and reusing the style objects it produced. Both renderers therefore write the same looks,
 * and ExcelJS maps a shared style object to one style id once, not once per cell.
 *
 * The same two rules hold as in the in-memory renderer: only SpecFormula cells become formulas (a
 * string is written as a string, whatever it starts with), and formulas carry no cached result —
 * the workbook asks for a full recalculation on load.
 *
 * Only what derived workbooks use is supported: a spec with data validation, unlocked ranges or
 * sheet protection is refused rather than written without them.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  type ConditionalFormatSpec,
  isFormula,
  parseRange,
  type Rect,
  type SheetSpec,
  type StyleKey,
  type WorkbookSpec,
} from '#core';
import { applyPrintSetup, renderWorkbook } from '../xlsx/render-workbook.ts';

type CellStyle = Partial<ExcelJS.Style>;
type ConditionalKind = ConditionalFormatSpec['style'];

interface Attrs {
  style?: StyleKey;
  numFmt?: string;
}

const attrsKey = (a: Attrs) => `${a.style ?? ''}|${a.numFmt ?? ''}`;

/** Rows top…bottom share the same attributes per column. */
interface Band {
  top: number;
  bottom: number;
  columns: { col: number; attrs: Attrs }[];
}

/**
 * The sheet's style and number-format ranges cut into bands of rows that look alike, so that a
 * sheet of a million rows costs a few bands, not a million lookups. Later ranges win, styles before
 * number formats: the in-memory renderer's order.
 */
function bandsOf(sheet: SheetSpec): Band[] {
  const parse = (range: string) => {
    const rect = parseRange(range);
    if (!rect) throw new Error(`Invalid range "${range}" in the spec of sheet "${sheet.name}"`);
    return rect;
  };
  const ranges: { rect: Rect; attrs: Attrs }[] = [
    ...sheet.styles.map((s) => ({ rect: parse(s.range), attrs: { style: s.style } })),
    ...sheet.numberFormats.map((n) => ({ rect: parse(n.range), attrs: { numFmt: n.format } })),
  ];
  const edges = new Set<number>();
  for (const { rect } of ranges) edges.add(rect.top).add(rect.bottom + 1);
  const sorted = [...edges].sort((a, b) => a - b);
  const bands: Band[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const top = sorted[i] as number;
    const bottom = (sorted[i + 1] as number) - 1;
    const byCol = new Map<number, Attrs>();
    for (const { rect, attrs } of ranges) {
      if (rect.top > top || rect.bottom < top) continue;
      for (let col = rect.left; col <= rect.right; col++) byCol.set(col, { ...byCol.get(col), ...attrs });
    }
    if (byCol.size > 0)
      bands.push({
        top,
        bottom,
        columns: [...byCol].sort((x, y) => x[0] - y[0]).map(([col, attrs]) => ({ col, attrs })),
      });
  }
  return bands;
}

interface StyledColumn {
  /** 1-based, as ExcelJS counts. */
  col: number;
  style: CellStyle;
}

interface Looks {
  cell: Map<string, CellStyle>;
  conditional: Record<ConditionalKind, CellStyle>;
}

const CONDITIONAL_KINDS: readonly ConditionalKind[] = ['error', 'warning', 'ok'];

/** The in-memory renderer's style objects for every combination the bands use (see the header). */
async function probeLooks(spec: WorkbookSpec, bands: readonly Band[][]): Promise<Looks> {
  const combos = new Map<string, Attrs>();
  for (const sheet of bands)
    for (const band of sheet) for (const c of band.columns) combos.set(attrsKey(c.attrs), c.attrs);
  const list = [...combos.values()];
  const probe: SheetSpec = {
    key: 'other',
    name: 'probe',
    state: 'visible',
    cells: list.map(() => [0]),
    columns: [],
    styles: list.flatMap((a, i) => (a.style ? [{ range: `A${i + 1}`, style: a.style }] : [])),
    numberFormats: list.flatMap((a, i) => (a.numFmt ? [{ range: `A${i + 1}`, format: a.numFmt }] : [])),
    unlocked: [],
    protect: false,
    merges: [],
    validations: [],
    conditionalFormats: CONDITIONAL_KINDS.map((style, i) => ({ range: `B${i + 1}`, formula: 'TRUE', style })),
  };
  const wb = await renderWorkbook({ sheets: [probe], meta: spec.meta });
  const ws = wb.getWorksheet('probe');
  if (!ws) throw new Error('probe sheet missing');
  const cell = new Map<string, CellStyle>();
  list.forEach((a, i) => {
    cell.set(attrsKey(a), ws.getCell(`A${i + 1}`).style);
  });
  const rules = (ws as unknown as { conditionalFormattings: { rules: { style: CellStyle }[] }[] })
    .conditionalFormattings;
  const conditional = Object.fromEntries(
    CONDITIONAL_KINDS.map((kind, i) => [kind, rules[i]?.rules[0]?.style ?? {}]),
  ) as Record<ConditionalKind, CellStyle>;
  return { cell, conditional };
}

function refuseUnsupported(sheet: SheetSpec): void {
  const what = [
    sheet.validations.length > 0 ? 'data validation' : null,
    sheet.unlocked.length > 0 ? 'unlocked ranges' : null,
    sheet.protect ? 'protection' : null,
  ].filter((w) => w !== null);
  if (what.length > 0)
    throw new Error(`The streaming writer does not write ${what.join(', ')} (sheet "${sheet.name}")`);
}

/** The zip part that carries the calculation properties. */
const WORKBOOK_PART = '/xl/workbook.xml';

interface ZipLike {
  append(data: unknown, options: { name: string; date?: Date }): unknown;
}

const adjusted = new WeakSet<object>();

/**
 * Two things ExcelJS's streaming writer has no option for, done as it hands each part to its zip:
 * asking spreadsheets to recompute every formula on load (as the in-memory renderer does), and
 * dating every zip entry `stamp` rather than now, so that the same spec gives the same bytes.
 */
function adjustParts(zip: ZipLike, stamp: Date): void {
  if (adjusted.has(zip)) return;
  adjusted.add(zip);
  const append = zip.append.bind(zip);
  zip.append = (data, options) =>
    append(
      options.name === WORKBOOK_PART && typeof data === 'string'
        ? data.replace(/<calcPr\b(?![^>]*fullCalcOnLoad)/, '<calcPr fullCalcOnLoad="1"')
        : data,
      { ...options, date: stamp },
    );
}

/**
 * ExcelJS's constructor creates the zip and adds its first parts (theme, relationships) at once;
 * addThemes is the first thing it calls after, so that is where the zip is taken in hand. `created`
 * is already set by then.
 */
class PacWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    adjustParts((this as unknown as { zip: ZipLike }).zip, this.created);
    return super.addThemes();
  }
}

async function writeSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  bands: readonly Band[],
  looks: Looks,
): Promise<void> {
  const views: Partial<ExcelJS.WorksheetView>[] = spec.freeze
    ? [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }]
    : [];
  // The streaming writer takes its views at creation only.
  const ws = wb.addWorksheet(spec.name, { state: spec.state, views });
  spec.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.hidden) column.hidden = true;
  });
  if (spec.print) applyPrintSetup(ws, spec.print);
  // Merging touches the cells it covers, so it happens before their rows are written and let go.
  for (const range of spec.merges) ws.mergeCells(range);
  spec.conditionalFormats.forEach((cf, i) => {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        { type: 'expression', priority: i + 1, formulae: [cf.formula], style: looks.conditional[cf.style] },
      ],
    });
  });

  // Each band's style objects, looked up once per band rather than once per cell.
  const styled = bands.map((band) =>
    band.columns.flatMap(({ col, attrs }): StyledColumn[] => {
      const style = looks.cell.get(attrsKey(attrs));
      return style ? [{ col: col + 1, style }] : [];
    }),
  );
  const heights = spec.rowHeights ?? {};
  const lastRow = Math.max(spec.cells.length, bands[bands.length - 1]?.bottom ?? 0);
  let b = 0;
  for (let r = 1; r <= lastRow; r++) {
    while (b < bands.length && (bands[b] as Band).bottom < r) b++;
    const band = bands[b] && (bands[b] as Band).top <= r ? (bands[b] as Band) : null;
    const values = spec.cells[r - 1];
    const height = heights[r];
    if (!band && (!values || values.length === 0) && height === undefined) continue;
    const row = ws.getRow(r);
    if (values)
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (v === null || v === undefined) continue;
        // A string stays a string: only an explicit SpecFormula becomes a formula.
        row.getCell(c + 1).value = isFormula(v) ? { formula: v.formula, date1904: false } : v;
      }
    if (band) for (const { col, style } of styled[b] as StyledColumn[]) row.getCell(col).style = style;
    if (height !== undefined) row.height = height;
    row.commit();
  }
  ws.commit();
}

/** The spec as .xlsx bytes, written row by row. */
export async function streamWorkbookBuffer(spec: WorkbookSpec): Promise<Buffer> {
  for (const sheet of spec.sheets) refuseUnsupported(sheet);
  const bands = spec.sheets.map(bandsOf);
  const looks = await probeLooks(spec, bands);

  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  // The generation time, not the clock, so that a rebuild from the same data is the same file.
  const when = new Date(spec.meta.generatedAt);
  const stamp = Number.isNaN(when.getTime()) ? new Date(0) : when;
  const wb = new PacWorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
    created: stamp,
    modified: stamp,
    creator: 'PAC',
    lastModifiedBy: 'PAC',
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  for (let i = 0; i < spec.sheets.length; i++)
    await writeSheet(wb, spec.sheets[i] as SheetSpec, bands[i] as Band[], looks);
  await wb.commit();
  return Buffer.concat(chunks);
}
