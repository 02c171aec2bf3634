// The Excel adapter against the counting fake: templates written as the spec says, reading and
// marking in a constant number of round trips, requests kept under Excel on the web's 5 MB limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Activity,
  buildTemplateSpec,
  type CellMark,
  columnPoints,
  isFormula,
  MAX_MARKS,
  PaneController,
  Plan,
  type PlanIndex,
  parseRange,
  type SheetSpec,
  STYLE_LOOKS,
  type ValidationSpec,
  type WorkbookSpec,
} from '#core';
import { createExcelHost, mergeMarks, needsTextFormat } from '../../addin/excel/excel-host.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { syntheticIndex, syntheticPlan } from '../core/template/synthetic-plan.ts';
import { type CellFormat, FakeExcel, LIMIT_BYTES, parseAddress, rectAddress } from './fake-excel.ts';
import { memoryStorage, scriptedService } from './pane-fixtures.ts';

const AT = '2026-01-15T09:00:00Z';
const noYield = async () => {};

let fake: FakeExcel;
beforeEach(() => {
  fake = new FakeExcel({ asyncSync: false });
  fake.install();
});
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

const host = () => createExcelHost({ yieldToUi: noYield });

function spec(index: PlanIndex, ministry: string | null, lang: 'fr' | 'en' = 'fr'): WorkbookSpec {
  return buildTemplateSpec(index, { ministry, lang, generatedAt: AT });
}

/** Every cell of a rectangle, 1-based rows and 0-based columns, as "r:c" keys. */
function* cellsOf(range: string): Generator<string> {
  const r = parseRange(range);
  if (!r) throw new Error(`bad range ${range}`);
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) yield `${row}:${col}`;
}

const ALIGN: Record<string, string> = {
  left: 'Left',
  center: 'Center',
  right: 'Right',
  top: 'Top',
  middle: 'Center',
};

/**
 * What each cell of a sheet should look like, worked out from the spec alone: its style ranges in
 * order, each setting the properties its look has, as a person formatting the cells one range at a
 * time would. The adapter may get there by any ranges it likes; the cells must end up the same.
 */
function expectedLooks(sheet: SheetSpec, indent: boolean): Map<string, CellFormat> {
  const looks = new Map<string, CellFormat>();
  for (const { range, style } of sheet.styles) {
    const look = STYLE_LOOKS[style];
    for (const key of cellsOf(range)) {
      const f: CellFormat = { ...looks.get(key), fontName: 'Calibri', size: look.font?.size ?? 11 };
      if (look.font?.bold) f.bold = true;
      if (look.font?.italic) f.italic = true;
      if (look.font?.color) f.fontColor = `#${look.font.color}`;
      if (look.fill) f.fill = `#${look.fill}`;
      if (look.border) {
        const edge = { style: 'Continuous', color: '#BFBFBF' };
        f.borders = { EdgeTop: edge, EdgeBottom: edge, EdgeLeft: edge, EdgeRight: edge };
      }
      if (look.align?.horizontal) f.horizontal = ALIGN[look.align.horizontal];
      if (look.align?.vertical) f.vertical = ALIGN[look.align.vertical];
      if (look.align?.wrap) f.wrap = true;
      if (look.align?.indent && indent) f.indent = look.align.indent;
      looks.set(key, f);
    }
  }
  return looks;
}

/** What a cell of the fake holds as a sorted JSON, so that two looks compare whatever their key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/**
 * Every cell, look, lock, number format, validation, format rule, merge and setting of a sheet,
 * compared cell by cell with what its spec says.
 */
