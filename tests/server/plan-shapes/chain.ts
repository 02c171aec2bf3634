/**
 * What the whole-chain test does to a plan, step by step: the plans it runs (two synthetic shapes
 * and the PNLEVT, each written as a planner's workbook), filling a ministry's template as a person
 * would (ExcelJS values typed into the entry sheet), the exact figures those values must give (per
 * line, per roll-up row, per summary row, per consolidated row), and reading every text of a
 * workbook to check which unit it names.
 */
import ExcelJS from 'exceljs';
import {
  type Activity,
  type CodeLevels,
  type Line,
  type LineField,
  type Money,
  moneyFromNumber,
  moneyToNumber,
  NATURE_VALUES,
  type Plan,
  type PlanIndex,
  planWords,
  readEntryGrid,
  splitEvenly,
  sumMoney,
} from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { type Directory, shippedDirectory } from '../../../server/plan-import/ministry-directory.ts';
import {
  type PlanWorkbookOptions,
  PNLEVT_LAYOUT,
  SEVEN_YEAR_LAYOUT,
  sevenYearPlan,
  THOUSANDS_LAYOUT,
  thousandsPlan,
} from '../../fixtures/plan-workbooks.ts';
import { syntheticDirectory } from '../plan-import/helpers.ts';
import { worksheetGrid } from '../xlsx/workbook-helpers.ts';

export interface ChainPlan {
  name: string;
  id: string;
  /** The plan the workbook is written from; the import must give it back. */
  source: Plan;
  layout: PlanWorkbookOptions;
  directory: () => Promise<Directory>;
  /** The PNLEVT keeps its document's own slips, so it is imported as adopted. */
  adopted: boolean;
  /** The unit's words a person must read, and words that must appear nowhere. */
  unitWords: { fr: RegExp; en: RegExp };
  forbidden: RegExp | null;
}

/**
 * The two ministries that send returns on every plan: MARCC leads activities written "MARCC-MRN",
 * which MRN fills in too; the lead's line counts (MRN's numbers are different, to tell them apart).
 */
export const MINISTRIES = ['MARCC', 'MRN'] as const;

/** The unit named as "millions", anywhere a person reads it, in either language. */
const MILLIONS_AS_UNIT = /millions? (de )?FCFA|en millions|in million|\(millions?\b|million FCFA/i;

export const CHAIN_PLANS: ChainPlan[] = [
  {
    name: '4 pillars over 7 years, in millions of FCFA',
    id: 'plan-2026-2032',
    source: sevenYearPlan(),
    layout: SEVEN_YEAR_LAYOUT,
    directory: syntheticDirectory,
    adopted: false,
    unitWords: { fr: /millions FCFA/, en: /million FCFA/ },
    forbidden: null,
  },
  {
    name: 'no OS level, in thousands of FCFA',
    id: 'plan-communal-2027-2032',
    source: thousandsPlan(),
    layout: THOUSANDS_LAYOUT,
    directory: syntheticDirectory,
    adopted: false,
    unitWords: { fr: /milliers (de )?FCFA/, en: /thousand FCFA/ },
    forbidden: MILLIONS_AS_UNIT,
  },
  {
    name: 'the PNLEVT 2021–2025',
    id: 'pnlevt-2021-2025',
    source: shippedPlan().plan,
    layout: PNLEVT_LAYOUT,
    directory: async () => shippedDirectory(),
    adopted: true,
    unitWords: { fr: /millions FCFA/, en: /million FCFA/ },
    forbidden: null,
  },
];

/** What a ministry types on one line: amounts per year and the funding split, in the plan's unit. */
export interface Typed {
  activity: string;
  years: Map<number, Money>;
  national: Money;
  external: Money;
}

/**
 * What `ministry` types for a costed activity: its plan cost (100 units when it has none), plus
 * 0, 1.25 or 2.5 units so that returns and envelope differ, doubled for a joint partner's copy;
 * split evenly over its execution years (to the millionth), 40 % from the national budget.
 */
export function typedFor(a: Activity, ministry: string, years: readonly number[], n: number): Typed {
  const execution = a.years.filter((y) => years.includes(y));
  const spread = execution.length > 0 ? execution : [years[0] as number];
  const base = (moneyFromNumber(a.cost ?? 100) ?? 0n) + BigInt(n % 3) * 1_250_000n;
  const total = a.responsible === ministry ? base : base * 2n;
  const byYear = splitEvenly(total, spread)?.byYear ?? new Map<number, Money>();
  const national = (total * 2n) / 5n;
  return { activity: a.code, years: byYear, national, external: total - national };
}

export interface Filled {
  bytes: Buffer;
  /** Costed lines as typed; PM lines are left as the template prefills them. */
  typed: Typed[];
  /** The template's activity lines as the reader found them before any value was typed. */
  template: Line[];
}

/**
 * Types the values into the entry sheet of a template workbook, cell by cell, the way a person
 * does in a spreadsheet: the nature "Chiffré", each year's amount, national budget and external.
 */
export async function fillTemplate(
  templateBytes: Uint8Array,
  index: PlanIndex,
  ministry: string,
): Promise<Filled> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(templateBytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Saisie');
  if (!ws) throw new Error('no entry sheet');
  const years = index.years;
  const template = readEntryGrid(worksheetGrid(ws), years, planWords(index.plan)).lines;
  const typed: Typed[] = [];
  template.forEach((line, n) => {
    const a = index.activity(line.activity ?? '');
    if (!a) throw new Error(`the template holds ${line.activity}, not in the plan`);
    if (a.costNote === 'PM') return;
    const t = typedFor(a, ministry, years, n);
    const put = (field: LineField, value: Money | string) => {
      const cell = line.cells[field];
      if (!cell) throw new Error(`no ${field} cell for ${a.code}`);
      ws.getCell(cell).value = typeof value === 'string' ? value : moneyToNumber(value);
    };
    put('nature', NATURE_VALUES.costed.fr);
    for (const [y, v] of t.years) put(`year:${y}`, v);
    put('national', t.national);
    put('external', t.external);
    typed.push(t);
  });
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), typed, template };
}

