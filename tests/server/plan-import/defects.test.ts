// Workbooks with the faults planners make, built from the 7-year synthetic plan (and the plan
// without OS): each is refused — no plan — with its error at the sheet and cell to fix, or read
// with a warning when nothing is guessed. Nothing in between: no fault slips through silently.
import { describe, expect, it } from 'vitest';
import { extendedDirectory } from '../../../server/plan-import/ministry-directory.ts';
import { readUnit } from '../../../server/plan-import/unit.ts';
import {
  type ActivityRowCells,
  type PlanWorkbookOptions,
  planWorkbook,
  SEVEN_YEAR_LAYOUT,
  SYNTHETIC_MINISTRIES_CSV,
  sevenYearPlan,
  THOUSANDS_LAYOUT,
  thousandsPlan,
} from '../../fixtures/plan-workbooks.ts';
import { cellsStartingWith, checksPlaced, importBytes, placed, syntheticDirectory } from './helpers.ts';

const seven = sevenYearPlan();
const directory = await syntheticDirectory();
const SHEET = 'PAC 2026-2032';

async function sevenYear(opts: PlanWorkbookOptions, adopted = false) {
  const bytes = await planWorkbook(seven, { ...SEVEN_YEAR_LAYOUT, ...opts });
  return { bytes, ...(await importBytes(bytes, { directory, adopted })) };
}

const row = (activity: string, overrides: Partial<ActivityRowCells> = {}): ActivityRowCells => ({
  activity,
  alignment: null,
  // No cost: the summary table keeps adding up with the detail, only the fault is reported.
  cost: null,
  responsible: 'MSPC',
  partners: 'MATD',
  marks: ['X', 'X', null, null, null, null, null],
  ...overrides,
});