function expectSheetAsSpec(sheet: SheetSpec, { indent = false, validations = true } = {}): void {
  const s = fake.sheet(sheet.name);
  const at = (key: string) => {
    const [row, col] = key.split(':').map(Number) as [number, number];
    return s.cells.get(row - 1)?.get(col);
  };
  const where = (key: string) => {
    const [row, col] = key.split(':').map(Number) as [number, number];
    return `${sheet.name}!${rectAddress({ top: row - 1, left: col, bottom: row - 1, right: col })}`;
  };
  expect(s.visibility).toBe({ visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' }[sheet.state]);
  expect(s.protection.protected).toBe(sheet.protect);
  sheet.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const got = s.cells.get(r)?.get(c);
      const here = where(`${r + 1}:${c}`);
      if (cell === null) {
        expect(got?.value ?? '', here).toBe('');
        return;
      }
      if (isFormula(cell)) expect(got?.formula, here).toBe(`=${cell.formula}`);
      else {
        expect(got?.formula ?? null, here).toBeNull();
        expect(got?.value, here).toBe(cell);
      }
    });
  });
  // Looks, locks and number formats, on every cell the spec or the sheet has.
  const looks = expectedLooks(sheet, indent);
  const unlocked = new Set(sheet.unlocked.flatMap((range) => [...cellsOf(range)]));
  const formats = new Map<string, string>();
  for (const nf of sheet.numberFormats) for (const key of cellsOf(nf.range)) formats.set(key, nf.format);
  sheet.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (typeof cell === 'string' && needsTextFormat(cell)) formats.set(`${r + 1}:${c}`, '@');
    });
  });
  const keys = new Set([...looks.keys(), ...unlocked, ...formats.keys()]);
  for (const [r, cols] of s.cells) for (const c of cols.keys()) keys.add(`${r + 1}:${c}`);
  for (const key of keys) {
    const got = at(key);
    expect(canonical(got?.format ?? {}), `look of ${where(key)}`).toBe(canonical(looks.get(key) ?? {}));
    expect(got?.locked ?? true, `lock of ${where(key)}`).toBe(!unlocked.has(key));
    expect(got?.numberFormat ?? 'General', `number format of ${where(key)}`).toBe(
      formats.get(key) ?? 'General',
    );
  }
  if (validations) {
    const rules = new Map<string, ValidationSpec>();
    for (const v of sheet.validations) for (const key of cellsOf(v.range)) rules.set(key, v);
    const validated = new Set([...rules.keys()]);
    for (const v of s.validations)
      for (let row = v.rect.top; row <= v.rect.bottom; row++)
        for (let col = v.rect.left; col <= v.rect.right; col++) validated.add(`${row + 1}:${col}`);
    for (const key of validated) {
      const v = rules.get(key);
      const got = fake.validationAt(sheet.name, where(key).split('!')[1] ?? '');
      if (!v) {
        expect(got, `validation of ${where(key)}`).toBeUndefined();
        continue;
      }
      expect(got?.prompt, where(key)).toEqual({
        showPrompt: true,
        title: v.prompt.title,
        message: v.prompt.message,
      });
      expect(got?.errorAlert, where(key)).toMatchObject({
        style: 'Stop',
        title: v.error.title,
        message: v.error.message,
      });
      if (v.kind === 'list')
        expect(got?.rule, where(key)).toEqual({ list: { inCellDropDown: true, source: `=${v.source}` } });
      else
        expect(got?.rule, where(key)).toEqual({
          decimal: { formula1: v.min, operator: 'GreaterThanOrEqualTo' },
        });
    }
  }
  expect(s.conditionalFormats.map((cf) => [rectAddress(cf.rect), cf.formula])).toEqual(
    sheet.conditionalFormats.map((cf) => [rectAddress(parseAddress(cf.range)), `=${cf.formula}`]),
  );
  expect(s.merges.map(rectAddress)).toEqual(sheet.merges.map((m) => rectAddress(parseAddress(m))));
  expect(s.freeze).toEqual(sheet.freeze ?? null);
  sheet.columns.forEach((c, i) => {
    expect(s.columnWidths.get(i)).toBe(columnPoints(c.width));
    expect(s.hiddenColumns.has(i)).toBe(c.hidden === true);
  });
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {}))
    expect(s.rowHeights.get(Number(row) - 1)).toBe(height);
}

