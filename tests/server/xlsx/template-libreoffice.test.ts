// The template's formulas computed by a real spreadsheet engine: filled with ExcelJS, recalculated
// by LibreOffice headless, read back, and compared with the core's exact sums of the same lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Activity,
  CHECK_ORDER,
  type CheckKey,
  entryColumns,
  type Grid,
  type Line,
  type LineField,
  type Money,
  moneyFromNumber,
  moneyToDecimal,
  moneyToNumber,
  type PlanIndex,
  readEntryGrid,
  sumMoney,
  type TemplateOptions,
} from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { templateWorkbook } from '../../../server/xlsx/template-file.ts';
import { syntheticIndex } from '../../core/template/synthetic-plan.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from './libreoffice.ts';
import { worksheetGrid } from './workbook-helpers.ts';

const index = shippedPlan();
const YEARS = index.years;
const GENERATED_AT = '2024-03-05T08:09:10Z';
const COLUMNS = entryColumns(YEARS);
/** 1-based ExcelJS column of an entry-sheet field. */
const col = (key: string) => (COLUMNS.find((c) => c.key === key)?.index ?? -1) + 1;

type Amount = number | string;
interface Fill {
  years?: Record<number, Amount>;
  national?: Amount;
  external?: Amount;
}

function fillRow(ws: ExcelJS.Worksheet, row: number, fill: Fill): void {
  for (const [year, v] of Object.entries(fill.years ?? {})) ws.getCell(row, col(`year:${year}`)).value = v;
  if (fill.national !== undefined) ws.getCell(row, col('national')).value = fill.national;
  if (fill.external !== undefined) ws.getCell(row, col('external')).value = fill.external;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const rowOf = (line: Line) => Number(line.cells.activity?.slice(1));

interface Case {
  file: string;
  index: PlanIndex;
  options: TemplateOptions;
  /** Fills the entry sheet; gets the template's activity lines in sheet order. */
  fill: (ws: ExcelJS.Worksheet, lines: Line[]) => void;
  /** What the core read from the filled sheet, before any recalculation. */
  before?: Line[];
  after?: ExcelJS.Workbook;
}

const DECIMALS = [0.1, 0.2, 0.3, 1500.5, 0.7, 12.25, 3.3, 0.000001, 250];

/** Many lines with decimals, funding splits right and wrong, PM lines with amounts, slips. */
function fillMany(ws: ExcelJS.Worksheet, lines: Line[]): void {
  lines.forEach((line, i) => {
    if (i % 7 === 6) return;
    const a = index.activity(line.activity ?? '') as Activity;
    const pm = a.costNote === 'PM';
    if (pm && i % 3 !== 0) return;
    const years: Record<number, Amount> = {};
    a.years.forEach((y, k) => {
      years[y] = DECIMALS[(i + k) % DECIMALS.length] ?? 1;
    });
    const unmarked = YEARS.find((y) => !a.years.includes(y));
    if (i % 9 === 1 && unmarked !== undefined) years[unmarked] = 2.5;
    if (i === 10) years[a.years[0] ?? 2021] = -5;
    const total = sumMoney(Object.values(years).map((v) => moneyFromNumber(Number(v))));
    const fill: Fill = { years };
    if (i % 4 === 0) {
      const national = total / 3n;
      fill.national = moneyToNumber(national);
      fill.external = moneyToNumber(total - national);
    } else if (i % 4 === 1) fill.national = moneyToNumber(total);
    else if (i % 4 === 2) Object.assign(fill, { national: 1, external: 1 });
    fillRow(ws, rowOf(line), fill);
  });
}

/** The first costed line of the template marked for at least two years. */
function costedLine(lines: Line[], idx: PlanIndex = index): { line: Line; years: number[] } {
  for (const line of lines) {
    const a = idx.activity(line.activity ?? '');
    if (a && a.costNote === null && a.years.length >= 2) return { line, years: a.years };
  }
  throw new Error('no costed line');
}

function splitFill(national: number, external: number) {
  return (ws: ExcelJS.Worksheet, lines: Line[]) => {
    const { line, years } = costedLine(lines);
    fillRow(ws, rowOf(line), { years: { [years[0] ?? 0]: 10, [years[1] ?? 0]: 10 }, national, external });
  };
}

const EVIL = ['=HYPERLINK("http://x","clic")', "+cmd|' /C calc'!A0", '=1+1', '-2+3', '@SUM(A1)'];
const evilIndex = syntheticIndex({ activities: 10, perResult: 5, title: (i) => EVIL[i % EVIL.length] ?? '' });

const fr = (ministry: string | null): TemplateOptions => ({
  ministry,
  lang: 'fr',
  generatedAt: GENERATED_AT,
});
const CASES: Record<'many' | 'wrongSplit' | 'fixedSplit' | 'textAmount' | 'evil', Case> = {
  many: { file: 'many.xlsx', index, options: fr(null), fill: fillMany },
  wrongSplit: { file: 'wrong-split.xlsx', index, options: fr('MJDH'), fill: splitFill(10, 5) },
  fixedSplit: { file: 'fixed-split.xlsx', index, options: fr('MJDH'), fill: splitFill(10, 10) },
  textAmount: {
    file: 'text-amount.xlsx',
    index,
    options: fr('MJDH'),
    fill: (ws, lines) => {
      splitFill(10, 10)(ws, lines);
      const { line, years } = costedLine(lines.slice(1));
      // Pasted from Word: looks like a number, is text.
      fillRow(ws, rowOf(line), { years: { [years[0] ?? 0]: '1 500' } });
    },
  },
  evil: {
    file: 'evil.xlsx',
    index: evilIndex,
    options: { ministry: null, lang: 'en', generatedAt: GENERATED_AT },
    fill: (ws, lines) => {
      const { line, years } = costedLine(lines, evilIndex);
      fillRow(ws, rowOf(line), { years: { [years[0] ?? 0]: 4 }, national: 1, external: 1 });
    },
  },
};

let recalcSeconds = 0;

const skip = !hasLibreOffice();
if (skip) console.warn(`template-libreoffice.test.ts skipped: ${NEEDS_LIBREOFFICE}`);

describe.skipIf(skip)(`template formulas recalculated by LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-template-lo-'));
    const out = join(dir, 'out');
    for (const c of Object.values(CASES)) {
      const { spec, workbook } = await templateWorkbook(c.index, c.options);
      const ws = sheetOf(workbook, spec.sheets[1]?.name ?? '');
      c.fill(ws, readEntryGrid(worksheetGrid(ws), c.index.years).lines);
      c.before = readEntryGrid(worksheetGrid(ws), c.index.years).lines;
      writeFileSync(join(dir, c.file), Buffer.from(await workbook.xlsx.writeBuffer()));
    }
    const started = performance.now();
    await recalculate(
      Object.values(CASES).map((c) => join(dir, c.file)),
      out,
    );
    recalcSeconds = (performance.now() - started) / 1000;
    console.log(
      `LibreOffice recalculated ${Object.keys(CASES).length} workbooks in ${recalcSeconds.toFixed(1)} s`,
    );
    for (const c of Object.values(CASES)) {
      c.after = new ExcelJS.Workbook();
      await c.after.xlsx.readFile(join(out, c.file));
    }
  });

  const after = (c: Case, sheet: string): Grid => worksheetGrid(sheetOf(c.after as ExcelJS.Workbook, sheet));
  const dec = (m: Money | null) => (m === null ? null : moneyToDecimal(m));
  const cell = (grid: Grid, row: number, c0: number) => grid.rows[row - 1]?.[c0];
  const money = (v: unknown): string | null =>
    typeof v === 'number'
      ? dec(moneyFromNumber(v))
      : v === '' || v === null || v === undefined
        ? null
        : String(v);
  const fields = (): LineField[] => [
    ...YEARS.map((y) => `year:${y}` as const),
    'total',
    'national',
    'external',
  ];
  const get = (l: Line, f: LineField): Money | null =>
    f.startsWith('year:')
      ? (l.years[Number(f.slice(5))] ?? null)
      : (l[f as 'total' | 'national' | 'external'] ?? null);

  it('filled many lines, with decimals, PM lines and slips', () => {
    const lines = CASES.many.before ?? [];
    expect(lines).toHaveLength(103);
    const filled = lines.filter((l) => Object.values(l.years).some((v) => v !== null));
    expect(filled.length).toBeGreaterThan(60);
    expect(filled.some((l) => l.nature === 'pm')).toBe(true);
  });

  it('computes every line total as the exact sum of its years', () => {
    const c = CASES.many;
    const reading = readEntryGrid(after(c, 'Saisie'), YEARS);
    expect(reading.findings).toEqual([]);
    const actual = reading.lines.map((l) => [l.activity, dec(l.total)]);
    const expected = (c.before ?? []).map((l) => {
      const years = Object.values(l.years);
      return [l.activity, years.every((v) => v === null) ? null : dec(sumMoney(years))];
    });
    expect(actual).toEqual(expected);
    // Amounts typed are amounts read: nothing was lost on the way.
    expect(reading.lines.map((l) => fields().map((f) => (f === 'total' ? null : dec(get(l, f)))))).toEqual(
      (c.before ?? []).map((l) => fields().map((f) => (f === 'total' ? null : dec(get(l, f))))),
    );
  });

  it('computes every subtotal row and the TOTAL row as the exact sum of their lines', () => {
    const c = CASES.many;
    const reading = readEntryGrid(after(c, 'Saisie'), YEARS);
    const lines = reading.lines;
    expect(reading.subtotals.length).toBe(5 + 15 + 31 + 1);
    const members = (level: string, key: string) =>
      lines.filter((l) => {
        if (level === 'grand') return true;
        const a = index.activity(l.activity ?? '') as Activity;
        return a[level as 'pillar' | 'objective' | 'result'] === key;
      });
    const actual = reading.subtotals.map((s) => ({
      at: s.cells.activity,
      amounts: fields().map((f) =>
        dec(f.startsWith('year:') ? (s.amounts.years[Number(f.slice(5))] ?? null) : s.amounts[f as 'total']),
      ),
    }));
    const expected = reading.subtotals.map((s) => ({
      at: s.cells.activity,
      amounts: fields().map((f) => dec(sumMoney(members(s.level, s.key).map((l) => get(l, f))))),
    }));
    expect(actual).toEqual(expected);
  });

  it('computes every cell of the summary as the exact sum of its pillar and ministry lines', () => {
    const c = CASES.many;
    const lines = readEntryGrid(after(c, 'Saisie'), YEARS).lines;
    const grid = after(c, 'Synthèse');
    const pillarOf = new Map(index.plan.pillars.map((p) => [p.name, p.code]));
    const actual: Record<string, (string | null)[]> = {};
    const expected: Record<string, (string | null)[]> = {};
    const sums = (ls: Line[]) => fields().map((f) => dec(sumMoney(ls.map((l) => get(l, f)))));
    let row = 5;
    for (; cell(grid, row, 0) !== 'TOTAL'; row++) {
      const pillar = pillarOf.get(String(cell(grid, row, 0))) ?? '?';
      const ministry = String(cell(grid, row, 1));
      const key = `${pillar}|${ministry}`;
      actual[key] = fields().map((_, k) => money(cell(grid, row, 2 + k)));
      expected[key] = sums(
        lines.filter((l) => {
          const a = index.activity(l.activity ?? '') as Activity;
          return a.pillar === pillar && a.responsible === ministry;
        }),
      );
      const envelope = cell(grid, row, 11);
      const total = moneyFromNumber(Number(cell(grid, row, 7))) ?? 0n;
      const gap = typeof envelope === 'number' ? dec(total - (moneyFromNumber(envelope) ?? 0n)) : null;
      expect(money(cell(grid, row, 12)), `gap of ${key}`).toBe(gap);
    }
    actual.TOTAL = fields().map((_, k) => money(cell(grid, row, 2 + k)));
    expected.TOTAL = sums(lines);
    expect(actual).toEqual(expected);
    expect(Object.keys(actual).length).toBeGreaterThan(15);
    expect(cell(grid, row, 11)).toBe(index.plan.envelope.totalRow.total);
  });

  it('counts on the checks sheet what the core counts on the same lines', () => {
    const c = CASES.many;
    const lines = readEntryGrid(after(c, 'Saisie'), YEARS).lines;
    const amounts = (l: Line) => [...Object.values(l.years), l.national, l.external];
    const expected: Record<CheckKey, number> = {
      fundingSplit: lines.filter(
        (l) =>
          (l.national !== null || l.external !== null) &&
          sumMoney([l.national, l.external]) !== sumMoney(Object.values(l.years)),
      ).length,
      pmWithAmounts: lines.filter((l) => l.nature === 'pm' && amounts(l).some((v) => v !== null)).length,
      negative: lines.flatMap((l) => amounts(l)).filter((v) => v !== null && v < 0n).length,
      outsideExecution: lines.flatMap((l) =>
        YEARS.filter((y) => (l.years[y] ?? 0n) !== 0n && !l.execution.includes(y)),
      ).length,
      textAmounts: 0,
      summaryTotal: 0,
    };
    const grid = after(c, 'Contrôles');
    const actual = Object.fromEntries(CHECK_ORDER.map((k, i) => [k, cell(grid, 5 + i, 1)]));
    expect(actual).toEqual(expected);
    for (const k of ['fundingSplit', 'pmWithAmounts', 'negative', 'outsideExecution'] as const) {
      expect(expected[k], k).toBeGreaterThan(0);
    }
    expect(CHECK_ORDER.map((_, i) => cell(grid, 5 + i, 2))).toEqual(
      CHECK_ORDER.map((k) => (expected[k] === 0 ? 'OK' : 'À corriger')),
    );
  });

  const checks = (c: Case, sheet = 'Contrôles') => {
    const grid = after(c, sheet);
    return Object.fromEntries(CHECK_ORDER.map((k, i) => [k, [cell(grid, 5 + i, 1), cell(grid, 5 + i, 2)]]));
  };

  it('flags a wrong funding split, and shows OK once it is fixed', () => {
    expect(checks(CASES.wrongSplit)).toEqual({
      fundingSplit: [1, 'À corriger'],
      pmWithAmounts: [0, 'OK'],
      negative: [0, 'OK'],
      outsideExecution: [0, 'OK'],
      textAmounts: [0, 'OK'],
      summaryTotal: [0, 'OK'],
    });
    expect(Object.values(checks(CASES.fixedSplit)).map(([, status]) => status)).toEqual(
      new Array(6).fill('OK'),
    );
  });

  it('flags an amount pasted as text', () => {
    const result = checks(CASES.textAmount);
    expect(result.textAmounts).toEqual([1, 'À corriger']);
    // The arithmetic of the split check cannot use that cell: it says "?" and fails too.
    expect(result.fundingSplit?.[1]).toBe('À corriger');
  });

  it('keeps formula-looking plan text as text, and speaks English in an English template', () => {
    const c = CASES.evil;
    const grid = after(c, 'Entry');
    const titles = grid.rows.map((r) => r[1]).filter((t) => EVIL.includes(t as string));
    expect(new Set(titles)).toEqual(new Set(EVIL));
    expect(grid.rows.some((r) => r[1] === 2 || r[1] === 1)).toBe(false);
    expect(checks(c, 'Checks').fundingSplit).toEqual([1, 'To fix']);
    expect(checks(c, 'Checks').negative).toEqual([0, 'OK']);
  });

  it('recalculates within the time budget', () => {
    expect(recalcSeconds).toBeLessThan(60);
  });
});
