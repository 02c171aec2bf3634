// The pane in execution mode with the Excel host on the fake: the open periods listed, the
// « Exécution » template inserted into an empty workbook (and refused over PAC sheets), Check
// reading it with the core's execution reader and marking the cell, Send posting the
// ExecutionDocument once per content with its Idempotency-Key, the service's refusal shown on the
// cells, and the consolidator's comment when the follow-up was returned.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXECUTION_PENDING_KEY,
  EXECUTION_TEMPLATE_ID,
  type ExecutionDocument,
  finding,
  PaneController,
  type Plan,
  readTemplateMeta,
  renderPane,
} from '#core';
import { createExcelHost } from '../../addin/excel/excel-host.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { withExecutionRoutes } from './execution-fixtures.ts';
import { FakeExcel } from './fake-excel.ts';
import { memoryStorage, scriptedService } from './pane-fixtures.ts';

const PLAN: Plan = shippedPlan().plan;
const noYield = async () => {};
let fake: FakeExcel;
let controller: PaneController | null = null;
/** Each new idempotency key is the next number: a key reused is a key kept, not a coincidence. */
let keys = 0;

beforeEach(() => {
  keys = 0;
  fake = new FakeExcel({ asyncSync: false });
  fake.install();
});
afterEach(() => {
  controller?.dispose();
  controller = null;
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

async function connectedPane(storage = memoryStorage()) {
  const service = scriptedService(PLAN, 'MARCC');
  const execution = withExecutionRoutes(service);
  controller = new PaneController({
    host: createExcelHost({ yieldToUi: noYield }),
    transport: service,
    storage,
    defaultService: 'https://pac.test',
    tick: noYield,
    now: () => new Date('2027-01-10T10:00:00Z'),
    random: () => `key-${String(++keys).padStart(4, '0')}`,
  });
  await controller.connect('https://pac.test', 'pac_test.secret');
  return { pane: controller, service, execution, storage };
}

async function insertedPane(storage = memoryStorage()) {
  const ready = await connectedPane(storage);
  await ready.pane.listExecutionPeriods();
  await ready.pane.insertExecutionTemplate('2025');
  return ready;
}

/** The pane's text as read: tags dropped, escaped characters back. */
const text = (pane: PaneController) =>
  renderPane(pane.state)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));

/** The first row of the « Exécution » sheet whose activity has more than 20 planned for the year. */
function plannedRow(): number {
  for (let r = 6; r < 400; r++) {
    const planned = fake.valueAt('Exécution', `E${r}`);
    if (typeof planned === 'number' && planned > 20) return r;
  }
  throw new Error('no planned activity');
}

describe('the execution template', () => {
  it('lists the open periods, then writes the « Exécution » workbook of the chosen one for the ministry', async () => {
    const { pane } = await connectedPane();
    expect(renderPane(pane.state)).toContain('data-action="exec-periods"');
    expect(text(pane)).toContain("Télécharger le modèle d'exécution");
    await pane.listExecutionPeriods();
    expect(pane.state.execution.periods?.map((p) => p.key)).toEqual(['2025']);
    expect(text(pane)).toContain('Période 2025, à rendre le 31/03/2026');
    expect(renderPane(pane.state)).toContain('data-action="exec-insert" data-period="2025"');

    await pane.insertExecutionTemplate('2025');
    expect(fake.hasSheet('Exécution')).toBe(true);
    expect(fake.hasSheet('Indicateurs')).toBe(true);
    const metaRows = [...fake.sheet('PAC_meta').cells.values()].map((cols) => [
      cols.get(0)?.value ?? null,
      cols.get(1)?.value ?? null,
    ]);
    const meta = readTemplateMeta(metaRows as string[][]);
    expect(meta).toMatchObject({ templateId: EXECUTION_TEMPLATE_ID, ministry: 'MARCC', period: '2025' });
    const marcc = PLAN.activities.filter((a) => a.responsible === 'MARCC').map((a) => a.code);
    expect(marcc).toContain(fake.valueAt('Exécution', 'A6'));
    expect(pane.state.workbook.kind).toBe('execution');
    expect(text(pane)).toContain("Classeur de suivi de l'exécution, période 2025 (MARCC).");
    expect(text(pane)).toContain('Aucun suivi envoyé pour la période 2025.');
    // In execution mode the planning set-up is not offered and the second action is « Envoyer ».
    expect(renderPane(pane.state)).not.toContain('data-action="setup"');
    expect(renderPane(pane.state)).toMatch(/data-action="submit"[^>]*>Envoyer</);
  });

  it('refuses to write over the sheets of a planning template, and says to open an empty workbook', async () => {
    const { pane } = await connectedPane();
    await pane.setup();
    await pane.insertExecutionTemplate('2025');
    expect(fake.hasSheet('Exécution')).toBe(false);
    expect(pane.state.workbook.kind).toBe('template');
    expect(text(pane)).toContain('Ouvrez un nouveau classeur vide');
    expect(text(pane)).toContain('« PAC_meta »');
  });
});

