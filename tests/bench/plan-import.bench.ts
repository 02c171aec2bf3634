/**
 * `pac plan import` on a plan workbook of 2,000 activities (synthetic: 5 pillars × 4 OS × 10
 * results × 10 activities, 5 years, its summary table below the detail, written as planners lay
 * it out by tests/fixtures/plan-workbooks.ts) next to the floor: ExcelJS merely loading the same
 * bytes, in the same process. The import is server/plan-import's importPlanWorkbook, what the
 * command runs: safe open (which includes that same ExcelJS load), table and summary recognition,
 * codes, ministry spellings, the canonical plan and its checks. Time is the median of the runs,
 * alternated so that drift hits both alike, after warm-up runs.
 */
import ExcelJS from 'exceljs';
import { importPlanWorkbook } from '../../server/plan-import/import-plan.ts';
import { largePlan, planWorkbook, SEVEN_YEAR_LAYOUT } from '../fixtures/plan-workbooks.ts';
import { syntheticDirectory } from '../server/plan-import/helpers.ts';

const RUNS = 5;
const WARM_UPS = 2;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

export async function bench(): Promise<string> {
  const plan = largePlan();
  const bytes = await planWorkbook(plan, SEVEN_YEAR_LAYOUT);
  const directory = await syntheticDirectory();
  const load = async () => {
    await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
  };
  let cells = 0;
  const importIt = async () => {
    const outcome = await importPlanWorkbook(bytes, {
      fileName: 'plan-2026-2030.xlsx',
      directory,
      adopted: false,
    });
    // The benchmark is only worth its numbers if the import really read the whole plan.
    if (outcome.kind !== 'read' || outcome.plan?.activities.length !== plan.activities.length)
      throw new Error(`the import did not read the ${plan.activities.length} activities`);
  };
  {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    wb.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell(() => {
          cells++;
        });
      });
    });
  }
  for (let i = 0; i < WARM_UPS; i++) {
    await importIt();
    await load();
  }
  const times = {
    import: [] as number[],
    load: [] as number[],
    importCpu: [] as number[],
    loadCpu: [] as number[],
  };
  const clock = async (run: () => Promise<void>, wall: number[], cpu: number[]) => {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpu0);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  };
  for (let i = 0; i < RUNS; i++) {
    await clock(importIt, times.import, times.importCpu);
    await clock(load, times.load, times.loadCpu);
  }
  const pac = median(times.import);
  const floor = median(times.load);
  const pacCpu = median(times.importCpu);
  const floorCpu = median(times.loadCpu);
  return [
    '| activities | workbook | cells | PAC: plan import (CPU) | µs / activity | floor: ExcelJS load (CPU) | ratio (CPU) |',
    '|--:|--:|--:|--:|--:|--:|--:|',
    `| ${plan.activities.length.toLocaleString('en')} | ${(bytes.length / 1024).toFixed(0)} KB | ${cells.toLocaleString('en')} | ` +
      `${ms(pac)} (${ms(pacCpu)}) | ${((pac * 1000) / plan.activities.length).toFixed(0)} | ${ms(floor)} (${ms(floorCpu)}) | ` +
      `${(pac / floor).toFixed(2)}× (${(pacCpu / floorCpu).toFixed(2)}×) |`,
    '',
    `Median of ${RUNS} runs after ${WARM_UPS} warm-up runs, import and load alternated in one process. The import`,
    'includes the same ExcelJS load (after the safe-open checks of the package), then reads the tables,',
    'resolves every ministry spelling, builds the canonical plan and runs the plan checks. Wall time first,',
    'CPU time (user + system of the process) in brackets: on a shared machine the second is steadier.',
  ].join('\n');
}