/** The amount fields in column order: each year, total, national, external. */
export function amountFields(years: readonly number[]): LineField[] {
  return [...years.map((y): LineField => `year:${y}`), 'total', 'national', 'external'];
}

/** A typed line's amount in one field. */
export function typedAmount(t: Typed, field: LineField): Money | null {
  if (field.startsWith('year:')) return t.years.get(Number(field.slice(5))) ?? null;
  if (field === 'total') return sumMoney(t.years.values());
  if (field === 'national') return t.national;
  if (field === 'external') return t.external;
  return null;
}

/** Exact sums of some typed lines, field by field, as decimal numbers for comparison. */
export function sums(lines: readonly Typed[], years: readonly number[]): number[] {
  return amountFields(years).map((f) => moneyToNumber(sumMoney(lines.map((t) => typedAmount(t, f)))));
}

/** A cell value read back (a number LibreOffice computed, or a JSON number) to the millionth. */
export function exact(value: unknown): number | null {
  if (typeof value !== 'number') return value === '' || value === null || value === undefined ? null : NaN;
  const m = moneyFromNumber(value);
  return m === null ? NaN : moneyToNumber(m);
}

/** The line that counts for each activity once both ministries have sent theirs: the lead's, else the other's. */
export function countedLines(plan: Plan, returns: ReadonlyMap<string, Typed[]>): Map<string, Typed> {
  const counted = new Map<string, Typed>();
  for (const a of plan.activities) {
    for (const m of [a.responsible, ...a.jointWith]) {
      const line = returns.get(m)?.find((t) => t.activity === a.code);
      if (line) {
        counted.set(a.code, line);
        break;
      }
    }
  }
  return counted;
}

/** Every text of every sheet of a workbook (headers, notes, prompts of the data validations). */
export async function workbookTexts(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
    const validations = (ws as unknown as { dataValidations?: { model?: Record<string, unknown> } })
      .dataValidations?.model;
    for (const v of Object.values(validations ?? {})) {
      const dv = v as { prompt?: string; error?: string; promptTitle?: string; errorTitle?: string };
      for (const t of [dv.prompt, dv.error, dv.promptTitle, dv.errorTitle]) if (t) texts.push(t);
    }
  }
  return texts;
}

/** Every sheet's name and cell values (formulas' cached results), to compare two files' contents. */
export async function workbookCells(bytes: Uint8Array): Promise<{ name: string; rows: unknown[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: worksheetGrid(ws).rows }));
}

/** Column A of a sheet of a workbook, as text. */
export async function columnA(bytes: Uint8Array, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return worksheetGrid(ws).rows.map((r) => (typeof r[0] === 'string' ? r[0] : ''));
}

/** The levels a reader needs, from a plan. */
export const levelsOf = (plan: Plan): CodeLevels => planWords(plan);
