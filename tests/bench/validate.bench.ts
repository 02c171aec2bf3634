/**
 * Validating a filled workbook of 10,000 activity lines (synthetic plan, whole-plan template, every
 * line filled) next to the floor: ExcelJS merely loading the same bytes, in the same run. Time is
 * the median of a few runs, alternated so that drift hits both alike. Peak memory is measured in a
 * fresh child process per operation — the peak resident size (getrusage maxRSS) above what the
 * process held once the file was read — since a sampling timer never fires inside ExcelJS's long
 * synchronous stretches. The safe-open checks alone (steps 1–5: signature, zip directory, capped
 * inflation, content scan, stored re-pack) are shown apart, to say what safety costs, and so is
 * ExcelJS loading what validate hands it (the same workbook without its data validations, which
 * ExcelJS would expand cell by cell and PAC never reads): part of what validate saves is there.
 * The template PAC rebuilds to recognise formulas is cached per plan, ministry and language, as
 * the service validates upload after upload; the warm-up run builds it, the timed runs reuse it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { PlanIndex } from '#core';
import { validateWorkbook } from '../../server/returns/validate-file.ts';
import { checkPackage, DEFAULT_OPEN_LIMITS } from '../../server/xlsx/safe-open.ts';
import { syntheticIndex } from '../core/template/synthetic-plan.ts';
import { filledTemplate } from '../fixtures/filled-template.ts';

const ACTIVITIES = 10_000;
const RUNS = 5;
const LIMITS = { maxFileBytes: Number.MAX_SAFE_INTEGER };
type Mode = 'load' | 'loadStripped' | 'validate' | 'check';

let cachedIndex: PlanIndex | null = null;
const planIndex = () => {
  cachedIndex ??= syntheticIndex({ activities: ACTIVITIES });
  return cachedIndex;
};

/** What validate hands ExcelJS: the stored re-pack without data validations, made once. */
let stripped: Buffer | null = null;
const strippedOf = (bytes: Buffer) => {
  stripped ??= checkPackage(bytes, { ...DEFAULT_OPEN_LIMITS, ...LIMITS }).zip;
  return stripped;
};

async function run(mode: Mode, bytes: Buffer): Promise<unknown> {
  switch (mode) {
    case 'load': {
      const wb = new ExcelJS.Workbook();
      return wb.xlsx.load(bytes as unknown as ArrayBuffer);
    }
    case 'loadStripped': {
      const zip = strippedOf(bytes);
      const wb = new ExcelJS.Workbook();
      return wb.xlsx.load(zip as unknown as ArrayBuffer);
    }
    case 'validate': {
      const result = await validateWorkbook(bytes, planIndex(), { limits: LIMITS });
      if (result.kind !== 'checked') throw new Error(`unusable: ${result.problem.code}`);
      return result;
    }
    case 'check':
      return checkPackage(bytes, { ...DEFAULT_OPEN_LIMITS, ...LIMITS });
  }
}

/** Child: one operation, then its peak memory above the baseline, as JSON on stdout. */
async function child(mode: Mode, file: string): Promise<void> {
  const bytes = readFileSync(file);
  planIndex();
  if (mode === 'loadStripped') strippedOf(bytes);
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  await run(mode, bytes);
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ peak: peak - baseline }));
}

const self = fileURLToPath(import.meta.url);
if (process.env.PAC_VALIDATE_BENCH_CHILD) {
  const [mode, file] = (process.env.PAC_VALIDATE_BENCH_CHILD ?? '').split('|') as [Mode, string];
  await child(mode, file);
  process.exit(0);
}

function peakOf(mode: Mode, file: string): number {
  const res = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv.filter((a) => a !== '--expose-gc'), self],
    {
      env: { ...process.env, PAC_VALIDATE_BENCH_CHILD: `${mode}|${file}` },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  if (res.status !== 0) throw new Error(`child ${mode} failed: ${res.stderr}`);
  return (JSON.parse(res.stdout) as { peak: number }).peak;
}

const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

export async function bench(): Promise<string> {
  const index = planIndex();
  const { bytes } = await filledTemplate(index, { ministry: null });
  const file = join(mkdtempSync(join(tmpdir(), 'pac-validate-bench-')), 'filled-10k.xlsx');
  writeFileSync(file, bytes);

  const modes: Mode[] = ['load', 'loadStripped', 'check', 'validate'];
  const times: Record<Mode, number[]> = { load: [], loadStripped: [], check: [], validate: [] };
  // One warm-up of each, then alternate.
  for (const mode of modes) await run(mode, bytes);
  for (let i = 0; i < RUNS; i++) {
    for (const mode of modes) {
      const started = performance.now();
      await run(mode, bytes);
      times[mode].push(performance.now() - started);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const time = Object.fromEntries(modes.map((m) => [m, median(times[m])])) as Record<Mode, number>;
  const peak = Object.fromEntries(modes.map((m) => [m, peakOf(m, file)])) as Record<Mode, number>;
  const row = (label: string, m: Mode) =>
    `| ${label} | ${ms(time[m])} | ${(time[m] / time.load).toFixed(2)}× | ${mb(peak[m])} | ${(peak[m] / peak.load).toFixed(2)}× |`;

  const result = await validateWorkbook(bytes, index, { limits: LIMITS });
  const lines = result.kind === 'checked' ? result.report.stats.lines : 0;
  const rows = [
    `Filled whole-plan template, ${lines.toLocaleString('en')} activity lines, ${(bytes.length / 1024).toFixed(0)} KB; median of ${RUNS} runs; peak = max RSS above the process's baseline, one fresh process each.`,
    '',
    '| operation | time | × load | peak memory | × load |',
    '|---|--:|--:|--:|--:|',
    row('ExcelJS load only (the floor)', 'load'),
    row(
      'ExcelJS load of the same workbook without its data validations (what validate hands it)',
      'loadStripped',
    ),
    row(
      'safe-open checks alone (signature, zip directory, capped inflation, content scan, re-pack)',
      'check',
    ),
    row('validateWorkbook (safe open + ExcelJS + read values + checks + payload)', 'validate'),
  ];
  return rows.join('\n');
}
