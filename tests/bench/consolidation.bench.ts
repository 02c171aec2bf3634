/**
 * The consolidated workbook for 15 ministries × 150 lines and for 500 ministries × 1,000 lines
 * (synthetic plan and returns), next to the floor: ExcelJS's streaming writer writing the same
 * cells (values and formulas, no styles) from a spec built beforehand. Each measurement runs in a
 * child process of its own, so that its peak memory (maxRSS above what the process held once its
 * input was ready) is not inherited from another run.
 *
 * Synthetic data: each ministry leads `lines` activities spread over 5 pillars; every 50th is joint
 * with the next ministry, which sends a line for it too (not counted: the lead's is); every 10th is
 * PM; every 23rd line is sent blank. A few warnings per return, and a log of two versions for every
 * third ministry.
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import {
  type Activity,
  consolidate,
  consolidatedWorkbookSpec,
  type EnvelopeRow,
  type Finding,
  indexPlan,
  isFormula,
  type LatestReturn,
  type Line,
  type Money,
  type Plan,
  type PlanIndex,
  type SubmissionLogEntry,
  type WorkbookSpec,
} from '#core';
import { streamWorkbookBuffer } from '../../server/consolidation/stream-workbook.ts';

const YEARS = [2021, 2022, 2023, 2024, 2025];
const GENERATED_AT = '2025-01-31T00:00:00Z';

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

interface Input {
  index: PlanIndex;
  latest: LatestReturn[];
  log: SubmissionLogEntry[];
}

const code = (m: number) => `M${String(m + 1).padStart(3, '0')}`;

export function syntheticInput(ministries: number, perMinistry: number): Input {
  const activities: Activity[] = [];
  const results = new Map<string, { objective: string; pillar: string }>();
  const objectives = new Map<string, string>();
  const envelope = new Map<string, number>();
  for (let m = 0; m < ministries; m++) {
    for (let k = 0; k < perMinistry; k++) {
      const pillar = String((k % 5) + 1);
      const objective = `${pillar}.${(m % 3) + 1}`;
      const result = `${objective}.${m + 1}`;
      results.set(result, { objective, pillar });
      objectives.set(objective, pillar);
      const pm = k % 10 === 9;
      const cost = pm ? null : 10 + (k % 40) * 2.5;
      const joint = k % 50 === 7 && ministries > 1 ? [code((m + 1) % ministries)] : [];
      activities.push({
        code: `${result}.${Math.floor(k / 5) + 1}`,
        title: `Activité synthétique ${m}.${k} — sensibiliser et former les acteurs communautaires`,
        pillar,
        objective,
        result,
        responsible: code(m),
        jointWith: joint,
        responsibleAsWritten: [code(m), ...joint].join('-'),
        partners: [],
        partnersAsWritten: '',
        alignment: null,
        cost,
        costAsWritten: pm ? 'PM' : String(cost),
        costNote: pm ? 'PM' : null,
        years: YEARS,
        source: { code: null, line: activities.length + 1 },
      });
      const key = `${pillar}|${code(m)}`;
      envelope.set(key, (envelope.get(key) ?? 0) + (cost ?? 0));
    }
  }
  const rows: EnvelopeRow[] = [...envelope].map(([key, total], i) => {
    const [pillar = '', ministry = ''] = key.split('|');
    return {
      pillar,
      pillarAsWritten: `Pilier ${pillar}`,
      ministry,
      ministryAsWritten: ministry,
      years: Object.fromEntries(YEARS.map((y) => [String(y), total / 5])),
      total,
      national: total / 2,
      external: total / 2,
      line: i + 1,
    };
  });
  const sum = rows.reduce((a, r) => a + (r.total ?? 0), 0);
  const plan: Plan = {
    plan: {
      id: 'synthetic',
      version: '1',
      title: 'Plan synthétique',
      years: YEARS,
      unit: 'millions FCFA',
      source: { file: 'synthetic', sha256: '0'.repeat(64), section: 'IV' },
    },
    ministries: Array.from({ length: ministries }, (_, m) => ({
      code: code(m),
      name: `Ministère ${code(m)}`,
      nameInDocument: true,
      spellings: [],
      parent: null,
      returns: true,
    })),
    jointSpellings: [],
    pillars: ['1', '2', '3', '4', '5'].map((c) => ({ code: c, name: `Pilier ${c}`, line: 1 })),
    objectives: [...objectives].map(([c, pillar]) => ({
      code: c,
      pillar,
      title: c,
      source: { code: c, line: 1 },
    })),
    results: [...results].map(([c, r]) => ({
      code: c,
      ...r,
      title: c,
      indicators: [],
      source: { code: c, line: 1 },
    })),
    activities,
    envelope: {
      title: 'Tableau II.2.1',
      unit: 'millions FCFA',
      years: YEARS,
      rows,
      totalRow: {
        pillar: null,
        pillarAsWritten: 'TOTAL',
        ministry: null,
        ministryAsWritten: '',
        years: Object.fromEntries(YEARS.map((y) => [String(y), sum / 5])),
        total: sum,
        national: sum / 2,
        external: sum / 2,
        line: rows.length + 1,
      },
    },
  };
  const index = indexPlan(plan);

  const lineOf = (a: Activity, i: number): Line => {
    const years: Record<number, Money | null> = {};
    let total = 0n;
    const blank = i % 23 === 22;
    YEARS.forEach((y, k) => {
      const v = blank || a.costNote === 'PM' ? null : BigInt(((i + k) % 97) * 1_000_000 + 500_001);
      years[y] = v;
      total += v ?? 0n;
    });
    const none = blank || a.costNote === 'PM';
    return {
      index: i,
      activity: a.code,
      nature: a.costNote === 'PM' ? 'pm' : blank ? null : 'costed',
      years,
      total: none ? null : total,
      national: none ? null : total / 2n,
      external: none ? null : total - total / 2n,
      execution: none ? [] : YEARS,
      comment: i % 37 === 0 ? '=SOMME(A1:A9) à revoir' : null,
      sheet: 'JSON',
      cells: {},
      unreadable: [],
    };
  };
  const latest: LatestReturn[] = [];
  const log: SubmissionLogEntry[] = [];
  for (let m = 0; m < ministries; m++) {
    const lines = index.activitiesOf(code(m)).map(lineOf);
    const findings: Finding[] = lines
      .filter((l) => l.nature === null)
      .slice(0, 5)
      .map((l) => ({
        code: 'line_not_filled',
        severity: 'warning',
        where: { sheet: 'JSON', cell: `lines[${l.index}]` },
        params: { activity: l.activity ?? '' },
      }));
    const version = m % 3 === 0 ? 2 : 1;
    const createdAt = `2025-01-${String((m % 28) + 1).padStart(2, '0')}T08:00:00Z`;
    latest.push({
      ministry: code(m),
      version,
      state: 'submitted',
      createdAt,
      tokenLabel: `CPS ${code(m)}`,
      lines,
      findings,
    });
    for (let v = 1; v <= version; v++)
      log.push({
        ministry: code(m),
        version: v,
        createdAt,
        tokenLabel: `CPS ${code(m)}`,
        state: v < version ? 'returned' : 'submitted',
        errorCount: 0,
        warningCount: findings.length,
      });
  }
  return { index, latest, log };
}

/** Consolidation, spec and streamed .xlsx: what GET /api/consolidated/workbook.xlsx does. */
async function pacBuild(input: Input): Promise<number> {
  const c = consolidate(input.index, input.latest);
  const spec = consolidatedWorkbookSpec(c, input.index, {
    lang: 'fr',
    generatedAt: GENERATED_AT,
    log: input.log,
  });
  return (await streamWorkbookBuffer(spec)).length;
}

