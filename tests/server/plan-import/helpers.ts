/**
 * What the plan import tests share: importing workbook bytes with the shipped directory (or one
 * extended by the synthetic plans' ministries file), and the findings as [place, code] pairs.
 */
import ExcelJS from 'exceljs';
import type { Activity } from '#core';
import { importPlace } from '../../../server/plan-import/import-findings.ts';
import { importPlanWorkbook, type PlanImportOptions } from '../../../server/plan-import/import-plan.ts';
import {
  type Directory,
  extendedDirectory,
  shippedDirectory,
} from '../../../server/plan-import/ministry-directory.ts';
import { SYNTHETIC_MINISTRIES_CSV } from '../../fixtures/plan-workbooks.ts';

export async function syntheticDirectory(): Promise<Directory> {
  const { directory, findings } = await extendedDirectory(SYNTHETIC_MINISTRIES_CSV, 'ministeres.csv');
  if (findings.length > 0) throw new Error(`ministries file: ${findings.map((f) => f.code).join(', ')}`);
  return directory;
}

export async function importBytes(bytes: Uint8Array, opts: Partial<PlanImportOptions> = {}) {
  const outcome = await importPlanWorkbook(bytes, {
    fileName: 'plan.xlsx',
    adopted: false,
    directory: shippedDirectory(),
    ...opts,
  });
  if (outcome.kind !== 'read') throw new Error(`not read: ${outcome.kind}`);
  return outcome;
}

/** Import findings as [place, code], errors and warnings alike, in reading order. */
export function placed(report: { findings: { where: { sheet: string; cell?: string }; code: string }[] }) {
  return report.findings.map((f) => [importPlace(f.where), f.code]);
}

/** The plan checks' findings as [sheet!cell, code]. */
export function checksPlaced(report: {
  checks: { findings: { where: { sheet: string; cell?: string }; code: string }[] };
}) {
  return report.checks.findings.map((f) => [`${f.where.sheet}!${f.where.cell}`, f.code]);
}

/** The cells of a workbook whose text starts with `prefix` ("Plan!C114"), to check where findings point. */
export async function cellsStartingWith(bytes: Uint8Array, prefix: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const found: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Merge && String(cell.text).startsWith(prefix))
          found.push(`${ws.name}!${cell.address}`);
      }),
    );
  }
  return found;
}

/** The text of a cell ("Plan!C12"). */
export async function cellTexts(bytes: Uint8Array): Promise<(place: string) => string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return (place) => {
    const at = place.lastIndexOf('!');
    return String(wb.getWorksheet(place.slice(0, at))?.getCell(place.slice(at + 1)).text ?? '');
  };
}

/** What a workbook says about an activity, to compare an imported plan with the one it was written from. */
export const activityFacts = (a: Activity) => ({
  code: a.code,
  printed: a.source.code,
  title: a.title,
  pillar: a.pillar,
  objective: a.objective,
  result: a.result,
  responsible: a.responsible,
  jointWith: a.jointWith,
  responsibleAsWritten: a.responsibleAsWritten,
  partnersAsWritten: a.partnersAsWritten,
  alignment: a.alignment,
  cost: a.cost,
  costAsWritten: a.costAsWritten,
  costNote: a.costNote,
  years: a.years,
});
