// The Excel adapter against the counting fake: templates written as the spec says, reading and
// marking in a constant number of round trips, requests kept under Excel on the web's 5 MB limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Activity,
  buildTemplateSpec,
  type CellMark,
  isFormula,
  PaneController,
  Plan,
  type PlanIndex,
  parseRange,
  type SheetSpec,
  type WorkbookSpec,
} from '#core';
import {
  columnPoints,
  createExcelHost,
  MAX_MARKS,
  mergeMarks,
  needsTextFormat,
} from '../../addin/excel/excel-host.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { syntheticIndex, syntheticPlan } from '../core/template/synthetic-plan.ts';
import { FakeExcel, parseAddress, rectAddress } from './fake-excel.ts';
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

function inRanges(ranges: readonly string[], row1: number, col0: number): boolean {
  return ranges.some((a) => {
    const r = parseRange(a);
    return r !== null && row1 >= r.top && row1 <= r.bottom && col0 >= r.left && col0 <= r.right;
  });
}

/** Every cell, lock, validation, format rule, merge and setting of a sheet, compared with its spec. */
function expectSheetAsSpec(sheet: SheetSpec): void {
  const s = fake.sheet(sheet.name);
  expect(s.visibility).toBe({ visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' }[sheet.state]);
  expect(s.protection.protected).toBe(sheet.protect);
  sheet.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const got = s.cells.get(r)?.get(c);
      const where = `${sheet.name}!${rectAddress({ top: r, left: c, bottom: r, right: c })}`;
      if (cell === null) {
        expect(got?.value ?? '', where).toBe('');
        return;
      }
      if (isFormula(cell)) expect(got?.formula, where).toBe(`=${cell.formula}`);
      else {
        expect(got?.formula ?? null, where).toBeNull();
        expect(got?.value, where).toBe(cell);
      }
    });
  });
  // Locks: an unlocked range is unlocked, every other written cell stays locked.
  for (const [r, cols] of s.cells) {
    for (const [c, cell] of cols)
      expect(cell.locked, `${sheet.name} r${r + 1} c${c}`).toBe(!inRanges(sheet.unlocked, r + 1, c));
  }
  for (const nf of sheet.numberFormats) {
    const r = parseRange(nf.range);
    if (!r) throw new Error(nf.range);
    // Text-looking cells of an amount column ("PM" from the plan) keep the amount format.
    expect(s.cells.get(r.top - 1)?.get(r.left)?.numberFormat ?? 'General').toMatch(
      new RegExp(`^(${nf.format.replace(/[#.,]/g, '\\$&')}|@)$`),
    );
  }
  expect(s.validations.map((v) => rectAddress(v.rect))).toEqual(
    sheet.validations.map((v) => rectAddress(parseAddress(v.range))),
  );
  sheet.validations.forEach((v, i) => {
    const got = s.validations[i];
    expect(got?.prompt).toEqual({ showPrompt: true, title: v.prompt.title, message: v.prompt.message });
    expect(got?.errorAlert).toMatchObject({ style: 'Stop', title: v.error.title, message: v.error.message });
    if (v.kind === 'list')
      expect(got?.rule).toEqual({ list: { inCellDropDown: true, source: `=${v.source}` } });
    else expect(got?.rule).toEqual({ decimal: { formula1: v.min, operator: 'GreaterThanOrEqualTo' } });
  });
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

  it('keeps each request under 5 MB for a 10,000-activity plan, in a few syncs', async () => {
    const s = spec(syntheticIndex({ activities: 10_000 }), null);
    const progress: number[] = [];
    await host().writeWorkbook(s, (done, total) => progress.push(done / total));
    expect(fake.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(fake.syncCount).toBeGreaterThan(2);
    expect(fake.syncCount).toBeLessThan(80);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const entry = s.sheets.find((x) => x.key === 'entry') as SheetSpec;
    // Every row that holds something was written (the blank rows of the signature block hold nothing).
    const filled = entry.cells.filter((r) => r.some((v) => v !== null && v !== undefined)).length;
    expect(fake.sheet('Saisie').cells.size).toBeGreaterThanOrEqual(filled - 1);
  }, 120_000);
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

  it.each([100, 5_000])('reads and marks %i lines in the same number of syncs', async (lines) => {
    await setUp(lines);
    const h = host();
    await h.readWorkbook();
    await h.markCells([{ sheet: 'Saisie', range: 'G9', severity: 'error' }]);
    await h.markCells([{ sheet: 'Saisie', range: 'H10', severity: 'warning' }]);
    expect(fake.syncCount).toBe(2 + 2 + 2);
    expect(fake.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
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
      expect(fake.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
      controller.dispose();
    }
    expect(counts[5_000]).toEqual(counts[100]);
    expect(counts[100]).toEqual({ check: 4, submit: 4 });
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