describe('writing a template', () => {
  it.each([
    ['the whole plan', null],
    ['one ministry (MARCC)', 'MARCC'],
  ])(
    'writes %s with the spec’s cells, formulas, locks, validation lists and formats',
    async (_, ministry) => {
      const s = spec(shippedPlan(), ministry);
      await host().writeWorkbook(s);
      for (const sheet of s.sheets) expectSheetAsSpec(sheet);
      expect(fake.activeSheet).toBe('Saisie');
      // The workbook's own first sheet is left alone.
      expect(fake.hasSheet('Feuil1')).toBe(true);
    },
  );

  it('gives the looks of the styles: fill, font, borders, alignment', async () => {
    await host().writeWorkbook(spec(shippedPlan(), 'MARCC'));
    const header = fake.cellAt('Saisie', 'A5');
    expect(header?.format).toMatchObject({
      fill: '#1F3864',
      fontColor: '#FFFFFF',
      bold: true,
      horizontal: 'Center',
    });
    expect(header?.format.borders?.EdgeTop).toEqual({ style: 'Continuous', color: '#BFBFBF' });
    const input = fake.cellAt('Saisie', 'G9');
    expect(input?.format.fill).toBe('#FFF2CC');
  });

  it('sets page layout only where ExcelApi 1.9 is supported', async () => {
    await host().writeWorkbook(spec(shippedPlan(), 'MARCC'));
    expect(fake.sheet('Saisie').pageLayout).toEqual({});
    const newer = new FakeExcel({ apiVersion: '1.9', asyncSync: false });
    newer.install();
    await host().writeWorkbook(spec(shippedPlan(), 'MARCC'));
    expect(newer.sheet('Saisie').pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      zoom: { horizontalFitToPages: 2 },
      printTitleRows: '$4:$5',
      printTitleColumns: '$A:$B',
      printOrder: 'OverThenDown',
      // The same codes the .xlsx file carries (server/xlsx/render-workbook.ts).
      headersFooters: {
        leftHeader: 'Ministère : MARCC',
        centerHeader: '',
        rightHeader: 'Plan pnlevt-2021-2025, version 1',
        leftFooter: 'Imprimé le &D',
        centerFooter: '&A',
        rightFooter: 'Page &P sur &N',
      },
    });
    expect(newer.sheet("Mode d'emploi").pageLayout).toMatchObject({
      orientation: 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
    });
    expect(newer.cellAt('Saisie', 'A5')?.format.indent).toBeUndefined();
  });

  it('writes again over a template already there: cleared first, nothing doubled', async () => {
    const s = spec(shippedPlan(), 'MARCC');
    await host().writeWorkbook(s);
    fake.type('Saisie', 'G9', 12);
    await host().writeWorkbook(s);
    for (const sheet of s.sheets) expectSheetAsSpec(sheet);
    expect(fake.valueAt('Saisie', 'G9')).toBe('');
    expect(fake.sheets.filter((x) => x.name === 'Saisie')).toHaveLength(1);
  });

  it('keeps text that looks like a formula, a number or a date as text', async () => {
    const tricky = [
      '=HYPERLINK("http://x")',
      "+cmd|' /C calc'!A0",
      '-12',
      '@SUM(A1)',
      '2021',
      '1.2.3',
      'VRAI',
    ];
    const index = syntheticIndex({ activities: 20, title: (i, code) => tricky[i % tricky.length] ?? code });
    const s = spec(index, null);
    await host().writeWorkbook(s);
    const entry = s.sheets.find((x) => x.key === 'entry') as SheetSpec;
    let seen = 0;
    entry.cells.forEach((row, r) => {
      const title = row[1];
      if (typeof title !== 'string' || !tricky.includes(title)) return;
      const cell = fake.sheet('Saisie').cells.get(r)?.get(1);
      expect(cell?.formula ?? null).toBeNull();
      expect(cell?.value).toBe(title);
      seen++;
    });
    expect(seen).toBe(20);
    // Activity codes and result codes stay text too ("1.1.1.1" could read as a date or a number).
    expect(typeof fake.valueAt('Saisie', 'A9')).toBe('string');
    expect(['=x', '+1', '-', '@a', '12', '1,5', '01/02', '1.2.1.3', 'faux'].every(needsTextFormat)).toBe(
      true,
    );
    expect(['Activité', 'PM', 'X', 'Chiffré'].some(needsTextFormat)).toBe(false);
  });

  /** The write's syncs (the first one only reads the sheet names) and the fewest its bytes allow. */
  function writeSyncs() {
    const writes = fake.syncs.slice(1);
    const bytes = writes.reduce((n, x) => n + x.requestBytes, 0);
    return { count: writes.length, floor: Math.ceil(bytes / LIMIT_BYTES), bytes };
  }

  it.each([100, 5_000])(
    'sets up %i lines in the fewest syncs their bytes allow, each request under the limit',
    async (lines) => {
      const s = spec(syntheticIndex({ activities: lines }), null);
      const progress: number[] = [];
      await host().writeWorkbook(s, (done, total) => progress.push(done / total));
      expect(fake.maxRequestBytes).toBeLessThan(LIMIT_BYTES);
      const { count, floor } = writeSyncs();
      expect(count).toBe(floor);
      expect(progress.at(-1)).toBe(1);
      const entry = s.sheets.find((x) => x.key === 'entry') as SheetSpec;
      // Every row that holds something was written (the blank rows of the signature block hold nothing).
      const filled = entry.cells.filter((r) => r.some((v) => v !== null && v !== undefined)).length;
      expect(fake.sheet('Saisie').cells.size).toBeGreaterThanOrEqual(filled - 1);
    },
    120_000,
  );

  it('counts a request’s bytes as Office.js sends them: never over its budget, and filled close to it', async () => {
    // A small budget makes a 2,000-line set-up take several requests: each stays under it, so the
    // adapter's count never falls short of what the fake measures, and each but the last comes
    // within 10% of it, so the count does not run far over either.
    const budgetBytes = 400_000;
    const s = spec(syntheticIndex({ activities: 2_000 }), null);
    const progress: number[] = [];
    await createExcelHost({ yieldToUi: noYield, budgetBytes, chunkBytes: 16 * 1024 }).writeWorkbook(
      s,
      (done, total) => progress.push(done / total),
    );
    const writes = fake.syncs.slice(1).map((x) => x.requestBytes);
    expect(writes.length).toBeGreaterThan(3);
    for (const bytes of writes) expect(bytes).toBeLessThanOrEqual(budgetBytes);
    for (const bytes of writes.slice(0, -1)) expect(bytes).toBeGreaterThan(budgetBytes * 0.9);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    for (const sheet of s.sheets) expectSheetAsSpec(sheet, { validations: false });
  }, 120_000);

  it('gives each cell its look when a band’s look cannot be undone (a font colour), painting run by run', async () => {
    const sheet: SheetSpec = {
      key: 'other',
      name: 'Essai',
      state: 'visible',
      cells: Array.from({ length: 12 }, (_, r) => [`ligne ${r + 1}`, r]),
      columns: [{ width: 10 }, { width: 8 }],
      styles: [
        ...[1, 2, 3, 5, 6, 7, 9, 10, 11].map((r) => ({ range: `A${r}:B${r}`, style: 'meta' as const })),
        ...[4, 8].map((r) => ({ range: `A${r}:B${r}`, style: 'inputAmount' as const })),
        { range: 'A12:B12', style: 'resultRow' },
      ],
      numberFormats: [{ range: 'B1:B12', format: '0.0' }],
      unlocked: ['B1:B3', 'B5:B7', 'B9:B11'],
      protect: true,
      merges: [],
      validations: [],
      conditionalFormats: [],
    };
    await host().writeWorkbook({ sheets: [sheet], meta: spec(shippedPlan(), 'MARCC').meta });
    expectSheetAsSpec(sheet);
  });
});

