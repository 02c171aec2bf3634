// The execution follow-up's whole chain on plans that are not the PNLEVT (4 pillars over 7 years;
// no OS level, in thousands of FCFA), each hosted by a fresh service and named with `?plan=`: a
// period opened in one of the plan's years, MARCC's « Exécution » workbook served, filled and
// recomputed by LibreOffice (its formulas against PAC's), uploaded; MRN's return sent as JSON;
// the consolidation equal to the core's on the stored documents; the review workbook one page per
// pillar; the annual plan. On SQLite, and on PostgreSQL when PAC_TEST_PG_URL is set.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPlan, type Plan, type PlanIndex, templateActivities } from '#core';
import { importPlanWorkbook } from '../../../server/plan-import/import-plan.ts';
import { planWorkbook } from '../../fixtures/plan-workbooks.ts';
import {
  coreConsolidation,
  countedDocuments,
  fillExecution,
  recalculatedInLibreOffice,
  XLSX,
} from '../http/execution-helpers.ts';
import { type Service, startService } from '../http/harness.ts';
import { BACKENDS } from '../store/backends.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE } from '../xlsx/libreoffice.ts';
import { CHAIN_PLANS, type ChainPlan } from './chain.ts';

/** The plan as `pac plan import` reads it from the planner's workbook (ministries from the directory). */
async function imported(c: ChainPlan): Promise<Plan> {
  const outcome = await importPlanWorkbook(await planWorkbook(c.source, c.layout), {
    fileName: `${c.id}.xlsx`,
    id: c.id,
    adopted: c.adopted,
    directory: await c.directory(),
  });
  if (outcome.kind !== 'read' || outcome.plan === null) throw new Error(`${c.name}: not imported`);
  return outcome.plan;
}

const SYNTHETIC = CHAIN_PLANS.filter((c) => c.id !== 'pnlevt-2021-2025');

describe.each(
  SYNTHETIC.flatMap((c) => BACKENDS.map((b) => ({ c, backend: b, name: `${c.name} [${b.name}]` }))),
)('the execution chain on a plan of $name', ({ c, backend }) => {
  const year = c.source.plan.years[1] as number;
  const key = String(year);
  const q = `?plan=${c.id}`;
  let plan: Plan;
  let index: PlanIndex;
  let s: Service;
  let marcc: string;
  let mrn: string;
  let sp: string;

  beforeAll(async () => {
    plan = await imported(c);
    index = indexPlan(plan);
    s = await startService(backend, {}, {}, { plan });
    marcc = await s.token('ministry', 'MARCC');
    mrn = await s.token('ministry', 'MRN');
    sp = await s.token('consolidator');
  }, 60_000);
  afterAll(async () => {
    await s.db.cleanup();
  });

  it('opens a period of the plan’s years only', async () => {
    const outside = await s.json(`/api/periods${q}`, {
      token: sp,
      json: { key: String((plan.plan.years[0] as number) - 1) },
    });
    expect([outside.status, outside.body.error.message]).toEqual([
      400,
      expect.stringContaining(plan.plan.years.join(', ')),
    ]);
    const opened = await s.json(`/api/periods${q}`, { token: sp, json: { key } });
    expect(opened.body.period).toMatchObject({ planId: plan.plan.id, key, year });
  });

  it('takes MARCC’s workbook recomputed by LibreOffice and MRN’s JSON, and consolidates as the core does', async () => {
    const served = await s.call(`/api/periods/${key}/template.xlsx${q}`, { token: marcc });
    expect(served.status).toBe(200);
    const own = templateActivities(index, 'MARCC').filter(
      (a) => a.responsible === 'MARCC' && a.years.includes(year),
    );
    expect(own.length).toBeGreaterThan(1);
    const entries = Object.fromEntries(
      own.slice(0, 3).map((a, i) => [
        a.code,
        {
          committedNational: 10 + i,
          committedExternal: 2.5,
          disbursedNational: 7 + i,
          disbursedExternal: 1.25,
          state: 'En cours',
        },
      ]),
    );
    const { bytes, compared } = await recalculatedInLibreOffice(
      await fillExecution(await served.arrayBuffer(), entries),
    );
    if (hasLibreOffice()) expect(compared).toBeGreaterThan(10);
    else console.warn(`execution sheet formulas not recomputed: ${NEEDS_LIBREOFFICE}`);
    const form = new FormData();
    form.set('file', new File([new Uint8Array(bytes)], 'marcc.xlsx', { type: XLSX }));
    const up = await s.json(`/api/periods/${key}/returns/upload${q}`, { token: marcc, body: form });
    expect([up.status, up.body.error]).toEqual([201, undefined]);
    expect(up.body.receipt).toMatchObject({ planId: plan.plan.id, ministry: 'MARCC', errorCount: 0 });

    const mrnActivities = templateActivities(index, 'MRN').filter((a) => a.years.includes(year));
    const doc = {
      ministry: 'MRN',
      planId: plan.plan.id,
      planVersion: plan.plan.version,
      period: key,
      lines: mrnActivities.slice(0, 2).map((a) => ({
        activity: a.code,
        committed: { national: 4, external: 1 },
        disbursed: { national: 3, external: 0 },
        state: 'ongoing',
        comment: null,
      })),
    };
    const sent = await s.json(`/api/periods/${key}/returns${q}`, { token: mrn, json: doc });
    expect([sent.status, sent.body.error]).toEqual([201, undefined]);

    const counted = await countedDocuments(s, key, sp, q);
    expect(counted.map((x) => x.ministry).sort()).toEqual(['MARCC', 'MRN']);
    const r = await s.json(`/api/periods/${key}/consolidation${q}`, { token: sp });
    expect(r.body.consolidation).toEqual(coreConsolidation(index, key, counted));
    expect(r.body.consolidation.byPillar.length).toBe(plan.pillars.length);
    // MARCC's first activity: what was typed, read back through the file.
    const first = r.body.consolidation.activities.find(
      (x: { activity: { code: string } }) => x.activity.code === own[0]?.code,
    );
    expect(first.figures.committed.total).toBe(12.5);
    expect(first.figures.disbursed.total).toBe(8.25);
  }, 300_000);

  it('lays the review workbook out one pillar a page and gives the annual plan', async () => {
    const res = await s.call(`/api/periods/${key}/consolidated.xlsx${q}`, { token: sp });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const pillars = wb.worksheets.filter(
      (w) => w.pageSetup.fitToHeight === 1 && w.name !== wb.worksheets[0]?.name,
    );
    expect(pillars.length).toBe(plan.pillars.length);
    const annual = await s.call(`/api/annual-plan/${year}.xlsx${q}`, { token: marcc });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await annual.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['MARCC']);
  });
});
