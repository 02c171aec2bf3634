// The execution follow-up workbook in a real spreadsheet: built for a period, filled as a ministry
// fills it, recomputed by LibreOffice. Every formula of the « Exécution » sheet prints what PAC
// works out from the cells, the totals are the sums of their parts, and the same file read back
// gives the findings the checks promise (here: disbursed over committed, a state typed wrong).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExecutionSpec, executionColumn, flattenFindings, plannedForYear } from '#core';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { validateAnyWorkbook } from '../../server/returns/validate-file.ts';
import { renderWorkbookBuffer } from '../../server/xlsx/render-workbook.ts';
import { expectFormulasAsPac } from '../server/http/execution-helpers.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from '../server/xlsx/libreoffice.ts';

const index = shippedPlan();
const letter = (key: Parameters<typeof executionColumn>[0]) =>
  String.fromCharCode(65 + executionColumn(key).index);
let recomputed: ExcelJS.Workbook;
let bytes: Buffer;
const rows: Record<string, number> = {};

describe.skipIf(!hasLibreOffice())(`the execution workbook in LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
  beforeAll(async () => {
    const spec = buildExecutionSpec(index, {
      ministry: 'MJDH',
      lang: 'fr',
      period: '2024',
      generatedAt: '2026-01-05T00:00:00Z',
      planned: plannedForYear(index, 2024, null),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderWorkbookBuffer(spec)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Exécution') as ExcelJS.Worksheet;
    ws.eachRow((row, r) => {
      const code = row.getCell(1).value;
      if (typeof code === 'string') rows[code] = r;
    });
    const set = (code: string, key: Parameters<typeof executionColumn>[0], value: number | string) => {
      ws.getCell(`${letter(key)}${rows[code]}`).value = value;
    };
    set('1.2.1.2', 'committedNational', 40);
    set('1.2.1.2', 'committedExternal', 22.5);
    set('1.2.1.2', 'disbursedNational', 30.1);
    set('1.2.1.2', 'disbursedExternal', 0.2);
    set('1.2.1.2', 'state', 'En cours');
    set('3.1.2.2', 'committedNational', 300);
    set('3.1.2.2', 'disbursedNational', 330);
    set('3.1.2.2', 'state', 'Achevé ?');
    bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'pac-exec-lo-'));
    const out = mkdtempSync(join(tmpdir(), 'pac-exec-lo-out-'));
    writeFileSync(join(dir, 'execution.xlsx'), bytes);
    await recalculate([join(dir, 'execution.xlsx')], out);
    recomputed = new ExcelJS.Workbook();
    await recomputed.xlsx.load(readFileSync(join(out, 'execution.xlsx')) as unknown as ArrayBuffer);
  }, 300_000);

  it('prints, in every formula, what PAC works out from the cells', () => {
    const ws = recomputed.getWorksheet('Exécution') as ExcelJS.Worksheet;
    const compared = expectFormulasAsPac(ws);
    expect(compared).toBeGreaterThan(50);
    const total = (key: Parameters<typeof executionColumn>[0]) =>
      ws.getCell(`${letter(key)}${rows['1.2.1.2']}`).result;
    expect(total('committedTotal')).toBe(62.5);
    expect(Number(total('disbursedTotal'))).toBeCloseTo(30.3, 9);
  });

  it('reads the same file back with the findings the checks promise, at their cells', async () => {
    {
      const result = await validateAnyWorkbook(bytes, index);
      if (result.kind !== 'execution') throw new Error(`not read as execution: ${JSON.stringify(result)}`);
      expect(flattenFindings(result.report.findings.filter((f) => f.severity === 'error'))).toEqual([
        [`Exécution!${letter('disbursedNational')}${rows['3.1.2.2']}`, 'disbursed_over_committed'],
        [`Exécution!${letter('state')}${rows['3.1.2.2']}`, 'unreadable_state'],
      ]);
      expect(result.payload.lines.find((l) => l.activity === '1.2.1.2')).toMatchObject({
        committed: { national: 40, external: 22.5 },
        disbursed: { national: 30.1, external: 0.2 },
        state: 'ongoing',
      });
    }
  });
});