describe('reading and marking', () => {
  async function setUp(activities: number): Promise<WorkbookSpec> {
    const s = spec(syntheticIndex({ activities }), null);
    await host().writeWorkbook(s);
    fake.resetCounters();
    return s;
  }

  it('reads the metadata, the entry and summary sheets as the core sheet content, formulas apart', async () => {
    await setUp(30);
    fake.type('Saisie', 'G9', 10);
    fake.type('Saisie', 'H9', '1 500,5');
    fake.type('Saisie', 'I9', '=2+3');
    const reading = await host().readWorkbook();
    if (reading.kind !== 'template') throw new Error('not read as a template');
    expect(reading.meta).toMatchObject({
      planId: 'synthetic',
      ministry: null,
      lang: 'fr',
      years: [2021, 2022, 2023, 2024, 2025],
    });
    const { grid, formulas } = reading.entry;
    expect(grid.sheet).toBe('Saisie');
    expect(grid.rows[4]?.[0]).toBe('Code');
    // Text stays text; a formula's cell is empty, its formula set apart — never its cached result.
    expect(grid.rows[8]?.slice(6, 9)).toEqual([10, '1 500,5', null]);
    expect(formulas.get(9)?.get(8)).toBe('2+3');
    expect(grid.rows[8]?.[11]).toBeNull();
    expect(formulas.get(9)?.get(11)).toBe('IF(COUNT(G9:K9)=0,"",SUM(G9:K9))');
    expect(reading.summary?.grid.sheet).toBe('Synthèse');
    expect([...(reading.summary?.formulas.values() ?? [])].length).toBeGreaterThan(0);
    expect(fake.syncCount).toBe(2);
  });

  it('reads a date typed into an amount cell as the date’s text, as the other hosts do', async () => {
    await setUp(3);
    fake.type('Saisie', 'G9', 44197);
    const cell = fake.cellAt('Saisie', 'G9');
    if (cell) cell.numberFormat = 'dd/mm/yyyy';
    const reading = await host().readWorkbook();
    if (reading.kind !== 'template') throw new Error('not read as a template');
    expect(reading.entry.grid.rows[8]?.[6]).toBe('2021-01-01');
  });

  it('tells a workbook without the template apart', async () => {
    expect(await host().readWorkbook()).toEqual({ kind: 'other', sheets: ['Feuil1'] });
  });

  it.each([100, 5_000])('reads %i lines in two syncs and marks them in one more', async (lines) => {
    await setUp(lines);
    const h = host();
    await h.readWorkbook();
    expect(fake.syncCount).toBe(2);
    await h.markCells([{ sheet: 'Saisie', range: 'G9', severity: 'error' }]);
    expect(fake.syncCount).toBe(3);
    // Without a reading just before, marking loads the previous marks and the protection first.
    await h.markCells([{ sheet: 'Saisie', range: 'H10', severity: 'warning' }]);
    expect(fake.syncCount).toBe(5);
    expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BFBFBF' });
    expect(fake.cellAt('Saisie', 'H10')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BF8F00' });
    expect(fake.maxResponseBytes).toBeLessThan(LIMIT_BYTES);
  });

  it('marks cells with coloured borders and restores the template’s border on the next marking', async () => {
    await setUp(30);
    const h = host();
    await h.markCells([
      { sheet: 'Saisie', range: 'G9', severity: 'error' },
      { sheet: 'Saisie', range: 'G10', severity: 'error' },
      { sheet: 'Saisie', range: 'H9', severity: 'warning' },
    ]);
    expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toEqual({
      style: 'Continuous',
      color: '#C00000',
      weight: 'Thick',
    });
    expect(fake.cellAt('Saisie', 'H9')?.format.borders?.EdgeRight).toMatchObject({ color: '#BF8F00' });
    expect(fake.settings.get('pac.marks')).toEqual([
      { sheet: 'Saisie', severity: 'error', range: 'G9:G10' },
      { sheet: 'Saisie', severity: 'warning', range: 'H9' },
    ]);
    // Still protected after marking: people cannot type into locked cells.
    expect(fake.sheet('Saisie').protection.protected).toBe(true);
    // A new host (the pane reopened) still clears the previous marks.
    await host().markCells([]);
    expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toEqual({
      style: 'Continuous',
      color: '#BFBFBF',
      weight: 'Thin',
    });
    expect(fake.cellAt('Saisie', 'H9')?.format.borders?.EdgeRight).toMatchObject({ color: '#BFBFBF' });
    expect(fake.settings.get('pac.marks')).toEqual([]);
  });

  it('merges marks into runs and caps how many are drawn', () => {
    const marks: CellMark[] = Array.from({ length: 3000 }, (_, i) => ({
      sheet: 'Saisie',
      range: `${i % 2 === 0 ? 'G' : 'I'}${6 + 2 * i}`,
      severity: 'warning',
    }));
    marks.push({ sheet: 'Saisie', range: 'Z9', severity: 'error' });
    const merged = mergeMarks(marks);
    expect(merged).toHaveLength(MAX_MARKS);
    // Errors are drawn first when there are more marks than are drawn.
    expect(merged[0]).toEqual({ sheet: 'Saisie', range: 'Z9', severity: 'error' });
    expect(
      mergeMarks([
        { sheet: 'Saisie', range: 'G9', severity: 'warning' },
        { sheet: 'Saisie', range: 'G9', severity: 'error' },
        { sheet: 'Saisie', range: 'G10', severity: 'error' },
      ]),
    ).toEqual([{ sheet: 'Saisie', range: 'G9:G10', severity: 'error' }]);
  });

  it('selects a cell on its sheet', async () => {
    await setUp(30);
    await host().selectCell('Saisie', 'H12');
    expect(fake.selection).toEqual({ sheet: 'Saisie', address: 'H12' });
    expect(fake.syncCount).toBe(1);
  });

  it('reads an entry sheet longer than its first block in more blocks, as one reading', async () => {
    await setUp(300);
    fake.type('Saisie', 'G9', 10);
    fake.type('Saisie', 'H300', '=2+3');
    fake.type('Saisie', 'T320', 'fin');
    const whole = await host().readWorkbook();
    fake.resetCounters();
    const inBlocks = await createExcelHost({ yieldToUi: noYield, readBlockRows: 40 }).readWorkbook();
    expect(inBlocks).toEqual(whole);
    // Names; metadata and the first 40 rows of each sheet; the rest of the entry sheet (356 rows)
    // and of the summary (60 rows) each in the one block their weight allows.
    expect(fake.syncCount).toBe(4);
  });

  it('reads again in smaller blocks when Excel finds a response too large', async () => {
    await setUp(300);
    fake.type('Saisie', 'H300', '=2+3');
    const whole = await host().readWorkbook();
    // Responses refused over 40 KB, a fifth of the sheet: the first block, then the next ones,
    // shrink until Excel takes them, and the reading is the same.
    fake.limitBytes = 40_000;
    fake.resetCounters();
    expect(await host().readWorkbook()).toEqual(whole);
    const refused = fake.syncs.filter((x) => x.responseBytes > 40_000).length;
    expect(refused).toBeGreaterThan(0);
    expect(fake.syncCount - refused).toBeGreaterThan(5);
  });

  it('marks in one sync right after a reading, and loads the marks first otherwise', async () => {
    await setUp(30);
    const h = host();
    await h.readWorkbook();
    fake.resetCounters();
    await h.markCells([{ sheet: 'Saisie', range: 'G9', severity: 'error' }]);
    expect(fake.syncCount).toBe(1);
    // What a reading learnt serves once: a marking after a marking loads the marks again.
    fake.resetCounters();
    await h.markCells([{ sheet: 'Saisie', range: 'H10', severity: 'warning' }]);
    expect(fake.syncCount).toBe(2);
    expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BFBFBF' });
    expect(fake.cellAt('Saisie', 'H10')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BF8F00' });
    expect(fake.sheet('Saisie').protection.protected).toBe(true);
  });

  describe('when the workbook changed between the reading and the marking', () => {
    const G9: CellMark = { sheet: 'Saisie', range: 'G9', severity: 'error' };
    const H10: CellMark = { sheet: 'Saisie', range: 'H10', severity: 'warning' };

    it('leaves a sheet its owner unprotected unprotected, in a second sync', async () => {
      await setUp(30);
      const h = host();
      await h.markCells([G9]);
      await h.readWorkbook();
      fake.sheet('Saisie').protection = { protected: false, options: null };
      fake.resetCounters();
      await h.markCells([H10]);
      expect(fake.syncCount).toBe(2);
      expect(fake.sheet('Saisie').protection.protected).toBe(false);
      expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BFBFBF' });
      expect(fake.cellAt('Saisie', 'H10')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BF8F00' });
    });

    it('marks a sheet protected since the reading, which refused the first drawing, and keeps it protected', async () => {
      await setUp(30);
      fake.sheet('Saisie').protection = { protected: false, options: null };
      const h = host();
      await h.readWorkbook();
      fake.sheet('Saisie').protection = { protected: true, options: {} };
      fake.resetCounters();
      await h.markCells([G9]);
      expect(fake.syncCount).toBe(3);
      expect(fake.sheet('Saisie').protection.protected).toBe(true);
      expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toMatchObject({ color: '#C00000' });
      expect(fake.settings.get('pac.marks')).toEqual([G9]);
    });

    it('restores the marks another pane drew meanwhile', async () => {
      await setUp(30);
      const h = host();
      await h.readWorkbook();
      await host().markCells([G9]);
      fake.resetCounters();
      await h.markCells([H10]);
      expect(fake.syncCount).toBe(2);
      expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BFBFBF' });
      expect(fake.cellAt('Saisie', 'H10')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BF8F00' });
      expect(fake.settings.get('pac.marks')).toEqual([H10]);
      expect(fake.sheet('Saisie').protection.protected).toBe(true);
    });
  });

  it('restores the most marks and draws as many in one request under the limit', async () => {
    await setUp(1_100);
    const marks = (col: string): CellMark[] =>
      Array.from({ length: MAX_MARKS }, (_, i) => ({
        sheet: 'Saisie',
        range: `${col}${9 + 2 * i}`,
        severity: 'error',
      }));
    const h = host();
    await h.markCells(marks('G'));
    await h.readWorkbook();
    fake.resetCounters();
    await h.markCells(marks('H'));
    expect(fake.syncCount).toBe(1);
    expect(fake.maxRequestBytes).toBeLessThan(LIMIT_BYTES);
    expect(fake.cellAt('Saisie', 'G9')?.format.borders?.EdgeLeft).toMatchObject({ color: '#BFBFBF' });
    expect(fake.cellAt('Saisie', `H${9 + 2 * (MAX_MARKS - 1)}`)?.format.borders?.EdgeLeft).toMatchObject({
      color: '#C00000',
    });
  }, 60_000);

  it('reads visible sheets with formulas apart for the legacy import', async () => {
    const ws = fake.sheet('Feuil1');
    fake.type('Feuil1', 'B2', 'Activités');
    fake.type('Feuil1', 'C3', 1500);
    fake.type('Feuil1', 'D3', '=1000+500');
    ws.visibility = 'Visible';
    const [content] = await host().readSheetsForImport();
    expect(content?.grid.rows[1]?.[1]).toBe('Activités');
    expect(content?.grid.rows[2]?.[2]).toBe(1500);
    expect(content?.grid.rows[2]?.[3]).toBeNull();
    expect(content?.formulas.get(3)?.get(3)).toBe('1000+500');
  });
});

// --- Through the pane's own actions ------------------------------------------------------------

/** A synthetic plan whose activities all belong to M01, so that a ministry template has `n` lines. */
function oneMinistryPlan(
  n: number,
  edit: (activities: Activity[]) => Activity[] = (a) => a,
  version = '1',
): Plan {
  const base = syntheticPlan({ activities: n });
  const activities = edit(
    base.activities.map((a) => ({ ...a, responsible: 'M01', jointWith: [], responsibleAsWritten: 'M01' })),
  );
  return Plan.parse({ ...base, plan: { ...base.plan, version }, activities });
}

function pane(service: ReturnType<typeof scriptedService>, storage = memoryStorage()) {
  const controller = new PaneController({
    host: createExcelHost({ yieldToUi: noYield }),
    transport: service,
    storage,
    defaultService: 'https://pac.test',
    tick: noYield,
    now: () => new Date('2026-01-15T10:00:00Z'),
  });
  return { controller, storage };
}

async function connectedPane(plan: Plan) {
  const service = scriptedService(plan, 'M01');
  const p = pane(service);
  await p.controller.connect('https://pac.test', 'pac_test.token');
  expect(p.controller.state.connection.status).toBe('connected');
  return { ...p, service };
}

/** The 1-based row of an activity on the entry sheet. */
function rowOf(code: string, sheet = 'Saisie'): number {
  for (const [r, cols] of fake.sheet(sheet).cells) if (cols.get(0)?.value === code) return r + 1;
  throw new Error(`${code} not on ${sheet}`);
}

describe('the pane’s actions in Excel', () => {
  it('checks and submits 100 and 5,000 lines in the same number of syncs', async () => {
    const counts: Record<number, { check: number; submit: number }> = {};
    for (const n of [100, 5_000]) {
      fake = new FakeExcel({ asyncSync: false });
      fake.install();
      const { controller, service } = await connectedPane(oneMinistryPlan(n));
      await controller.setup();
      expect(fake.hasSheet('Saisie')).toBe(true);
      const row = rowOf(service.plan.activities[0]?.code ?? '');
      fake.type('Saisie', `G${row}`, 10);
      fake.resetCounters();
      await controller.check();
      const check = fake.syncCount;
      expect(controller.state.report?.errors).toBe(0);
      fake.resetCounters();
      await controller.submit();
      expect(controller.state.receipt?.version).toBe(1);
      counts[n] = { check, submit: fake.syncCount };
      expect(fake.maxResponseBytes).toBeLessThan(LIMIT_BYTES);
      controller.dispose();
    }
    expect(counts[5_000]).toEqual(counts[100]);
    expect(counts[100]).toEqual({ check: 3, submit: 3 });
  }, 120_000);

  it('updates a filled workbook: typed values kept, new activities inserted, renamed ones retitled, withdrawn ones kept and flagged', async () => {
    const v1 = oneMinistryPlan(30);
    const [a1, a2, a3, , a5] = v1.activities;
    if (!a1 || !a2 || !a3 || !a5) throw new Error('plan too small');
    const { controller, service } = await connectedPane(v1);
    await controller.setup();
    fake.type('Saisie', `G${rowOf(a1.code)}`, 100);
    fake.type('Saisie', `M${rowOf(a1.code)}`, 100);
    fake.type('Saisie', `H${rowOf(a2.code)}`, '1 500,5');
    fake.type('Saisie', `T${rowOf(a2.code)}`, "'=à revoir");
    fake.type('Saisie', `I${rowOf(a3.code)}`, 42);
    fake.type('Saisie', `F${rowOf(a5.code)}`, 'PM');
    fake.type('Saisie', `O${rowOf(a5.code)}`, null);

    // Version 2: a1 renamed, a3 withdrawn, a new activity in a1's result.
    const added = {
      ...a1,
      code: `${a1.result}.99`,
      title: 'Activité nouvelle',
      source: { code: null, line: 9999 },
    };
    service.plan = oneMinistryPlan(
      30,
      (all) => [
        ...all
          .filter((a) => a.code !== a3.code)
          .map((a) => (a.code === a1.code ? { ...a, title: 'Titre révisé' } : a)),
        added,
      ],
      '2',
    );
    await controller.setup();
    const changes = controller.state.changes;
    expect(changes).toMatchObject({
      planVersion: { before: '1', after: '2' },
      added: [added.code],
      renamed: [{ code: a1.code, before: a1.title, after: 'Titre révisé' }],
      withdrawn: [a3.code],
      restored: [],
      kept: 2,
      withdrawnSheet: 'Retirées',
    });
    expect(fake.valueAt('Saisie', `B${rowOf(a1.code)}`)).toBe('Titre révisé');
    expect(fake.valueAt('Saisie', `G${rowOf(a1.code)}`)).toBe(100);
    expect(fake.valueAt('Saisie', `M${rowOf(a1.code)}`)).toBe(100);
    expect(fake.valueAt('Saisie', `H${rowOf(a2.code)}`)).toBe('1 500,5');
    // Text typed as text stays text, even when it looks like a formula once written back.
    expect(fake.valueAt('Saisie', `T${rowOf(a2.code)}`)).toBe('=à revoir');
    expect(fake.valueAt('Saisie', `F${rowOf(a5.code)}`)).toBe('PM');
    expect(fake.valueAt('Saisie', `O${rowOf(a5.code)}`)).toBe('');
    expect(fake.valueAt('Saisie', `G${rowOf(added.code)}`)).toBe('');
    expect(() => rowOf(a3.code)).toThrow();
    // The withdrawn activity, its amount and its flag.
    const withdrawnRow = rowOf(a3.code, 'Retirées');
    expect(fake.valueAt('Retirées', `I${withdrawnRow}`)).toBe(42);
    expect(fake.sheet('Retirées').conditionalFormats.map((cf) => cf.fill)).toEqual(['#FFEB9C']);
    expect(fake.sheet('Retirées').protection.protected).toBe(true);
    expect(controller.state.workbook.meta?.planVersion).toBe('2');

    // Back to a plan that has a3 again: it returns with its amount.
    service.plan = oneMinistryPlan(30, (all) => all, '3');
    await controller.setup();
    expect(controller.state.changes).toMatchObject({ restored: [a3.code], withdrawn: [added.code] });
    expect(fake.valueAt('Saisie', `I${rowOf(a3.code)}`)).toBe(42);
    expect(fake.valueAt('Saisie', `G${rowOf(a1.code)}`)).toBe(100);
    controller.dispose();
  });
});