/** The floor: the same cells written by ExcelJS's streaming writer, no styles, no logic. */
export async function floorBuild(spec: WorkbookSpec): Promise<number> {
  const sink = new PassThrough();
  let size = 0;
  sink.on('data', (chunk: Buffer) => {
    size += chunk.length;
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
  for (const sheet of spec.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.cells.forEach((values, r) => {
      if (values.length === 0) return;
      const row = ws.getRow(r + 1);
      values.forEach((v, c) => {
        if (v !== null) row.getCell(c + 1).value = isFormula(v) ? { formula: v.formula, date1904: false } : v;
      });
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
  return size;
}

interface Measure {
  ms: number;
  peakMB: number;
  bytes: number;
  cells: number;
}

/**
 * In a child: build the input, then time `runs` runs of one path (after as many warm-up runs, so
 * that the JIT has compiled the hot paths) and report its peak memory above the input. The floor's
 * spec is built inside the measured span for memory — any program writing these cells holds them —
 * but outside the timed runs.
 */
export async function benchChild(caseName: string, path: 'pac' | 'floor'): Promise<Measure> {
  const c = CASES.find((x) => x.name === caseName);
  if (!c) throw new Error(`no case ${caseName}`);
  const input = syntheticInput(c.ministries, c.lines);
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const spec =
    path === 'floor'
      ? consolidatedWorkbookSpec(consolidate(input.index, input.latest), input.index, {
          lang: 'fr',
          generatedAt: GENERATED_AT,
          log: input.log,
        })
      : null;
  const cells = spec
    ? spec.sheets.reduce((n, s) => n + s.cells.reduce((k, r) => k + r.filter((v) => v !== null).length, 0), 0)
    : 0;
  const run = () => (spec ? floorBuild(spec) : pacBuild(input));
  const warmUps = c.runs > 1 ? c.runs : 0;
  for (let i = 0; i < warmUps; i++) await run();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < c.runs; i++) {
    const started = performance.now();
    bytes = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  // maxRSS (KiB) is the whole process's high-water mark; what the input held is taken off.
  const peakMB = (process.resourceUsage().maxRSS * 1024 - rss0) / 2 ** 20;
  return { ms: times[Math.floor(times.length / 2)] ?? 0, peakMB, bytes, cells };
}

function measure(caseName: string, path: 'pac' | 'floor'): Measure {
  const self = fileURLToPath(import.meta.url);
  const script = `import(${JSON.stringify(`file://${self}`)}).then(async (m) => { const r = await m.benchChild(${JSON.stringify(caseName)}, ${JSON.stringify(path)}); process.stdout.write('RESULT ' + JSON.stringify(r) + '\\n'); })`;
  const out = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=12288',
      ...process.execArgv.filter((a) => !a.startsWith('--max-old')),
      '--input-type=module',
      '-e',
      script,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20, env: { ...process.env, PAC_BENCH_CHILD: '1' } },
  );
  const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`benchmark child failed (${caseName}, ${path}): ${out.stderr}`);
  return JSON.parse(line.slice(7)) as Measure;
}

const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(0)} ms`);

export async function bench(): Promise<string> {
  const rows = [
    '| ministries × lines | lines | cells | PAC: consolidate + spec + .xlsx | peak MB | µs / line | floor: ExcelJS stream, same cells | peak MB | time ratio | memory ratio | size |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const c of CASES) {
    const floor = measure(c.name, 'floor');
    const pac = measure(c.name, 'pac');
    const lines = c.ministries * c.lines;
    rows.push(
      `| ${c.name} | ${lines.toLocaleString('en')} | ${floor.cells.toLocaleString('en')} | ${ms(pac.ms)} | ${pac.peakMB.toFixed(0)} | ` +
        `${((pac.ms * 1000) / lines).toFixed(1)} | ${ms(floor.ms)} | ${floor.peakMB.toFixed(0)} | ${(pac.ms / floor.ms).toFixed(2)}× | ` +
        `${(pac.peakMB / Math.max(1, floor.peakMB)).toFixed(2)}× | ${(pac.bytes / 2 ** 20).toFixed(1)} MB |`,
    );
  }
  return [
    ...rows,
    '',
    'Each path runs in a child process of its own: median of 5 runs after 5 warm-up runs for the small',
    'case, one run for the large. "peak MB": the process\'s maxRSS minus its RSS once the plan and returns',
    "were built. The floor writes the spec's cells (values and formulas) with no styles and no logic; its",
    'spec is built before the timed runs, but counts in its memory (the cells have to be somewhere). PAC',
    'builds the consolidation and the spec from the returns, then writes them with their looks.',
  ].join('\n');
}