describe('checking and sending a follow-up', () => {
  it('finds a disbursement above the commitment at its cell, and does not send while it is there', async () => {
    const { pane, execution } = await insertedPane();
    const r = plannedRow();
    fake.type('Exécution', `F${r}`, 10);
    fake.type('Exécution', `I${r}`, 20);
    await pane.check();
    const report = pane.state.report;
    expect(report?.findings.map((f) => [`${f.where.sheet}!${f.where.cell}`, f.code])).toEqual([
      [`Exécution!I${r}`, 'disbursed_over_committed'],
    ]);
    expect(renderPane(pane.state)).toContain('data-action="select" data-index="0"');
    await pane.submit();
    expect(execution.returns).toHaveLength(0);
    expect(text(pane)).toContain('Envoi impossible : 1 erreur à corriger');
  });

  it('sends the ExecutionDocument with an Idempotency-Key and the plan, once per content', async () => {
    const { pane, service, execution, storage } = await insertedPane();
    const r = plannedRow();
    const code = fake.valueAt('Exécution', `A${r}`);
    fake.type('Exécution', `F${r}`, 10);
    fake.type('Exécution', `G${r}`, 2.5);
    fake.type('Exécution', `I${r}`, 4);
    fake.type('Exécution', `M${r}`, 'En cours');
    fake.type('Exécution', `N${r}`, "'=ne pas évaluer");
    await pane.submit();
    expect(execution.returns).toHaveLength(1);
    const post = service.requests.find((r) => r.method === 'POST' && r.url.includes('/api/periods/'));
    expect(post?.url).toBe(
      `https://pac.test/api/periods/2025/returns?plan=${encodeURIComponent(PLAN.plan.id)}`,
    );
    expect(post?.headers['idempotency-key']).toBe('pac-key-0001');
    const doc = execution.returns[0]?.doc as ExecutionDocument;
    expect(doc).toMatchObject({ ministry: 'MARCC', period: '2025', planId: PLAN.plan.id });
    expect(doc.lines.find((l) => l.activity === code)).toEqual({
      activity: code,
      committed: { national: 10, external: 2.5 },
      disbursed: { national: 4, external: null },
      state: 'ongoing',
      comment: '=ne pas évaluer',
      row: r,
    });
    expect(text(pane)).toContain('Suivi 2025 reçu : version 1');
    expect(text(pane)).toContain('Suivi 2025, version 1 du');
    expect(text(pane)).toContain('reçu, en attente de revue');
    expect(pane.state.execution.pending).toBeNull();
    expect(await storage.get(EXECUTION_PENDING_KEY)).toMatchObject({ key: 'pac-key-0001', sent: true });

    // The same content again is the same key: the service answers with the version it made.
    await pane.submit();
    expect(execution.returns).toHaveLength(1);
    expect(
      service.requests.filter((q) => q.method === 'POST').map((q) => q.headers['idempotency-key']),
    ).toEqual(['pac-key-0001', 'pac-key-0001']);
    // Other content is another version, under a new key.
    fake.type('Exécution', `G${r}`, 3);
    await pane.submit();
    expect(execution.returns.map((x) => x.key)).toEqual(['pac-key-0001', 'pac-key-0002']);
  });

  it('keeps a follow-up the service did not answer, and sends it again with the same key', async () => {
    const { pane, service, execution, storage } = await insertedPane();
    fake.type('Exécution', `F${plannedRow()}`, 10);
    service.offline = true;
    await pane.submit();
    expect(execution.returns).toHaveLength(0);
    expect(await storage.get(EXECUTION_PENDING_KEY)).toMatchObject({ key: 'pac-key-0001' });
    expect(text(pane)).toContain('le suivi est gardé sur cet ordinateur');
    service.offline = false;
    await pane.submit();
    expect(execution.returns.map((r) => r.key)).toEqual(['pac-key-0001']);
    expect(pane.state.execution.pending).toBeNull();
    expect(text(pane)).not.toContain('le suivi est gardé sur cet ordinateur');
  });

  it("shows the service's refusal on the cells it names", async () => {
    const { pane, execution } = await insertedPane();
    fake.type('Exécution', `F${plannedRow()}`, 10);
    execution.refuse = [
      finding(
        'disbursed_over_committed',
        'error',
        { sheet: 'Exécution', cell: 'I6', activity: 'x', field: 'disbursedNational' },
        { activity: 'x', source: 'national' },
      ),
    ];
    await pane.submit();
    expect(pane.state.report?.origin).toBe('server');
    expect(pane.state.report?.errors).toBe(1);
    expect(text(pane)).toContain('Suivi refusé par le service : Le suivi contient des erreurs.');
    expect(renderPane(pane.state)).toContain('data-action="select" data-index="0"');
  });

  it("shows the consolidator's comment when the follow-up was returned, in French and in English", async () => {
    const { pane, execution } = await insertedPane();
    fake.type('Exécution', `F${plannedRow()}`, 10);
    await pane.submit();
    execution.review = { state: 'returned', comment: 'Préciser le décaissé du <T2>.' };
    // A new connection (the pane reopened) reads the latest state.
    await pane.connect('https://pac.test', 'pac_test.secret');
    expect(text(pane)).toContain('renvoyé pour correction');
    expect(renderPane(pane.state)).toContain(
      'Commentaire du Secrétariat permanent : Préciser le décaissé du &#60;T2&#62;.',
    );
    await pane.setLang('en');
    expect(text(pane)).toContain('returned for correction');
    expect(text(pane)).toContain('Comment from the Permanent Secretariat');
  });

  it('recognises an execution workbook already open when the pane starts', async () => {
    await insertedPane();
    controller?.dispose();
    const { pane } = await connectedPane();
    await pane.start();
    expect(pane.state.workbook.kind).toBe('execution');
    expect(pane.state.workbook.meta?.period).toBe('2025');
  });
});
