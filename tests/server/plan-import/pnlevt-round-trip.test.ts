// The shipped PNLEVT plan written back out as a planner's workbook and imported: the same plan
// comes back (activities, codes, costs, years, ministries, results, envelope), with each item's
// sheet and row, the same corrections, and the document's own slips — which stop the import
// unless the plan is declared adopted.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Activity, Plan, Result } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { PNLEVT_LAYOUT, planWorkbook } from '../../fixtures/plan-workbooks.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from '../xlsx/libreoffice.ts';
import {
  cellsStartingWith,
  cellTexts,
  checksPlaced,
  importBytes,
  placed,
  activityFacts as sharedFacts,
} from './helpers.ts';

const shipped = shippedPlan().plan;
const bytes = await planWorkbook(shipped, PNLEVT_LAYOUT);
const adopted = await importBytes(bytes, { adopted: true, fileName: 'pnlevt.xlsx' });
const plan = adopted.plan as Plan;

/** What the document and the workbook both say about an activity, partners resolved included. */
const activityFacts = (a: Activity) => ({ ...sharedFacts(a), partners: a.partners });
const resultFacts = (r: Result) => ({
  code: r.code,
  printed: r.source.code,
  objective: r.objective,
  pillar: r.pillar,
  title: r.title,
  indicators: r.indicators,
});
/** Corrections a workbook can carry: the Word conversion's own (stray list numbers, cut year rows) aside. */
const corrections = (
  items: {
    code: string;
    corrections?: { kind: string; asWritten: string | null; correctedTo: string | null }[];
  }[],
) =>
  items.flatMap((i) =>
    (i.corrections ?? [])
      .filter((c) => !['stray_fragment', 'missing_year_row'].includes(c.kind))
      .map((c) => [i.code, c.kind, c.asWritten, c.correctedTo]),
  );

describe('the PNLEVT written as a planner’s workbook and imported as an adopted plan', () => {
  it('gives back the shipped plan: activities, codes, costs, years, responsible and partners', () => {
    expect(plan).not.toBeNull();
    expect(plan.activities.map(activityFacts)).toEqual(shipped.activities.map(activityFacts));
  });

  it('gives back its pillars, objectives, results with their indicators, and ministries', () => {
    expect(plan.pillars.map((p) => [p.code, p.name])).toEqual(shipped.pillars.map((p) => [p.code, p.name]));
    expect(plan.objectives.map((o) => [o.code, o.pillar, o.title, o.source.code])).toEqual(
      shipped.objectives.map((o) => [o.code, o.pillar, o.title, o.source.code]),
    );
    expect(plan.results.map(resultFacts)).toEqual(shipped.results.map(resultFacts));
    expect(plan.ministries).toEqual(shipped.ministries);
    expect(plan.jointSpellings).toEqual(shipped.jointSpellings);
  });

  it('gives back the summary table as printed, slips included, and the plan’s years and unit', () => {
    const facts = (r: Plan['envelope']['rows'][number]) => [
      r.pillar,
      r.pillarAsWritten,
      r.ministry,
      r.ministryAsWritten,
      r.years,
      r.total,
      r.national,
      r.external,
    ];
    expect(plan.envelope.rows.map(facts)).toEqual(shipped.envelope.rows.map(facts));
    expect(facts(plan.envelope.totalRow)).toEqual(facts(shipped.envelope.totalRow));
    expect(plan.envelope.title).toBe(shipped.envelope.title);
    expect(plan.plan).toMatchObject({ years: shipped.plan.years, unit: shipped.plan.unit });
    expect(plan.plan.amountUnit).toEqual({ currency: 'FCFA', multiplier: 1_000_000 });
    expect(plan.plan.source.file).toBe('pnlevt.xlsx');
  });

  it('records the same corrections as the extraction from the document', () => {
    expect(corrections([...plan.results, ...plan.activities])).toEqual(
      corrections([...shipped.results, ...shipped.activities]),
    );
    expect(corrections(plan.activities)).toContainEqual([
      '4.2.1.1',
      'renumbered_duplicate',
      '4.2.3.1',
      '4.2.1.1',
    ]);
    expect(corrections(plan.results)).toEqual([['2.1.3', 'inferred_result_code', null, '2.1.3']]);
  });

  it('points every activity and result at its sheet and row, where its code is written', async () => {
    const text = await cellTexts(bytes);
    for (const a of plan.activities) {
      expect(a.source.sheet).toBe("Plan d'action 2021-2025");
      expect(text(`${a.source.sheet}!C${a.source.line}`).startsWith(a.source.code as string)).toBe(true);
    }
    for (const r of plan.results) {
      const written = text(`${r.source.sheet}!A${r.source.line}`);
      expect(written.startsWith(r.source.code ?? r.title)).toBe(true);
    }
    for (const c of plan.activities.flatMap((a) => a.corrections ?? [])) {
      expect(c.sheet).toBe("Plan d'action 2021-2025");
    }
  });

  it('reports the document’s own slips at their cells, kept as written', async () => {
    const [c4312] = await cellsStartingWith(bytes, '4.3.1.2');
    const [r2] = await cellsStartingWith(bytes, 'Prévention');
    expect(placed(adopted.report)).toEqual([
      [c4312, 'code_fits_two_parents'],
      ...(await cellsStartingWith(bytes, '5.4.1.2')).map((c) => [c, 'no_execution_year']),
      ...(await cellsStartingWith(bytes, '5.4.1.3')).map((c) => [c, 'no_execution_year']),
    ]);
    expect(adopted.report.findings[0]?.severity).toBe('warning');
    // The summary table's arithmetic slips, at the TOTAL cell of their row: H is TOTAL.
    const arithmetic = checksPlaced(adopted.report).filter(([, code]) => code?.startsWith('summary_row'));
    expect(arithmetic[0]).toEqual([
      `Coûts et financement!H${(r2 as string).replace(/\D+/g, '')}`,
      'summary_row_mismatch',
    ]);
    expect(adopted.report.checks.stats.byCode).toMatchObject({
      summary_row_mismatch: 3,
      summary_total_row_mismatch: 1,
      duplicate_activity_code: 2,
      activity_code_prefix_mismatch: 6,
      result_without_code: 1,
    });
    expect(adopted.report.blocking).toBe(0);
  });

  it('refuses the same workbook when it is not declared adopted, listing what stops it', async () => {
    const draft = await importBytes(bytes);
    expect(draft.plan).toBeNull();
    expect(draft.report.blocking).toBe(7);
    expect(draft.report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'code_fits_two_parents',
    ]);
    expect(draft.report.checks.stats.errors).toBe(6);
  });
});

describe.skipIf(!hasLibreOffice())(
  `the PNLEVT workbook saved again by LibreOffice (${NEEDS_LIBREOFFICE})`,
  () => {
    it('imports to the same plan', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pac-plan-import-lo-'));
      writeFileSync(join(dir, 'pnlevt.xlsx'), bytes);
      await recalculate([join(dir, 'pnlevt.xlsx')], join(dir, 'out'));
      const again = await importBytes(readFileSync(join(dir, 'out', 'pnlevt.xlsx')), {
        adopted: true,
        fileName: 'pnlevt.xlsx',
      });
      expect(again.plan?.activities.map(activityFacts)).toEqual(shipped.activities.map(activityFacts));
      expect(again.plan?.results.map(resultFacts)).toEqual(shipped.results.map(resultFacts));
      expect(again.plan?.envelope.rows).toEqual(plan.envelope.rows);
      expect(placed(again.report)).toEqual(placed(adopted.report));
    });
  },
);
