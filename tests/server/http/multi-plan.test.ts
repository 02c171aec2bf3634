/**
 * Two plans hosted at once over HTTP: the shipped PNLEVT (the default plan) and the synthetic
 * 7-year plan (tests/fixtures/plan-workbooks.ts), hosted through POST /api/plans. One ministry
 * (MARCC, in both) submits to each; versions are numbered per plan; the plan list, status,
 * consolidation, consolidated workbook, attempts and reviews answer per plan (?plan=), and a
 * return of one plan is not found as the other's.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { diffPlanCycles } from '#core';
import { returnOn } from '../../fixtures/plan-returns.ts';
import { sevenYearPlan } from '../../fixtures/plan-workbooks.ts';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn, type Service, SHIPPED_PLAN, startService } from './harness.ts';

const SEVEN = sevenYearPlan();
const SEVEN_ID = SEVEN.plan.id;
const PNLEVT_ID = SHIPPED_PLAN.plan.id;

async function hostSeven(s: Service): Promise<void> {
  const hosted = await s.json('/api/plans', { json: SEVEN });
  expect(hosted.status).toBe(201);
  expect(hosted.body.plan).toMatchObject({ id: SEVEN_ID, version: SEVEN.plan.version });
}

describeEachBackend('several plans hosted at once', (backend) => {
  it('lists the hosted plans, hosts a new one, refuses it twice and refuses a bad plan in French', async () => {
    const s = await startService(backend);
    try {
      const before = await s.json('/api/plans');
      expect(before.body).toMatchObject({ default: PNLEVT_ID, plans: [{ id: PNLEVT_ID, default: true }] });
      const marcc = await s.token('ministry', 'MARCC', 'CPS MARCC');
      expect((await s.json('/api/plans', { token: marcc, json: SEVEN })).status).toBe(403);
      await hostSeven(s);
      const again = await s.json('/api/plans', { json: SEVEN });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('plan_version_exists');
      const bad = await s.json('/api/plans', { json: { plan: { id: 'x' }, activities: 'non' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.messages.fr).toMatch(/requête|invalide/i);

      const all = await s.json('/api/plans');
      expect(all.body.default).toBe(PNLEVT_ID);
      expect(all.body.plans.map((p: { id: string }) => p.id).sort()).toEqual([SEVEN_ID, PNLEVT_ID].sort());
      const seven = all.body.plans.find((p: { id: string }) => p.id === SEVEN_ID);
      expect(seven).toMatchObject({
        title: SEVEN.plan.title,
        years: SEVEN.plan.years,
        unit: SEVEN.plan.unit,
        version: SEVEN.plan.version,
        activities: SEVEN.activities.length,
      });
      // A ministry token sees the plans where its ministry has activities: MJS is not in the 7-year plan.
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      expect(
        (await s.json('/api/plans', { token: mjs })).body.plans.map((p: { id: string }) => p.id),
      ).toEqual([PNLEVT_ID]);
      expect((await s.json(`/api/plans`, { token: marcc })).body.plans).toHaveLength(2);
      // …and is not given the other one.
      expect((await s.json(`/api/plan?plan=${SEVEN_ID}`, { token: mjs })).status).toBe(404);
      expect((await s.json(`/api/plan?plan=${SEVEN_ID}`, { token: marcc })).body.plan.plan.id).toBe(SEVEN_ID);
      expect((await s.json('/api/plan', { token: marcc })).body.plan.plan.id).toBe(PNLEVT_ID);
      const unknown = await s.json('/api/plan?plan=plan-inconnu');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.messages.fr).toContain('plan-inconnu');
      // Each plan keeps its own current version.
      expect((await s.json(`/api/plan/versions?plan=${SEVEN_ID}`)).body.versions).toHaveLength(1);
      expect((await s.json('/api/me', { token: marcc })).body.plan.id).toBe(PNLEVT_ID);
      expect((await s.json(`/api/me?plan=${SEVEN_ID}`, { token: marcc })).body.plan.id).toBe(SEVEN_ID);
    } finally {
      await s.db.cleanup();
    }
  });

  it('numbers, reviews, reports and consolidates each plan apart; a return of one plan is not the other’s', async () => {
    const s = await startService(backend);
    try {
      await hostSeven(s);
      const marcc = await s.token('ministry', 'MARCC', 'CPS MARCC');
      const sp = await s.token('consolidator');
      const onSeven = returnOn(SEVEN, 'MARCC');
      const onPnlevt = returnOn(SHIPPED_PLAN, 'MARCC', 1);
      expect(onSeven.lines.length).toBe(2);
      expect(onPnlevt.lines.length).toBe(1);

      const a1 = await s.json(`/api/returns?plan=${SEVEN_ID}`, { token: marcc, json: onSeven });
      expect(a1.status, JSON.stringify(a1.body)).toBe(201);
      expect(a1.body.receipt).toMatchObject({ version: 1, planId: SEVEN_ID });
      expect(a1.headers.get('location')).toBe(`/api/returns/MARCC/1?plan=${SEVEN_ID}`);
      const a2 = await s.json(`/api/returns?plan=${SEVEN_ID}`, {
        token: marcc,
        json: { ...onSeven, lines: onSeven.lines.slice(0, 1) },
      });
      expect(a2.body.receipt).toMatchObject({ version: 2, planId: SEVEN_ID });
      // The default plan: its own numbering, from 1.
      const b1 = await s.json('/api/returns', { token: marcc, json: onPnlevt });
      expect(b1.status, JSON.stringify(b1.body)).toBe(201);
      expect(b1.body.receipt).toMatchObject({ version: 1, planId: PNLEVT_ID });
      // A return of one plan sent as the other's is refused, and the refusal is that plan's.
      const crossed = await s.json(`/api/returns?plan=${SEVEN_ID}`, { token: marcc, json: onPnlevt });
      expect(crossed.status).toBe(409);
      expect(crossed.body.error.code).toBe('unknown_plan');

      // Versions per plan.
      const list = async (plan: string) =>
        (await s.json(`/api/returns?plan=${plan}`, { token: sp })).body.returns.map(
          (r: { version: number; planId: string }) => `${r.planId}:${r.version}`,
        );
      expect(await list(SEVEN_ID)).toEqual([`${SEVEN_ID}:2`, `${SEVEN_ID}:1`]);
      expect(await list(PNLEVT_ID)).toEqual([`${PNLEVT_ID}:1`]);

      // Cross-plan reading and reviewing: 404.
      expect((await s.json(`/api/returns/MARCC/2?plan=${SEVEN_ID}`, { token: sp })).status).toBe(200);
      expect((await s.json('/api/returns/MARCC/2', { token: sp })).status).toBe(404);
      const wrongReview = await s.json('/api/returns/MARCC/2/review', {
        token: sp,
        json: { action: 'accept' },
      });
      expect(wrongReview.status).toBe(404);
      const review = await s.json(`/api/returns/MARCC/2/review?plan=${SEVEN_ID}`, {
        token: sp,
        json: { action: 'accept' },
      });
      expect(review.status).toBe(200);
      // Accepted on the 7-year plan: locked there, not on the PNLEVT.
      const locked = await s.json(`/api/returns?plan=${SEVEN_ID}`, { token: marcc, json: onSeven });
      expect(locked.body.error.code).toBe('version_locked');
      const b2 = await s.json('/api/returns', {
        token: marcc,
        json: { ...onPnlevt, clientId: 'second-send-b2' },
      });
      expect(b2.body.receipt).toMatchObject({ version: 2, planId: PNLEVT_ID });
      const diff = await s.json(`/api/returns/MARCC/diff?plan=${SEVEN_ID}&from=1&to=2`, { token: sp });
      expect(diff.status).toBe(200);
      expect((await s.json(`/api/returns/MARCC/diff?from=1&to=3`, { token: sp })).status).toBe(404);

      // Attempts: each refusal is kept under the plan the return said it was made on.
      const attempts = async (plan: string) =>
        (await s.json(`/api/returns/MARCC/attempts?plan=${plan}`, { token: sp })).body.attempts.map(
          (a: { code: string }) => a.code,
        );
      expect(await attempts(SEVEN_ID)).toEqual(['version_locked']);
      expect(await attempts(PNLEVT_ID)).toEqual(['unknown_plan']);

      // Status per plan.
      const statusSeven = (await s.json(`/api/status?plan=${SEVEN_ID}`, { token: sp })).body;
      expect(statusSeven.plan).toEqual({ id: SEVEN_ID, version: SEVEN.plan.version });
      expect(statusSeven.ministries.find((m: { ministry: string }) => m.ministry === 'MARCC')).toMatchObject({
        state: 'accepted',
        version: 2,
      });
      expect(statusSeven.ministries.map((m: { ministry: string }) => m.ministry)).not.toContain('MJS');
      const statusPnlevt = (await s.json('/api/status', { token: sp })).body;
      expect(statusPnlevt.plan.id).toBe(PNLEVT_ID);
      expect(statusPnlevt.ministries.find((m: { ministry: string }) => m.ministry === 'MARCC')).toMatchObject(
        {
          state: 'submitted',
          version: 2,
          lastAttempt: { code: 'unknown_plan', afterLatestVersion: false },
        },
      );

      // Consolidation (the dashboard's API) and the workbook per plan.
      const consolidated = async (plan: string) =>
        (await s.json(`/api/consolidated?plan=${plan}`, { token: sp })).body;
      const seven = JSON.stringify(await consolidated(SEVEN_ID));
      const pnlevt = JSON.stringify(await consolidated(PNLEVT_ID));
      expect(seven).toContain(onSeven.lines[0]?.activity);
      expect(seven).not.toContain('5.4.1.1');
      expect(pnlevt).toContain(onPnlevt.lines[0]?.activity);
      const wbRes = await s.call(`/api/consolidated/workbook.xlsx?plan=${SEVEN_ID}`, { token: sp });
      expect(wbRes.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await wbRes.arrayBuffer()) as ArrayBuffer);
      const texts: string[] = [];
      for (const ws of wb.worksheets)
        ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
      expect(texts.some((t) => t.includes('2032'))).toBe(true);
      expect(texts.some((t) => t.includes(onSeven.lines[0]?.activity ?? '?'))).toBe(true);
      expect((await s.call('/api/consolidated/workbook.xlsx?plan=nope', { token: sp })).status).toBe(404);
    } finally {
      await s.db.cleanup();
    }
  });

  it('answers for the plan PAC_DEFAULT_PLAN names when a request names none', async () => {
    const s = await startService(backend, { defaultPlan: SEVEN_ID });
    try {
      await hostSeven(s);
      expect((await s.json('/api/plans')).body.default).toBe(SEVEN_ID);
      expect((await s.json('/api/plan')).body.plan.plan.id).toBe(SEVEN_ID);
      // MJS has no activity in the 7-year plan: its own default is the plan open to it.
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      expect((await s.json('/api/me', { token: mjs })).body.plan.id).toBe(PNLEVT_ID);
      expect((await s.json('/api/returns', { token: mjs, json: mjsReturn() })).status).toBe(201);
    } finally {
      await s.db.cleanup();
    }
  });

  it('compares two hosted plans as pac plan diff does, for the Secretariat only', async () => {
    const s = await startService(backend);
    try {
      await hostSeven(s);
      const diff = await s.json(`/api/plans/diff?from=${PNLEVT_ID}&to=${SEVEN_ID}`);
      expect(diff.status).toBe(200);
      const expected = diffPlanCycles(SHIPPED_PLAN, SEVEN);
      expect(diff.body.diff.old.id).toBe(PNLEVT_ID);
      expect(diff.body.diff.new.id).toBe(SEVEN_ID);
      expect(diff.body.diff.money.total).toEqual(JSON.parse(JSON.stringify(expected.money.total)));
      expect(diff.body.diff.added.length + diff.body.diff.kept.length).toBe(
        expected.added.length + expected.kept.length,
      );
      const self = await s.json(`/api/plans/diff?from=${SEVEN_ID}&to=${SEVEN_ID}`);
      expect(self.body.diff.kept).toHaveLength(SEVEN.activities.length);
      expect(self.body.diff.added).toHaveLength(0);
      const unknown = await s.json(`/api/plans/diff?from=${PNLEVT_ID}&to=plan-inconnu`);
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
      expect(unknown.body.error.messages.fr).toContain('plan-inconnu');
      const marcc = await s.token('ministry', 'MARCC', 'CPS MARCC');
      expect(
        (await s.json(`/api/plans/diff?from=${PNLEVT_ID}&to=${SEVEN_ID}`, { token: marcc })).status,
      ).toBe(403);
      expect((await s.json(`/api/plans/diff?from=${PNLEVT_ID}`)).status).toBe(400);
    } finally {
      await s.db.cleanup();
    }
  });
});
