/**
 * What the execution follow-up's HTTP tests share: an « Exécution » workbook served by the
 * service filled as a ministry fills it (ExcelJS values typed into the open cells), recomputed by
 * LibreOffice when it is there, every formula of its execution sheet compared with what PAC works
 * out from the cells, and the core's consolidation of the same stored documents, to compare with
 * the service's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import {
  consolidateExecution,
  type ExecutionColumnKey,
  ExecutionDocument,
  executionColumn,
  executionFromJson,
  indicatorTargetsOf,
  jsonify,
  type LatestExecution,
  moneyToNumber,
  type PlanIndex,
  plannedForYear,
  WorkbookEvaluator,
} from '#core';
import { readSheet } from '../../../server/xlsx/read-workbook.ts';
import { hasLibreOffice, recalculate } from '../xlsx/libreoffice.ts';
import type { Service } from './harness.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Entry = Partial<Record<ExecutionColumnKey, number | string>>;

/** The served workbook with `entries` typed into its « Exécution » rows (by activity code). */
export async function fillExecution(bytes: ArrayBuffer, entries: Record<string, Entry>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('Exécution') as ExcelJS.Worksheet;
  const rows = new Map<string, number>();
  ws.eachRow((row, r) => {
    const code = row.getCell(1).value;
    if (typeof code === 'string') rows.set(code, r);
  });
  for (const [code, entry] of Object.entries(entries)) {
    const r = rows.get(code);
    if (r === undefined) throw new Error(`no row for ${code} in the served workbook`);
    for (const [key, value] of Object.entries(entry))
      ws.getCell(r, executionColumn(key as ExecutionColumnKey).index + 1).value = value;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The file recomputed by LibreOffice, with every formula of its « Exécution » sheet checked against
 * PAC's own evaluation of the cells; the file as it is when LibreOffice is missing (then `compared`
 * is 0 and the caller says so).
 */
export async function recalculatedInLibreOffice(bytes: Buffer): Promise<{ bytes: Buffer; compared: number }> {
  if (!hasLibreOffice()) return { bytes, compared: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'pac-exec-http-'));
  const out = mkdtempSync(join(tmpdir(), 'pac-exec-http-out-'));
  writeFileSync(join(dir, 'execution.xlsx'), bytes);
  await recalculate([join(dir, 'execution.xlsx')], out);
  const recomputed = readFileSync(join(out, 'execution.xlsx'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(recomputed as unknown as ArrayBuffer);
  return {
    bytes: recomputed,
    compared: expectFormulasAsPac(wb.getWorksheet('Exécution') as ExcelJS.Worksheet),
  };
}

/** Every formula's result in a sheet recomputed by LibreOffice equals PAC's evaluation of its cells; how many. */
export function expectFormulasAsPac(ws: ExcelJS.Worksheet): number {
  const content = readSheet(ws);
  const evaluator = new WorkbookEvaluator([content]);
  let compared = 0;
  for (const [row, cols] of content.formulas)
    for (const col of cols.keys()) {
      const mine = evaluator.valueAt(content.grid.sheet, row, col);
      const lo = ws.getCell(row, col + 1).result;
      const where = `${ws.getCell(row, col + 1).address} = ${cols.get(col)}`;
      if (mine.kind === 'number')
        expect(Math.abs(moneyToNumber(mine.value) - Number(lo)), where).toBeLessThan(1e-6);
      // An empty text ("" from IF) is what LibreOffice leaves as no result.
      else expect([mine, lo ?? ''], where).toEqual([{ kind: 'text', value: '' }, '']);
      compared++;
    }
  return compared;
}

/** Each ministry's counted return for the period as the API shows it (status, then each version's document). */
export async function countedDocuments(s: Service, key: string, token: string, query = '') {
  const status = await s.json(`/api/periods/${key}/status${query}`, { token });
  const counted = [];
  for (const m of status.body.ministries.filter((x: { returnId: string | null }) => x.returnId)) {
    const d = await s.json(`/api/periods/${key}/returns/${m.returnId}${query}`, { token });
    counted.push({
      ministry: m.ministry as string,
      version: m.version as number,
      state: d.body.state as LatestExecution['state'],
      createdAt: m.submittedAt as string,
      document: d.body.document as unknown,
    });
  }
  return counted;
}

/** The core's consolidation of stored documents (each ministry's counted version), as the API sends it. */
export function coreConsolidation(
  index: PlanIndex,
  period: string,
  counted: {
    ministry: string;
    version: number;
    state: LatestExecution['state'];
    createdAt: string;
    document: unknown;
  }[],
) {
  const year = Number(period.slice(0, 4));
  const latest = counted.map((r): LatestExecution => {
    const parsed = executionFromJson(ExecutionDocument.parse(r.document));
    return { ...r, lines: parsed.lines, indicators: parsed.indicators };
  });
  return jsonify(
    consolidateExecution(
      index,
      period,
      plannedForYear(index, year, null),
      latest,
      indicatorTargetsOf(index.plan),
    ),
  );
}
