// PAC works out what a workbook's formulas print from its cells (addin/core/workbook-reading/
// evaluate.ts) instead of trusting cached results. Here LibreOffice recomputes every file of the
// defect corpus and the whole-plan template, and for every formula of the entry and summary sheets
// PAC's value must be LibreOffice's: text pasted into an amount, error values, typed-over subtotals,
// sorted, inserted and deleted rows included.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Evaluated, moneyToNumber, WorkbookEvaluator } from '#core';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { readSheet } from '../../server/xlsx/read-workbook.ts';
import { CORPUS_CASES, defectCorpus } from '../fixtures/defect-workbooks.ts';
import { filledTemplate } from '../fixtures/filled-template.ts';
import { hasLibreOfficeUno, NEEDS_LIBREOFFICE_UNO } from '../fixtures/libreoffice-edit.ts';
import { recalculate } from '../server/xlsx/libreoffice.ts';

const index = shippedPlan();
const SHEETS = ['Saisie', 'Synthèse'];
const recomputed = new Map<string, ExcelJS.Workbook>();

type Shown =
  | { kind: 'number'; value: number }
  | { kind: 'empty' }
  | { kind: 'error' }
  | { kind: 'text'; value: string };

/** What LibreOffice left as a formula's result, in the evaluator's terms (numbers in millions). */
function cached(result: unknown): Shown {
  if (result === null || result === undefined || result === '') return { kind: 'empty' };
  if (typeof result === 'number') return { kind: 'number', value: result };
  if (typeof result === 'object' && result !== null && 'error' in result) return { kind: 'error' };
  return { kind: 'text', value: String(result) };
}

function ours(v: Evaluated): Shown | { kind: 'unknown' } | { kind: 'boolean'; value: boolean } {
  if (v.kind === 'number') return { kind: 'number', value: moneyToNumber(v.value) };
  if (v.kind === 'empty' || (v.kind === 'text' && v.value === '')) return { kind: 'empty' };
  if (v.kind === 'error') return { kind: 'error' };
  return v;
}

describe.skipIf(!hasLibreOfficeUno())(
  `the formula evaluator against LibreOffice (${NEEDS_LIBREOFFICE_UNO})`,
  () => {
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pac-eval-lo-'));
      const out = mkdtempSync(join(tmpdir(), 'pac-eval-lo-out-'));
      const files: [string, Buffer][] = (await defectCorpus(index)).map((c, i) => [`${i}.xlsx`, c.bytes]);
      files.push(['complet.xlsx', (await filledTemplate(index, { ministry: null })).bytes]);
      for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
      await recalculate(
        files.map(([name]) => join(dir, name)),
        out,
      );
      for (const [name] of files) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(join(out, name)) as unknown as ArrayBuffer);
        recomputed.set(name, wb);
      }
    }, 300_000);

    it.each([
      ...CORPUS_CASES.map((name, i) => [name, `${i}.xlsx`]),
      ['le modèle complet rempli', 'complet.xlsx'],
    ])('%s', (_name, file) => {
      const wb = recomputed.get(file) as ExcelJS.Workbook;
      const contents = SHEETS.map((s) => wb.getWorksheet(s)).flatMap((ws) => (ws ? [readSheet(ws)] : []));
      const evaluator = new WorkbookEvaluator(contents);
      let compared = 0;
      for (const content of contents) {
        const ws = wb.getWorksheet(content.grid.sheet) as ExcelJS.Worksheet;
        for (const [row, cols] of content.formulas) {
          for (const col of cols.keys()) {
            const mine = ours(evaluator.valueAt(content.grid.sheet, row, col));
            const theirs = cached(ws.getCell(row, col + 1).result);
            const where = `${content.grid.sheet}!${ws.getCell(row, col + 1).address} = ${cols.get(col)}`;
            if (mine.kind === 'number' && theirs.kind === 'number')
              expect(Math.abs(mine.value - theirs.value), where).toBeLessThan(1e-6);
            else expect(mine, where).toEqual(theirs);
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(100);
    });
  },
);
