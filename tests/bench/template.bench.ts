/**
 * Template generation (spec from the plan, ExcelJS rendering, .xlsx bytes) for the shipped plan
 * and for a synthetic plan of 10,000 activities, next to the floor: ExcelJS writing the same cells
 * as plain values (formulas as numbers, no styles, locks, validation or conditional formats) in
 * the same process. Median of a few runs; sizes are of the written bytes.
 */
import ExcelJS from 'exceljs';
import { buildTemplateSpec, isFormula, type PlanIndex, type WorkbookSpec } from '#core';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { renderWorkbookBuffer } from '../../server/xlsx/render-workbook.ts';
import { syntheticIndex } from '../core/template/synthetic-plan.ts';

const GENERATED_AT = '2021-01-01T00:00:00Z';

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await f();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** The floor: the spec's cells written as plain values, nothing else. */
async function plainBuffer(spec: WorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.cells.forEach((values, r) => {
      const row = ws.getRow(r + 1);
      values.forEach((v, c) => {
        if (v !== null) row.getCell(c + 1).value = isFormula(v) ? 0 : v;
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellCount = (spec: WorkbookSpec) =>
  spec.sheets.reduce((n, s) => n + s.cells.reduce((m, r) => m + r.filter((v) => v !== null).length, 0), 0);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

export async function bench(): Promise<string> {
  const cases: { name: string; index: PlanIndex; runs: number }[] = [
    { name: 'PNLEVT plan, whole (103 activities)', index: shippedPlan(), runs: 7 },
    { name: 'synthetic plan, 10,000 activities', index: syntheticIndex({ activities: 10_000 }), runs: 3 },
  ];
  const rows = [
    '| plan | cells | build spec | template (spec + render + bytes) | size | plain ExcelJS, same cells | size | time ratio |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const c of cases) {
    const options = { ministry: null, lang: 'fr' as const, generatedAt: GENERATED_AT };
    const spec = buildTemplateSpec(c.index, options);
    // One warm-up of each path, so that module loading and JIT do not count.
    const size = (await renderWorkbookBuffer(spec)).length;
    const plainSize = (await plainBuffer(spec)).length;
    const specTime = await median(c.runs, async () => buildTemplateSpec(c.index, options));
    const templateTime = await median(c.runs, async () =>
      renderWorkbookBuffer(buildTemplateSpec(c.index, options)),
    );
    const plainTime = await median(c.runs, () => plainBuffer(spec));
    rows.push(
      `| ${c.name} | ${cellCount(spec).toLocaleString('en')} | ${ms(specTime)} | ${ms(templateTime)} | ${kb(size)} | ` +
        `${ms(plainTime)} | ${kb(plainSize)} | ${(templateTime / plainTime).toFixed(2)}× |`,
    );
  }
  return rows.join('\n');
}
