// The execution part of the consolidated workbook, for the annual review meeting: a summary, then
// one sheet per pillar that LibreOffice prints on exactly one page, with the pillar's figures as
// the consolidation computes them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  consolidateExecution,
  ExecutionDocument,
  executionFromJson,
  executionReviewSheets,
  plannedForYear,
  type WorkbookSpec,
} from '#core';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { renderWorkbookBuffer } from '../../server/xlsx/render-workbook.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, printToPdf } from '../server/xlsx/libreoffice.ts';

const index = shippedPlan();
const planned = plannedForYear(index, 2024, null);
const mjdh = executionFromJson(
  ExecutionDocument.parse({
    ministry: 'MJDH',
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    period: '2024',
    lines: [
      { activity: '3.1.2.2', committed: { national: 300 }, disbursed: { national: 250 }, state: 'ongoing' },
      { activity: '1.2.1.2', committed: { external: 50 }, disbursed: { external: 10 }, state: 'ongoing' },
    ],
  }),
);
const c = consolidateExecution(index, '2024', planned, [
  {
    ministry: 'MJDH',
    version: 1,
    state: 'accepted',
    createdAt: '2025-01-20T00:00:00Z',
    lines: mjdh.lines,
    indicators: [],
  },
]);
const sheets = executionReviewSheets(c, 'fr');

describe('the execution review sheets', () => {
  it('give a summary, then one sheet per pillar with its results, activities and totals', () => {
    expect(sheets.map((s) => s.name)).toEqual([
      'Exécution 2024',
      ...c.byPillar.map((p) => `Exéc. pilier ${p.pillar}`),
    ]);
    const pillar3 = sheets.find((s) => s.name === 'Exéc. pilier 3');
    const total = pillar3?.cells.find((r) => r[0] === 'TOTAL');
    expect(total?.slice(4, 6)).toEqual([300, 250]);
    const line = pillar3?.cells.find((r) => r[0] === '3.1.2.2');
    expect(line?.slice(2)).toEqual([
      'MJDH',
      330,
      300,
      250,
      Number(c.activities.find((a) => a.activity.code === '3.1.2.2')?.figures.rates.disbursed),
      'En cours',
    ]);
  });
});

describe.skipIf(!hasLibreOffice())(`the execution review sheets printed (${NEEDS_LIBREOFFICE})`, () => {
  let pages = 0;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-review-'));
    const out = mkdtempSync(join(tmpdir(), 'pac-review-out-'));
    const spec: WorkbookSpec = {
      sheets,
      meta: {
        templateId: 'pac-consolidated',
        templateVersion: '1',
        planId: index.plan.plan.id,
        planVersion: '1',
        ministry: null,
        lang: 'fr',
        generatedAt: '',
        years: [2024],
      },
    };
    writeFileSync(join(dir, 'review.xlsx'), await renderWorkbookBuffer(spec));
    await printToPdf([join(dir, 'review.xlsx')], out);
    pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(out, 'review.pdf')], { encoding: 'utf8' }))?.[1],
    );
  }, 300_000);

  it('prints one page per pillar, after the summary', () => {
    expect(pages).toBe(sheets.length);
  });
});
