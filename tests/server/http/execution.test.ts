/**
 * The execution follow-up through the API, on SQLite and PostgreSQL: a consolidator opens the 2024
 * period; MJS reports as JSON, MJDH uploads the « Exécution » workbook the service served, filled
 * and recomputed by LibreOffice (whose results of every formula of the execution sheet must equal
 * PAC's); idempotency; another ministry's token; errors refused with their cells and recorded as an
 * attempt of the period; a return sent back and sent again; the consolidation equal to the core's
 * on the same documents, with its figures; the heat table; the review workbook and the annual plan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExecutionDocument, indexPlan, messageOf } from '#core';
import { checkThreads, type ReturnChecker } from '../../../server/returns/check-threads.ts';
import { describeEachBackend } from '../store/backends.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, printToPdf } from '../xlsx/libreoffice.ts';
import { hasPoppler, NEEDS_POPPLER, pdfPages } from '../xlsx/pdf-pages.ts';
import {
  coreConsolidation,
  countedDocuments,
  fillExecution,
  recalculatedInLibreOffice,
  XLSX,
} from './execution-helpers.ts';
import { type Service, SHIPPED_PLAN, startService } from './harness.ts';

const index = indexPlan(SHIPPED_PLAN);

function mjsExecution(overrides: Partial<ExecutionDocument> = {}): ExecutionDocument {
  return {
    ministry: 'MJS',
    planId: 'pnlevt-2021-2025',
    planVersion: '1',
    period: '2024',
    lines: [
      {
        activity: '5.4.1.1',
        committed: { national: 20, external: 10 },
        disbursed: { national: 15, external: 5 },
        state: 'ongoing',
        comment: '=SUM(A1) reste du texte',
      },
      {
        activity: '5.4.1.2',
        committed: { national: null, external: null },
        disbursed: { national: null, external: null },
        state: 'not_started',
        comment: null,
      },
    ],
    indicators: [{ result: '5.4.1', indicator: 1, value: 12, comment: null }],
    ...overrides,
  };
}

describeEachBackend('the execution follow-up', (backend) => {
  let s: Service;
  let consolidator: string;
  let mjs: string;
  let mjdh: string;
  let mef: string;
  const post = (path: string, token: string, json: unknown, headers: Record<string, string> = {}) =>
    s.json(path, { token, json, headers });

  // On a checking thread, as `npm start` runs: the uploaded workbooks below, with what was planned
  // and the withdrawn activities, are read there.
  let threads: ReturnChecker;
  beforeAll(async () => {
    threads = checkThreads(1);
    s = await startService(backend, {}, {}, { checker: threads });
    consolidator = await s.token('consolidator', undefined, 'SP consolidation');
    mjs = await s.token('ministry', 'MJS', 'CPS MJS');
    mjdh = await s.token('ministry', 'MJDH', 'CPS MJDH');
    mef = await s.token('ministry', 'MEF', 'CPS MEF');
  }, 60_000);
  afterAll(async () => {
    await threads?.close();
    await s.db.cleanup();
  });

  it('opens periods: consolidator only, once, within the plan’s years, with a valid key', async () => {
    expect((await post('/api/periods', mjs, { key: '2024' })).status).toBe(403);
    const opened = await post('/api/periods', consolidator, { key: '2024', deadline: '2025-03-31' });
    expect(opened.status).toBe(201);
    expect(opened.body.period).toMatchObject({
      planId: 'pnlevt-2021-2025',
      key: '2024',
      year: 2024,
      semester: null,
      deadline: '2025-03-31',
      openedBy: 'SP consolidation',
      closedAt: null,
    });
    const again = await post('/api/periods', consolidator, { key: '2024' });
    expect([again.status, again.body.error.code]).toEqual([409, 'period_exists']);
    const outside = await post('/api/periods', consolidator, { key: '2031' });
    expect([outside.status, outside.body.error.code]).toEqual([400, 'period_outside_plan']);
    expect(outside.body.error.message).toContain('2021, 2022, 2023, 2024, 2025');
    const bad = await post('/api/periods', consolidator, { key: '2024-S3' });
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'key']);
    expect(bad.body.error.details.issues[0].message).toContain('semestre');
    expect((await post('/api/periods', consolidator, { key: '2024-S1' })).status).toBe(201);
    const list = await s.json('/api/periods', { token: mjs });
    expect(list.body.periods.map((p: { key: string }) => p.key)).toEqual(['2024', '2024-S1']);
    const other = await s.json('/api/periods?plan=no-such-plan', { token: mjs });
    expect(other.status).toBe(404);
  });

  it('takes a JSON return, idempotently, and only from its own ministry', async () => {
    const headers = { 'idempotency-key': 'exec-mjs-0001' };
    const first = await post('/api/periods/2024/returns', mjs, mjsExecution(), headers);
    expect(first.status).toBe(201);
    expect(first.body.receipt).toMatchObject({
      ministry: 'MJS',
      period: '2024',
      version: 1,
      errorCount: 0,
      planId: 'pnlevt-2021-2025',
      planVersion: '1',
    });
    // 5.4.1.3 has no line: a warning, not a refusal.
    expect(first.body.receipt.findings.map((f: { code: string }) => f.code)).toContain('activity_missing');
    const replay = await post('/api/periods/2024/returns', mjs, mjsExecution(), headers);
    expect([replay.status, replay.body.receipt.id]).toEqual([200, first.body.receipt.id]);
    const reused = await post('/api/periods/2024/returns', mjs, mjsExecution({ indicators: [] }), headers);
    expect([reused.status, reused.body.error.code]).toEqual([409, 'execution_key_reused']);
    const foreign = await post('/api/periods/2024/returns', mjdh, mjsExecution());
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'wrong_ministry']);
    expect((await post('/api/periods/2031/returns', mjs, mjsExecution())).status).toBe(404);
    expect((await post('/api/periods/2024/returns', consolidator, mjsExecution())).status).toBe(403);
    const mine = await s.json('/api/periods/2024/returns/mine', { token: mjs });
    expect(mine.body.latest).toMatchObject({ id: first.body.receipt.id, version: 1, state: 'submitted' });
    expect((await s.json('/api/periods/2024/returns/mine', { token: mef })).body).toEqual({ latest: null });
  });

  it('refuses errors with their cells (422) and records the refusal as an attempt of the period', async () => {
    const wrong = mjsExecution({
      ministry: 'MEF',
      lines: [
        {
          activity: '1.1.1.1',
          committed: { national: 10, external: null },
          disbursed: { national: 12, external: null },
          state: 'ongoing',
          comment: null,
          row: 6,
        },
      ],
      indicators: [],
    });
    const owner = index.activity('1.1.1.1')?.responsible;
    const token = owner === 'MEF' ? mef : await s.token('ministry', owner, `CPS ${owner}`);
    wrong.ministry = owner ?? 'MEF';
    const refused = await post('/api/periods/2024/returns', token, wrong);
    expect([refused.status, refused.body.error.code]).toEqual([422, 'return_has_errors']);
    const finding = refused.body.error.details.findings.find(
      (f: { code: string }) => f.code === 'disbursed_over_committed',
    );
    expect(finding.where).toMatchObject({ sheet: 'Exécution', cell: 'I6' });
    expect(messageOf(finding, 'fr')).toMatch(/décaiss/i);
    const attempts = await s.db.store.latestExecutionAttempts('pnlevt-2021-2025', '2024');
    expect(attempts.find((a) => a.ministry === owner)).toMatchObject({
      period: '2024',
      code: 'return_has_errors',
    });
    // The planning board does not count it: it was not a planning return.
    const planning = await s.json('/api/status', { token: consolidator });
    expect(planning.body.ministries.find((m: { ministry: string }) => m.ministry === owner).state).toBe(
      'not_started',
    );
    const status = await s.json('/api/periods/2024/status', { token: consolidator });
    expect(status.body.ministries.find((m: { ministry: string }) => m.ministry === owner)).toMatchObject({
      state: 'refused',
      version: null,
      returnId: null,
    });
    // The ministry reads its refused sends of the period, and each one with its findings; another
    // ministry may not; the planning attempts do not list it.
    const listed = await s.json(`/api/periods/2024/returns/${owner}/attempts`, { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ ministry: owner, period: '2024' });
    expect(listed.body.attempts).toHaveLength(1);
    expect(listed.body.attempts[0]).toMatchObject({ period: '2024', code: 'return_has_errors' });
    const detail = await s.json(`/api/returns/${owner}/attempts/${listed.body.attempts[0].id}`, { token });
    expect(detail.body.attempt.findings.map((f: { code: string }) => f.code)).toContain(
      'disbursed_over_committed',
    );
    const other = owner === 'MJS' ? mef : mjs;
    expect((await s.json(`/api/periods/2024/returns/${owner}/attempts`, { token: other })).status).toBe(403);
    const seen = await s.json(`/api/periods/2024/returns/${owner}/attempts`, { token: consolidator });
    expect(seen.body.attempts).toHaveLength(1);
    expect((await s.json(`/api/periods/2030/returns/${owner}/attempts`, { token })).status).toBe(404);
    const planningAttempts = await s.json(`/api/returns/${owner}/attempts`, { token });
    expect(planningAttempts.body.attempts).toEqual([]);
    // A closed period takes nothing.
    await s.json('/api/periods/2024-S1/close', { token: consolidator, method: 'POST' });
    const closed = await post('/api/periods/2024-S1/returns', mjs, mjsExecution({ period: '2024-S1' }));
    expect([closed.status, closed.body.error.code]).toEqual([409, 'period_closed']);
  });

  it('takes the served workbook filled and recomputed by LibreOffice, whose formulas print what PAC works out', async () => {
    const served = await s.call('/api/periods/2024/template.xlsx', { token: mjdh });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toContain(
      'attachment; filename="execution-2024-MJDH.xlsx"',
    );
    const filled = await fillExecution(await served.arrayBuffer(), {
      '1.2.1.2': {
        committedNational: 40,
        committedExternal: 22.5,
        disbursedNational: 30.1,
        disbursedExternal: 0.2,
        state: 'En cours',
      },
      '3.1.2.2': {
        committedNational: 300,
        disbursedNational: 280,
        state: 'Achevée',
        comment: '+cellule texte',
      },
    });
    const { bytes, compared } = await recalculatedInLibreOffice(filled);
    if (hasLibreOffice()) expect(compared).toBeGreaterThan(50);
    else console.warn(`execution sheet formulas not recomputed: ${NEEDS_LIBREOFFICE}`);
    const form = new FormData();
    form.set('file', new File([new Uint8Array(bytes)], 'execution MJDH.xlsx', { type: XLSX }));
    const sent = await s.json('/api/periods/2024/returns/upload', { token: mjdh, body: form });
    expect([sent.status, sent.body.error]).toEqual([201, undefined]);
    expect(sent.body.receipt).toMatchObject({ ministry: 'MJDH', period: '2024', version: 1, errorCount: 0 });
    const stored = await s.json(`/api/periods/2024/returns/${sent.body.receipt.id}`, { token: consolidator });
    expect(
      stored.body.document.lines.find((l: { activity: string }) => l.activity === '1.2.1.2'),
    ).toMatchObject({
      committed: { national: 40, external: 22.5 },
      disbursed: { national: 30.1, external: 0.2 },
      state: 'ongoing',
    });
    expect(
      stored.body.document.lines.find((l: { activity: string }) => l.activity === '3.1.2.2').comment,
    ).toBe('+cellule texte');
    // Another period's workbook, or a file that is no workbook, is refused with a reason.
    await post('/api/periods', consolidator, { key: '2023' });
    const wrongPeriod = await s.json('/api/periods/2023/returns/upload', { token: mjdh, body: form });
    expect([wrongPeriod.status, wrongPeriod.body.error.code]).toEqual([422, 'period_mismatch']);
    const other = new FormData();
    other.set('file', new File([new Uint8Array(Buffer.from('PK not really'))], 'x.xlsx', { type: XLSX }));
    const junk = await s.json('/api/periods/2024/returns/upload', { token: mjdh, body: other });
    expect([junk.status, junk.body.error.code]).toEqual([422, 'unusable_file']);
  }, 300_000);

  it('sends a return back with a comment the ministry reads, takes it again, and locks an accepted one', async () => {
    const status = await s.json('/api/periods/2024/status', { token: consolidator });
    const row = (m: string) => status.body.ministries.find((x: { ministry: string }) => x.ministry === m);
    expect(row('MJS')).toMatchObject({ state: 'submitted', version: 1 });
    expect(row('MJDH')).toMatchObject({ state: 'submitted', version: 1 });
    expect(row('MSDS')).toMatchObject({ state: 'not_started', version: null });
    expect((await s.json('/api/periods/2024/status', { token: mjs })).status).toBe(403);
    const review = (id: string, json: unknown, token = consolidator) =>
      s.json(`/api/periods/2024/returns/${id}/review`, { token, json });
    const mjsId = row('MJS').returnId;
    expect((await review(mjsId, { action: 'return' })).status).toBe(400);
    expect((await review(mjsId, { action: 'accept' }, mjs)).status).toBe(403);
    const back = await review(mjsId, { action: 'return', comment: 'Précisez le décaissement extérieur.' });
    expect(back.body).toMatchObject({ state: 'returned' });
    const mine = await s.json('/api/periods/2024/returns/mine', { token: mjs });
    expect(mine.body.latest).toMatchObject({
      state: 'returned',
      comment: 'Précisez le décaissement extérieur.',
    });
    // Returned: not counted until sent again.
    const without = await s.json('/api/periods/2024/consolidation', { token: consolidator });
    expect(
      without.body.consolidation.byMinistry.find((m: { ministry: string }) => m.ministry === 'MJS').reported,
    ).toBe(0);
    const again = await post('/api/periods/2024/returns', mjs, mjsExecution(), {
      'idempotency-key': 'exec-mjs-0002',
    });
    expect([again.status, again.body.receipt.version]).toEqual([201, 2]);
    const detail = await s.json(`/api/periods/2024/returns/${mjsId}`, { token: consolidator });
    expect(detail.body.reviews).toEqual([
      {
        action: 'return',
        comment: 'Précisez le décaissement extérieur.',
        at: expect.any(String),
        by: 'SP consolidation',
      },
    ]);
    expect((await s.json(`/api/periods/2024/returns/${mjsId}`, { token: mjdh })).status).toBe(403);
    const accepted = await review(row('MJDH').returnId, { action: 'accept' });
    expect(accepted.body.state).toBe('accepted');
    expect((await review(row('MJDH').returnId, { action: 'accept' })).status).toBe(409);
    const locked = await s.json('/api/periods/2024/returns', {
      token: mjdh,
      json: { ministry: 'MJDH', planId: 'pnlevt-2021-2025', planVersion: '1', period: '2024', lines: [] },
    });
    expect([locked.status, locked.body.error.code]).toEqual([409, 'version_locked']);
  });

  it('consolidates as the core does on the same documents, with the plan’s figures and the heat table', async () => {
    const r = await s.json('/api/periods/2024/consolidation', { token: consolidator });
    expect(r.status).toBe(200);
    const counted = await countedDocuments(s, '2024', consolidator);
    expect(counted.map((c) => c.ministry).sort()).toEqual(['MJDH', 'MJS']);
    expect(r.body.consolidation).toEqual(coreConsolidation(index, '2024', counted));
    // 5.4.1.1: 135 over 2021–2025 is 27 planned in 2024; 30 committed, 20 disbursed.
    const a = r.body.consolidation.activities.find(
      (x: { activity: { code: string } }) => x.activity.code === '5.4.1.1',
    );
    expect(a.figures).toMatchObject({
      planned: 27,
      rates: { committed: '111.1', disbursed: '74.1', disbursedOfCommitted: '66.7' },
    });
    expect(a.counted).toMatchObject({ ministry: 'MJS', version: 2 });
    // 1.2.1.2: 250 over 2022–2025 is 62.5 planned; 62.5 committed, 30.3 disbursed.
    const b = r.body.consolidation.activities.find(
      (x: { activity: { code: string } }) => x.activity.code === '1.2.1.2',
    );
    expect(b.figures).toMatchObject({
      planned: 62.5,
      committed: { total: 62.5 },
      rates: { disbursed: '48.5' },
    });
    // 2023 is open too (with no return); 2024's whole year wins over its first half.
    expect(r.body.heat.years).toEqual([2023, 2024]);
    const mjsRow = r.body.heat.rows.find((x: { ministry: string }) => x.ministry === 'MJS');
    // 2023: planned, nothing reported, so nothing disbursed.
    expect(mjsRow.rates).toEqual([
      '0.0',
      r.body.consolidation.byMinistry.find((m: { ministry: string }) => m.ministry === 'MJS').rates.disbursed,
    ]);
    expect((await s.json('/api/periods/2024/consolidation', { token: mjs })).status).toBe(403);
  });

  it('gives the review workbook one printed page per pillar', async () => {
    const res = await s.call('/api/periods/2024/consolidated.xlsx', { token: consolidator });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const pillarSheets = wb.worksheets.filter((w) => w.name.startsWith('Exéc. pilier'));
    expect(wb.worksheets[0]?.name).toBe('Exécution 2024');
    expect(pillarSheets.length).toBe(5);
    for (const ws of pillarSheets)
      expect([ws.name, ws.pageSetup]).toMatchObject([
        ws.name,
        { fitToPage: true, fitToWidth: 1, fitToHeight: 1, orientation: 'landscape' },
      ]);
    if (!hasLibreOffice() || !hasPoppler()) {
      console.warn(`review workbook not printed: ${NEEDS_LIBREOFFICE}; ${NEEDS_POPPLER}`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'pac-exec-review-'));
    writeFileSync(join(dir, 'review.xlsx'), bytes);
    await printToPdf([join(dir, 'review.xlsx')], dir);
    const pages = pdfPages(join(dir, 'review.pdf'));
    // The summary, then each pillar on its one page.
    expect(pages.length).toBe(1 + pillarSheets.length);
    for (const [i, p] of pages.slice(1).entries())
      expect(p.words.map((w) => w.text).join(' ')).toContain(`Pilier ${i + 1}`);
  }, 300_000);

  it('gives the annual plan: a ministry its own sheet, the consolidator every ministry', async () => {
    const own = await s.call('/api/annual-plan/2024.xlsx', { token: mjs });
    expect(own.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await own.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['MJS']);
    const all = await s.call('/api/annual-plan/2024.xlsx', { token: consolidator });
    const whole = new ExcelJS.Workbook();
    await whole.xlsx.load(await all.arrayBuffer());
    expect(whole.worksheets[0]?.name).toBe('Synthèse');
    expect(whole.worksheets.map((w) => w.name)).toContain('MJDH');
    const one = await s.call('/api/annual-plan/2024.xlsx?ministry=mjdh', { token: consolidator });
    const only = new ExcelJS.Workbook();
    await only.xlsx.load(await one.arrayBuffer());
    expect(only.worksheets.map((w) => w.name)).toEqual(['MJDH']);
    const outside = await s.json('/api/annual-plan/2031.xlsx', { token: mjs });
    expect([outside.status, outside.body.error.code]).toEqual([400, 'period_outside_plan']);
    expect((await s.json('/api/annual-plan/2024.pdf', { token: mjs })).status).toBe(404);
  });
});

describeEachBackend('the indicators’ baselines and targets', (backend) => {
  it('are set by the administrator in a new plan version, and measured in the consolidation', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const patch = (json: unknown, token = s.adminToken) =>
        s.json('/api/plan/indicators', { method: 'PATCH', token, json });
      expect((await patch({ targets: [{ result: '5.4.1', indicator: 1, target: 50 }] }, mjs)).status).toBe(
        403,
      );
      const unknown = await patch({
        targets: [
          { result: '9.9.9', indicator: 1, target: 1 },
          { result: '5.4.1', indicator: 9, target: 1 },
        ],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
        'targets.0.result',
        'targets.1.indicator',
      ]);
      const set = await patch({
        targets: [{ result: '5.4.1', indicator: 1, baseline: 10, target: 50, unit: 'clubs' }],
      });
      expect(set.body).toEqual({ planVersion: '2' });
      const plan = await s.json('/api/plan', { token: mjs });
      const result = plan.body.plan.results.find((r: { code: string }) => r.code === '5.4.1');
      expect(result.indicatorTargets[0]).toEqual({ baseline: 10, target: 50, unit: 'clubs' });
      expect(result.indicatorTargets.slice(1)).toEqual([null, null, null]);
      await s.json('/api/periods', { json: { key: '2025' } });
      const sent = await s.json('/api/periods/2025/returns', {
        token: mjs,
        json: mjsExecution({ period: '2025', planVersion: '2' }),
      });
      expect(sent.status).toBe(201);
      const old = await s.json('/api/periods/2025/returns', {
        token: mjs,
        json: mjsExecution({ period: '2025' }),
      });
      expect([old.status, old.body.error.code]).toEqual([409, 'plan_version_outdated']);
      const c = await s.json('/api/periods/2025/consolidation');
      expect(
        c.body.consolidation.indicators.find(
          (i: { result: string; indicator: number }) => i.result === '5.4.1' && i.indicator === 0,
        ),
      ).toMatchObject({
        baseline: 10,
        target: 50,
        unit: 'clubs',
        value: 12,
        progress: '5.0',
      });
      const tpl = await s.call('/api/periods/2025/template.xlsx', { token: mjs });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await tpl.arrayBuffer());
      const values = (wb.getWorksheet('Indicateurs') as ExcelJS.Worksheet).getRow(6).values as unknown[];
      expect(values.slice(1)).toEqual(expect.arrayContaining(['5.4.1', 'clubs', 10, 50]));
    } finally {
      await s.db.cleanup();
    }
  });
});

describe('the execution routes in the OpenAPI document', () => {
  it('are described', async () => {
    const { openApiDocument } = await import('../../../server/http/openapi.ts');
    const paths = Object.keys(openApiDocument().paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/periods',
        '/api/periods/{key}/returns',
        '/api/periods/{key}/returns/upload',
        '/api/periods/{key}/consolidation',
        '/api/annual-plan/{year}.xlsx',
        '/api/plan/indicators',
      ]),
    );
  });
});
