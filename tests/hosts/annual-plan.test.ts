// The yearly action plan: every activity planned for the year, under its responsible ministry, on
// a sheet of its own, with the year's amount (PM stays PM) and totals that a spreadsheet recomputes
// to the core's sums; printed to PDF by LibreOffice, each ministry starts its own pages, headed with
// its name and the year.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { annualPlanSpec, moneyToNumber, plannedForYear } from '#core';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { renderWorkbookBuffer } from '../../server/xlsx/render-workbook.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, printToPdf, recalculate } from '../server/xlsx/libreoffice.ts';

const index = shippedPlan();
const YEAR = 2024;
const planned = plannedForYear(index, YEAR, null);
const spec = annualPlanSpec(index, YEAR, planned, { lang: 'fr', generatedAt: '2026-01-05T00:00:00Z' });

describe('the annual action plan', () => {
  it('lists each ministry’s activities planned for the year, once, with the year’s amount or PM', () => {
    const listed = spec.sheets.slice(1).flatMap((s) => s.cells.slice(3, -1).map((r) => [s.name, r[0], r[4]]));
    const expected = index.plan.activities.filter(
      (a) => a.years.includes(YEAR) || (planned.get(a.code)?.amount ?? 0n) !== 0n,
    );
    expect(listed.map(([, code]) => code).sort()).toEqual(expected.map((a) => a.code).sort());
    for (const [sheet, code, amount] of listed) {
      const a = index.activity(String(code));
      expect(a?.responsible).toBe(sheet);
      const p = planned.get(String(code));
      expect(amount).toBe(p?.pm ? 'PM' : p?.amount == null ? null : moneyToNumber(p.amount));
    }
  });
});

describe.skipIf(!hasLibreOffice())(`the annual action plan in LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
  let recomputed: ExcelJS.Workbook;
  let pdfText = '';
  let pages = 0;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-annual-'));
    const out = mkdtempSync(join(tmpdir(), 'pac-annual-out-'));
    writeFileSync(join(dir, 'annual.xlsx'), await renderWorkbookBuffer(spec));
    await recalculate([join(dir, 'annual.xlsx')], out);
    await printToPdf([join(dir, 'annual.xlsx')], out);
    recomputed = new ExcelJS.Workbook();
    await recomputed.xlsx.load(readFileSync(join(out, 'annual.xlsx')) as unknown as ArrayBuffer);
    pdfText = execFileSync('pdftotext', ['-layout', join(out, 'annual.pdf'), '-'], { encoding: 'utf8' });
    pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(out, 'annual.pdf')], { encoding: 'utf8' }))?.[1],
    );
  }, 300_000);

  it('totals, as LibreOffice computes them, what the core sums', () => {
    for (const s of spec.sheets.slice(1)) {
      const ws = recomputed.getWorksheet(s.name) as ExcelJS.Worksheet;
      const total = ws.getCell(s.cells.length, 5).result;
      const sum = s.cells
        .slice(3, -1)
        .reduce((acc, r) => acc + (planned.get(String(r[0]))?.amount ?? 0n), 0n);
      expect(Number(total ?? 0), s.name).toBeCloseTo(moneyToNumber(sum), 6);
    }
    const summary = recomputed.getWorksheet('Synthèse') as ExcelJS.Worksheet;
    const grand = [...planned.entries()]
      .filter(([code]) => spec.sheets.slice(1).some((s) => s.cells.some((r) => r[0] === code)))
      .reduce((acc, [, p]) => acc + (p.amount ?? 0n), 0n);
    expect(Number(summary.getCell(spec.sheets[0]?.cells.length ?? 0, 5).result)).toBeCloseTo(
      moneyToNumber(grand),
      6,
    );
  });

  it('prints a page or more per ministry, each headed with the ministry and the year', () => {
    expect(pages).toBeGreaterThanOrEqual(spec.sheets.length);
    for (const s of spec.sheets.slice(1)) expect(pdfText, s.name).toContain(`${s.name} — `);
    expect(pdfText).toContain(`Plan d'action annuel ${YEAR}`);
  });
});
