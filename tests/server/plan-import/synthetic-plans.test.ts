// Plans that are not the PNLEVT, written as workbooks and imported: 4 pillars over 7 years (one
// sheet, summary table under the detail with SUM formulas and merged pillar cells, a ministry from
// the user's directory file), and a plan without OS level in thousands of FCFA (one sheet per
// pillar, summary on its own sheet). Each comes back as the plan it was written from.
import { describe, expect, it } from 'vitest';
import { indexPlan, Plan, runPlanChecks } from '#core';
import {
  planWorkbook,
  SEVEN_YEAR_LAYOUT,
  sevenYearPlan,
  THOUSANDS_LAYOUT,
  thousandsPlan,
} from '../../fixtures/plan-workbooks.ts';
import { cellTexts, activityFacts as facts, importBytes, placed, syntheticDirectory } from './helpers.ts';

const envelopeFacts = (p: Plan) =>
  [...p.envelope.rows, p.envelope.totalRow].map((r) => [
    r.pillar,
    r.ministry,
    r.years,
    r.total,
    r.national,
    r.external,
  ]);

describe('a plan of 4 pillars over 7 years', async () => {
  const source = Plan.parse(sevenYearPlan());
  const bytes = await planWorkbook(source, SEVEN_YEAR_LAYOUT);
  const directory = await syntheticDirectory();
  const { plan, report } = await importBytes(bytes, {
    directory,
    id: 'plan-2026-2032',
    fileName: 'pac.xlsx',
  });

  it('is read without a finding and gives back every activity as written', () => {
    expect(placed(report)).toEqual([]);
    expect(report.checks.findings).toEqual([]);
    expect(plan?.activities.map(facts)).toEqual(source.activities.map(facts));
    expect(plan?.activities).toHaveLength(32);
  });

  it('has its 4 pillars, 8 objectives and 16 results, named as the workbook names them', () => {
    expect(plan?.pillars.map((p) => [p.code, p.name])).toEqual(source.pillars.map((p) => [p.code, p.name]));
    expect(plan?.objectives.map((o) => [o.code, o.title])).toEqual(
      source.objectives.map((o) => [o.code, o.title]),
    );
    expect(plan?.results.map((r) => [r.code, r.objective, r.title, r.indicators])).toEqual(
      source.results.map((r) => [r.code, r.objective, r.title, r.indicators]),
    );
  });

  it('takes its 7 years from the summary table, and that table as its envelope (SUM formulas worked out)', () => {
    expect(plan?.plan.years).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032]);
    expect(report.yearsFrom).toBe('summary');
    expect(envelopeFacts(plan as Plan)).toEqual(envelopeFacts(source));
    // Written under the detail, on the same sheet.
    expect(plan?.envelope.rows[0]?.sheet).toBe('PAC 2026-2032');
  });

  it('resolves the ministries through the shipped directory and the user’s file', () => {
    const mic = plan?.ministries.find((m) => m.code === 'MIC');
    expect(mic).toMatchObject({
      name: "Ministère de l'Industrie et du Commerce",
      returns: true,
      nameInDocument: false,
    });
    expect(plan?.ministries.find((m) => m.code === 'DGCC')).toMatchObject({ parent: 'MIC', returns: false });
    expect(
      plan?.activities
        .filter((a) => a.responsibleAsWritten === 'M.I.C')
        .every((a) => a.responsible === 'MIC'),
    ).toBe(true);
    const joint = plan?.activities.find((a) => a.responsibleAsWritten === 'MARCC-MRN');
    expect(joint).toMatchObject({ responsible: 'MARCC', jointWith: ['MRN'] });
    expect(plan?.activities[0]?.partners).toEqual(['MEN', 'MATD']);
    const uses = Object.fromEntries(report.spellings.map((u) => [u.asWritten, u.codes]));
    expect(uses).toMatchObject({ 'M.I.C': ['MIC'], 'DNAPES/MJDH': ['MJDH'], PTF: [], ONG: [] });
  });

  it('points each activity at its own row', async () => {
    const text = await cellTexts(bytes);
    for (const a of plan?.activities ?? []) {
      expect(text(`${a.source.sheet}!C${a.source.line}`)).toBe(`${a.source.code} ${a.title}`);
    }
  });

  it('without the ministries file, refuses: the unknown ministry is named at each cell', async () => {
    const refused = await importBytes(bytes);
    expect(refused.plan).toBeNull();
    const codes = new Set(refused.report.findings.map((f) => f.code));
    expect([...codes]).toEqual(['responsible_unknown', 'summary_ministry_unknown']);
    expect(refused.report.findings.filter((f) => f.code === 'responsible_unknown')).toHaveLength(
      source.activities.filter((a) => a.responsible === 'MIC').length,
    );
  });
});

describe('a plan without OS level, in thousands of FCFA', async () => {
  const source = Plan.parse(thousandsPlan());
  const bytes = await planWorkbook(source, THOUSANDS_LAYOUT);
  const { plan, report } = await importBytes(bytes, { fileName: 'communal.xlsx' });

  it('is read without a finding and gives back every activity as written, costs unconverted', () => {
    expect(placed(report)).toEqual([]);
    expect(report.checks.findings).toEqual([]);
    expect(plan?.activities.map(facts)).toEqual(source.activities.map(facts));
    expect(plan?.activities[0]).toMatchObject({ cost: 18600, costAsWritten: '18\u202f600' });
  });

  it('records the unit in the plan: "milliers FCFA", FCFA × 1 000', () => {
    expect(plan?.plan.unit).toBe('milliers FCFA');
    expect(plan?.plan.amountUnit).toEqual({ currency: 'FCFA', multiplier: 1000 });
    expect(plan?.envelope.unit).toBe('milliers FCFA');
    expect(report.unitFrom).toEqual({ kind: 'header', place: 'Axe 1!E3' });
  });

  it('has no objectives: results and activities carry their pillar as objective', () => {
    expect(report.hasObjectives).toBe(false);
    expect(plan?.objectives).toEqual([]);
    expect(plan?.results.map((r) => [r.code, r.pillar, r.objective])).toEqual(
      source.results.map((r) => [r.code, r.pillar, r.pillar]),
    );
    expect(plan?.activities.every((a) => a.objective === a.pillar && a.code.split('.').length === 3)).toBe(
      true,
    );
  });

  it('reads one sheet per pillar and names the pillars from their headings', () => {
    expect(plan?.pillars).toEqual([
      { code: '1', name: 'Gouvernance locale', line: 1, sheet: 'Axe 1' },
      { code: '2', name: 'Services sociaux de base', line: 1, sheet: 'Axe 2' },
      { code: '3', name: 'Économie locale', line: 1, sheet: 'Axe 3' },
    ]);
    expect(new Set(plan?.activities.map((a) => a.source.sheet))).toEqual(
      new Set(['Axe 1', 'Axe 2', 'Axe 3']),
    );
    expect(plan?.plan.years).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
    expect(envelopeFacts(plan as Plan)).toEqual(envelopeFacts(source));
  });

  it('is a plan every core function reads: the schema, the index and the plan checks', () => {
    const parsed = Plan.parse(plan);
    const index = indexPlan(parsed);
    expect(index.activitiesOf('MSPC').length).toBeGreaterThan(0);
    expect(runPlanChecks(index).valid).toBe(true);
  });
});
