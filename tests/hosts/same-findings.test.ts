// One truth for every number: the same filled workbook — valid, or with a defect made the way
// people make it (../fixtures/defect-workbooks.ts) — gets the very same findings from the service's
// file validation, from the Excel task pane (Office.js fake, the real excel-host and pane
// controller) and from the Google Sheets sidebar (the built Apps Script add-on in a vm, a French
// spreadsheet, its formulas in the locale's syntax), and each defect gives the error it should, at
// its cell.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Finding,
  flattenFindings,
  PaneController,
  type PaneHost,
  type PaneTransport,
  STORAGE_KEYS,
} from '#core';
import { createExcelHost } from '../../addin/excel/excel-host.ts';
import { buildSheets } from '../../addin/sheets/build.ts';
import { remoteHost } from '../../addin/sheets/sidebar/remote-ports.ts';
import { scriptRunCaller } from '../../addin/sheets/sidebar/script-run.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { validateWorkbook } from '../../server/returns/validate-file.ts';
import { FakeExcel } from '../excel/fake-excel.ts';
import { memoryStorage } from '../excel/pane-fixtures.ts';
import { CORPUS_CASES, type CorpusCase, defectCorpus } from '../fixtures/defect-workbooks.ts';
import { hasLibreOfficeUno, NEEDS_LIBREOFFICE_UNO } from '../fixtures/libreoffice-edit.ts';
import { seedFakeExcel, seedFakeSpreadsheet, workbookCells } from '../fixtures/seed-fakes.ts';
import { loadAddOn } from '../sheets/apps-script.ts';

const index = shippedPlan();
let corpus: CorpusCase[] = [];
let dir = '';

const offline: PaneTransport = {
  request: () => Promise.reject(new TypeError('offline')),
};

/** The pane's storage as it is after the plan was downloaded once. */
const withPlan = () =>
  memoryStorage({
    [STORAGE_KEYS.plan]: { etag: '"1"', ministry: null, plan: index.plan, fetchedAt: '2026-01-15T09:00:00Z' },
  });

async function paneFindings(host: PaneHost): Promise<Finding[]> {
  const pane = new PaneController({
    host,
    transport: offline,
    storage: withPlan(),
    defaultService: '',
    tick: async () => {},
    retryDelaysMs: [3_600_000],
  });
  try {
    await pane.start();
    await pane.check();
    const report = pane.state.report;
    if (!report) throw new Error(`no report: ${JSON.stringify(pane.state.notices.map((n) => n.kind))}`);
    return report.findings;
  } finally {
    pane.dispose();
  }
}

async function serverFindings(bytes: Uint8Array): Promise<Finding[]> {
  const result = await validateWorkbook(bytes, index);
  if (result.kind !== 'checked') throw new Error(`unusable: ${result.problem.code}`);
  return result.report.findings;
}

async function excelFindings(bytes: Uint8Array): Promise<Finding[]> {
  const fake = new FakeExcel({ asyncSync: false });
  seedFakeExcel(fake, await workbookCells(bytes));
  fake.install();
  try {
    return await paneFindings(createExcelHost({ yieldToUi: async () => {} }));
  } finally {
    delete (globalThis as Record<string, unknown>).Excel;
    delete (globalThis as Record<string, unknown>).Office;
  }
}

async function sheetsFindings(bytes: Uint8Array): Promise<Finding[]> {
  const sheets = await workbookCells(bytes);
  const addOn = loadAddOn({ dir, locale: 'fr_FR', sheets: sheets.map((s) => s.name) });
  try {
    seedFakeSpreadsheet(addOn.sheet, sheets);
    return await paneFindings(remoteHost(scriptRunCaller(() => addOn.scriptRun())));
  } finally {
    await addOn.close();
  }
}

const errors = (findings: readonly Finding[]) =>
  flattenFindings(findings.filter((f) => f.severity === 'error'));

describe.skipIf(!hasLibreOfficeUno())(`the same findings everywhere (${NEEDS_LIBREOFFICE_UNO})`, () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pac-hosts-'));
    [corpus] = await Promise.all([defectCorpus(index), buildSheets({ outDir: dir })]);
  }, 300_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has the cases the issue names: at least 15 defects, and valid files', () => {
    expect(corpus.map((c) => c.name)).toEqual(CORPUS_CASES);
    expect(corpus.filter((c) => c.errors.length > 0).length).toBeGreaterThanOrEqual(15);
    expect(corpus.some((c) => c.errors.length === 0 && c.via === 'LibreOffice')).toBe(true);
  });

  it.each(CORPUS_CASES)('%s', async (name) => {
    const c = corpus.find((x) => x.name === name) as CorpusCase;
    const server = await serverFindings(c.bytes);
    expect(errors(server)).toEqual(c.errors);
    // The very same findings, wording parameters and places included, in the order a person reads them.
    expect(await excelFindings(c.bytes)).toEqual(server);
    expect(await sheetsFindings(c.bytes)).toEqual(server);
  });
});