describe('the refusals', () => {
  it('a code written twice under the same result: renumbered, and refused as the checks’ error', async () => {
    const r = await sevenYear({
      extra: [{ after: '1.1.1.2', cells: row('1.1.1.2. Activité écrite deux fois') }],
    });
    expect(r.plan).toBeNull();
    const [copy] = (await cellsStartingWith(r.bytes, '1.1.1.2. Activité écrite deux fois')) as string[];
    expect(checksPlaced(r.report)).toEqual([[copy, 'duplicate_activity_code']]);
    expect(r.report.corrections.map((c) => [c.place, c.kind, c.asWritten, c.correctedTo])).toEqual([
      [copy, 'renumbered_duplicate', '1.1.1.2.', '1.1.1.3'],
    ]);
    expect(r.report.blocking).toBe(1);
    // Declared adopted, the same workbook gives a plan with the renumbering recorded.
    const kept = await sevenYear(
      { extra: [{ after: '1.1.1.2', cells: row('1.1.1.2. Activité écrite deux fois') }] },
      true,
    );
    expect(kept.plan?.activities.find((a) => a.code === '1.1.1.3')?.corrections?.[0]).toMatchObject({
      kind: 'renumbered_duplicate',
      sheet: SHEET,
      correctedTo: '1.1.1.3',
    });
  });

  it('a responsible spelling the directory does not know', async () => {
    const r = await sevenYear({
      edit: (cells, a) => (a.code === '2.1.1.1' ? { ...cells, responsible: 'MINSECU' } : cells),
    });
    expect(r.plan).toBeNull();
    const [activity] = (await cellsStartingWith(r.bytes, '2.1.1.1.')) as string[];
    expect(placed(r.report)).toEqual([[activity?.replace('!C', '!F'), 'responsible_unknown']]);
    expect(r.report.findings[0]?.params).toEqual({ activity: '2.1.1.1', text: 'MINSECU' });
  });

  it('a summary table that does not add up: the row’s TOTAL cell, as the plan checks say it', async () => {
    const r = await sevenYear({
      summary: { place: 'below' },
      summaryEdit: (rowValues, i) =>
        i === 1 ? { ...rowValues, total: (rowValues.total ?? 0) + 100 } : rowValues,
    });
    expect(r.plan).toBeNull();
    expect(placed(r.report)).toEqual([]);
    const errors = r.report.checks.findings.filter((f) => f.severity === 'error');
    // Row 2 of the table, and therefore the TOTAL column, do not add up; J is TOTAL (A, B, 7 years).
    const totalCell = (await cellsStartingWith(r.bytes, 'TOTAL')).find((c) => c.startsWith(`${SHEET}!A`));
    const totalRow = Number(totalCell?.slice(`${SHEET}!A`.length));
    const second = totalRow - seven.envelope.rows.length + 1;
    expect(errors.map((f) => [`${f.where.sheet}!${f.where.cell}`, f.code])).toEqual([
      [`${SHEET}!J${second}`, 'summary_row_mismatch'],
      [`${SHEET}!K${second}`, 'summary_split_mismatch'],
      [`${SHEET}!J${totalRow}`, 'summary_column_mismatch'],
    ]);
  });

  it('a code that does not match its result, naming another result of the plan', async () => {
    const r = await sevenYear({
      extra: [{ after: '1.1.1.2', cells: row('1.1.2.9. Activité rangée sous le mauvais résultat') }],
    });
    expect(r.plan).toBeNull();
    const [misplaced] = (await cellsStartingWith(r.bytes, '1.1.2.9.')) as string[];
    expect(placed(r.report)).toEqual([[misplaced, 'code_fits_two_parents']]);
    expect(r.report.findings[0]?.params).toEqual({
      level: 'activity',
      code: '1.1.2.9',
      under: '1.1.1',
      named: '1.1.2',
    });
    // Adopted: kept where it sits, with the checks' warning.
    const kept = await sevenYear(
      { extra: [{ after: '1.1.1.2', cells: row('1.1.2.9. Activité rangée sous le mauvais résultat') }] },
      true,
    );
    expect(kept.plan?.activities.find((a) => a.code === '1.1.2.9')?.result).toBe('1.1.1');
    expect(checksPlaced(kept.report)).toEqual([[misplaced, 'activity_code_prefix_mismatch']]);
  });

  it('a year mark that is not X, and costs that are not a number, at their cells', async () => {
    const r = await sevenYear({
      edit: (cells, a) => {
        if (a.code === '1.2.1.1') return { ...cells, marks: ['X', 'oui', null, null, null, null, null] };
        if (a.code === '1.2.1.2') return { ...cells, cost: 'environ 300' };
        if (a.code === '1.2.2.1') return { ...cells, cost: '1.500' };
        if (a.code === '1.2.2.2') return { ...cells, cost: { formula: 'H20*2' } };
        return cells;
      },
    });
    expect(r.plan).toBeNull();
    const at = async (code: string, col: string) =>
      ((await cellsStartingWith(r.bytes, `${code}.`))[0] as string).replace('!C', `!${col}`);
    expect(placed(r.report)).toEqual([
      [await at('1.2.1.1', 'I'), 'mark_unreadable'],
      [await at('1.2.1.2', 'E'), 'cost_unreadable'],
      [await at('1.2.2.1', 'E'), 'cost_ambiguous'],
      [await at('1.2.2.2', 'E'), 'cost_formula'],
    ]);
    expect(r.report.findings.map((f) => f.params)).toEqual([
      { activity: '1.2.1.1', year: 2027, text: 'oui' },
      { activity: '1.2.1.2', text: 'environ 300' },
      { activity: '1.2.2.1', text: '1.500', asThousands: '1500', asDecimal: '1.5' },
      { activity: '1.2.2.2', formula: 'H20*2' },
    ]);
  });

  it('an OS under one pillar’s heading whose code names another pillar', async () => {
    const r = await sevenYear({
      objectiveText: (o) => (o.code === '2.2' ? `OS 1.3 : ${o.title}` : `${o.source.code} : ${o.title}`),
    });
    expect(r.plan).toBeNull();
    const [os] = (await cellsStartingWith(r.bytes, 'OS 1.3')) as string[];
    const [r1] = (await cellsStartingWith(r.bytes, 'Résultat 2.2.1')) as string[];
    const [r2] = (await cellsStartingWith(r.bytes, 'Résultat 2.2.2')) as string[];
    expect(placed(r.report)).toEqual([
      [os, 'code_fits_two_parents'],
      [r1, 'code_parent_mismatch'],
      [r2, 'code_parent_mismatch'],
    ]);
    expect(r.report.findings[0]?.params).toEqual({ level: 'objective', code: '1.3', under: '2', named: '1' });
  });

  it('an activity without a code, and a code with one part too many', async () => {
    const r = await sevenYear({
      extra: [
        { after: '3.1.1.1', cells: row('Activité sans code') },
        { after: '3.1.1.2', cells: row('3.1.1.2.1 Activité à cinq niveaux') },
      ],
    });
    expect(r.plan).toBeNull();
    expect(placed(r.report)).toEqual([
      [(await cellsStartingWith(r.bytes, 'Activité sans code'))[0], 'activity_without_code'],
      [(await cellsStartingWith(r.bytes, '3.1.1.2.1'))[0], 'code_depth'],
    ]);
  });
});

