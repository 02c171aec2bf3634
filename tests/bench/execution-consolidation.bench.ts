/**
 * Consolidating the execution of one period for 15 ministries × 150 lines and for 500 ministries ×
 * 1,000 lines (the synthetic plan of ./consolidation.bench.ts) with the core — plannedForYear then
 * consolidateExecution: rates per activity, result, pillar, ministry and funding source — next to
 * the floor: ExcelJS's streaming writer writing the same returns' cells to an .xlsx (one sheet per
 * ministry: activity code, committed and disbursed national and external, state, comment), no
 * styles and no logic. Both in this process, each timed alone after its input is built.
 *
 * Synthetic returns: every ministry reports every activity it is responsible for (joint ones
 * included, as it would); amounts vary with the line, disbursed never above committed; the state
 * cycles through the four; every 23rd line is left blank and every 37th carries a comment.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  consolidateExecution,
  EXECUTION_STATES,
  type ExecutionLine,
  type LatestExecution,
  type Money,
  moneyToNumber,
  type PlanIndex,
  plannedForYear,
} from '#core';
import { syntheticInput } from './consolidation.bench.ts';

const PERIOD = '2023';

interface Case {
  name: string;
  ministries: number;
  lines: number;
  runs: number;
}

const CASES: Case[] = [
  { name: '15 × 150', ministries: 15, lines: 150, runs: 5 },
  { name: '500 × 1,000', ministries: 500, lines: 1000, runs: 1 },
];

export function executionReturns(index: PlanIndex): LatestExecution[] {
  return index.plan.ministries.map((m) => {
    const lines = index.activitiesOf(m.code).map((a, i): ExecutionLine => {
      const blank = i % 23 === 22;
      const amount = (n: number): Money | null => (blank ? null : BigInt(n) * 250_000n + 1n);
      const committedNational = amount((i % 40) + 8);
      const committedExternal = amount((i % 30) + 4);
      return {
        index: i,
        activity: a.code,
        committedNational,
        committedExternal,
        // Disbursed: half of what was committed, never more.
        disbursedNational: committedNational === null ? null : committedNational / 2n,
        disbursedExternal: committedExternal === null ? null : committedExternal / 2n,
        state: blank ? null : (EXECUTION_STATES[i % EXECUTION_STATES.length] ?? null),
        comment: i % 37 === 0 ? 'Retard de décaissement des partenaires' : null,
        sheet: 'Exécution',
        cells: {},
        unreadable: [],
      };
    });
    return {
      ministry: m.code,
      version: 1,
      state: 'submitted',
      createdAt: '2024-02-15T08:00:00Z',
      lines,
      indicators: [],
    };
  });
}

function pacConsolidate(index: PlanIndex, returns: readonly LatestExecution[]): number {
  const planned = plannedForYear(index, Number(PERIOD), null);
  return consolidateExecution(index, PERIOD, planned, returns).activities.length;
}

const num = (m: Money | null) => (m === null ? null : moneyToNumber(m));

/** The floor: the returns' cells written by ExcelJS's streaming writer, one sheet per ministry. */
async function floorWrite(returns: readonly LatestExecution[]): Promise<{ bytes: number; cells: number }> {
  const sink = new PassThrough();
  let bytes = 0;
  let cells = 0;
  sink.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
  for (const r of returns) {
    const ws = wb.addWorksheet(r.ministry);
    ws.addRow([
      'Activité',
      'Engagé national',
      'Engagé extérieur',
      'Décaissé national',
      'Décaissé extérieur',
      'État',
      'Commentaire',
    ]).commit();
    for (const l of r.lines) {
      const values = [
        l.activity,
        num(l.committedNational),
        num(l.committedExternal),
        num(l.disbursedNational),
        num(l.disbursedExternal),
        l.state,
        l.comment,
      ];
      cells += values.filter((v) => v !== null).length;
      ws.addRow(values).commit();
    }
    ws.commit();
  }
  await wb.commit();
  return { bytes, cells };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(0)} ms`);

/** Median wall time and CPU time (the process's user + system, every thread) of `runs` runs, in ms. */
async function timed(runs: number, run: () => unknown): Promise<{ wall: number; cpu: number }> {
  const warmUps = runs > 1 ? runs : 0;
  for (let i = 0; i < warmUps; i++) await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpu0);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

export async function bench(): Promise<string> {
  const rows = [
    '| ministries × lines | lines | cells | PAC: plannedForYear + consolidateExecution (CPU) | µs / line | floor: ExcelJS stream, same cells (CPU) | ratio (CPU) | size |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const c of CASES) {
    const { index } = syntheticInput(c.ministries, c.lines);
    const returns = executionReturns(index);
    const lines = returns.reduce((n, r) => n + r.lines.length, 0);
    globalThis.gc?.();
    const pac = await timed(c.runs, () => pacConsolidate(index, returns));
    globalThis.gc?.();
    let written = { bytes: 0, cells: 0 };
    const floor = await timed(c.runs, async () => {
      written = await floorWrite(returns);
    });
    rows.push(
      `| ${c.name} | ${lines.toLocaleString('en')} | ${written.cells.toLocaleString('en')} | ${ms(pac.wall)} (${ms(pac.cpu)}) | ` +
        `${((pac.wall * 1000) / lines).toFixed(1)} | ${ms(floor.wall)} (${ms(floor.cpu)}) | ` +
        `${(pac.wall / floor.wall).toFixed(2)}× (${(pac.cpu / floor.cpu).toFixed(2)}×) | ${(written.bytes / 2 ** 20).toFixed(1)} MB |`,
    );
  }
  return [
    ...rows,
    '',
    'Median of 5 runs after 5 warm-up runs for the small case, one run for the large. "lines": execution',
    'lines in the returns (a joint activity is reported by each of its ministries; the lead’s counts). PAC',
    'computes what was planned for the year (the plan’s cost split over its years) and the consolidation',
    'with its rates; the floor only writes the returns’ cells, with no styles and no logic. Wall time first,',
    'CPU time (user + system of the process) in brackets: on a shared machine the second is steadier.',
  ].join('\n');
}