describe('years and unit are read, never guessed', () => {
  const source = thousandsPlan();

  it('without a summary table or a period written, the first year is asked for; --first-year gives it', async () => {
    const bytes = await planWorkbook(source, { ...THOUSANDS_LAYOUT, summary: false, intro: null });
    const unknown = await importBytes(bytes);
    expect(unknown.plan).toBeNull();
    expect(placed(unknown.report)).toEqual([['Axe 1!H3', 'first_year_unknown']]);
    const given = await importBytes(bytes, { firstYear: 2027 });
    expect(given.plan?.plan.years).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
    expect(given.plan?.envelope).toMatchObject({ rows: [], totalRow: { total: null, line: 0 } });
    expect(given.report.summary).toBeNull();
  });

  it('a period written above the tables gives the years when it spans as many as the AN columns', async () => {
    const bytes = await planWorkbook(source, {
      ...THOUSANDS_LAYOUT,
      summary: false,
      title: 'Plan communal 2027-2032',
    });
    const r = await importBytes(bytes);
    expect(r.report.yearsFrom).toBe('title');
    expect(r.plan?.plan.years[0]).toBe(2027);
  });

  it('--first-year against the summary table’s years is an error', async () => {
    const r = await importBytes(await planWorkbook(source, THOUSANDS_LAYOUT), { firstYear: 2026 });
    expect(placed(r.report)).toEqual([['Synthèse des coûts!A2', 'years_conflict']]);
  });

  it('a cost header without a unit takes millions of FCFA and says so; --unit states it', async () => {
    const bytes = await planWorkbook(source, { ...THOUSANDS_LAYOUT, summary: false, costHeader: 'Coût' });
    const assumed = await importBytes(bytes, { firstYear: 2027 });
    expect(placed(assumed.report)).toEqual([['Axe 1!E3', 'unit_assumed']]);
    expect(assumed.plan?.plan.unit).toBe('millions FCFA');
    const thousands = readUnit('milliers FCFA');
    if (thousands.kind !== 'unit') throw new Error('unit');
    const stated = await importBytes(bytes, { firstYear: 2027, unit: thousands.unit });
    expect(placed(stated.report)).toEqual([]);
    expect(stated.plan?.plan).toMatchObject({ unit: 'milliers FCFA', amountUnit: { multiplier: 1000 } });
  });

  it('a unit the option contradicts, or one that cannot be read, stops the import', async () => {
    const millions = readUnit('millions FCFA');
    if (millions.kind !== 'unit') throw new Error('unit');
    const contradicted = await importBytes(await planWorkbook(source, THOUSANDS_LAYOUT), {
      unit: millions.unit,
    });
    expect(contradicted.plan).toBeNull();
    expect(placed(contradicted.report)).toEqual([
      ['Axe 1!E3', 'unit_conflict'],
      ['Axe 2!E3', 'unit_conflict'],
      ['Axe 3!E3', 'unit_conflict'],
      ['Synthèse des coûts!C2', 'unit_conflict'],
    ]);
    const unreadable = await importBytes(
      await planWorkbook(source, { ...THOUSANDS_LAYOUT, summary: false, costHeader: 'Coût en dinars' }),
      { firstYear: 2027 },
    );
    expect(placed(unreadable.report)).toEqual([
      ['Axe 1!E3', 'unit_unreadable'],
      ['Axe 2!E3', 'unit_unreadable'],
      ['Axe 3!E3', 'unit_unreadable'],
    ]);
  });
});

describe('the ministries file', () => {
  it('a spelling claimed for two ministries, an unknown parent or joint code, a code without a name', async () => {
    const csv = [
      SYNTHETIC_MINISTRIES_CSV,
      'MSEC;Ministère de la Sécurité;MSPC;',
      'DRC;Direction régionale du commerce;;MINCO',
      'MSPC+MXYZ;;MSPC/MXYZ;',
      'MNOUVEAU;;;',
      'MSPC+MDAC;;MSPC/MDAC;',
    ].join('\n');
    const { directory, findings } = await extendedDirectory(csv, 'ministeres.csv');
    expect(findings.map((f) => [`${f.where.sheet}!${f.where.cell}`, f.code])).toEqual([
      ['ministeres.csv!C4', 'directory_spelling_conflict'],
      ['ministeres.csv!A6', 'directory_joint_unknown'],
      ['ministeres.csv!B7', 'directory_row_unreadable'],
      ['ministeres.csv!D5', 'directory_parent_unknown'],
    ]);
    // What could be taken was: a joint responsibility of known codes, spellings of a new ministry.
    expect(directory.resolve('MSPC/MDAC')).toEqual(['MSPC', 'MDAC']);
    expect(directory.resolve('mincom')).toEqual(['MIC']);
    expect(directory.resolve('MSPC')).toEqual(['MSPC']);
  });
});
