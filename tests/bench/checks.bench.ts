/**
 * The return checks on synthetic returns of 1,000 to 1,000,000 lines against a synthetic plan of
 * the same size, next to the floor: a plain loop that only adds up the same Money amounts, in the
 * same process. The checks should stay within 3 × that loop, above a million lines a second at
 * 100,000 lines, and grow linearly with the lines; per check, the steps of one run add up to it.
 * The plan's index and its numbered tables (checks/plan-tables.ts) are built once per plan, by the
 * warm-up runs here as by the first return checked against a plan in the service.
 */
import {
  type Activity,
  type EnvelopeRow,
  type Finding,
  indexPlan,
  type Line,
  type LineField,
  type Money,
  type ParsedReturn,
  type Plan,
  type PlanIndex,
  RETURN_CHECKS,
  readLines,
  reportOf,
  returnContext,
  runReturnChecks,
  type Subtotal,
  type SummaryRow,
} from '#core';

const YEARS = [2021, 2022, 2023, 2024, 2025];
const MINISTRIES = [
  'MARCC',
  'MDAC',
  'MATD',
  'MSPC',
  'MJDH',
  'MSDS',
  'MEFP',
  'MRN',
  'MEF',
  'MAECI',
  'MJS',
  'MEN',
];
/** Return sizes; PAC_BENCH_LINES=100000 (or a comma-separated list) runs fewer, for a quick look. */
const SIZES = (process.env.PAC_BENCH_LINES ?? '1000,10000,100000,1000000').split(',').map(Number);

/** A deterministic pseudo-random sequence, so that every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** n activities: 10 per result, 5 results per objective, objectives spread over 5 pillars. */
export function syntheticPlan(n: number): { plan: Plan; amounts: Money[][] } {
  const rnd = random(n);
  const activities: Activity[] = [];
  const amounts: Money[][] = [];
  const results = new Map<string, { objective: string; pillar: string }>();
  const objectives = new Map<string, string>();
  const envelope = new Map<string, Money[]>();
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / 10);
    const o = Math.floor(r / 5);
    const pillar = String((o % 5) + 1);
    const objective = `${pillar}.${Math.floor(o / 5) + 1}`;
    const result = `${objective}.${(r % 5) + 1}`;
    const code = `${result}.${(i % 10) + 1}`;
    const responsible = MINISTRIES[i % MINISTRIES.length] as string;
    const pm = rnd() < 0.02;
    const years = YEARS.map((): Money => (rnd() < 0.3 ? 0n : BigInt(Math.floor(rnd() * 500_000)) * 1000n));
    amounts.push(years);
    const cost = years.reduce((a, b) => a + b, 0n);
    results.set(result, { objective, pillar });
    objectives.set(objective, pillar);
    const key = `${pillar}|${responsible}`;
    const env = envelope.get(key) ?? [0n, 0n, 0n, 0n, 0n, 0n];
    YEARS.forEach((_, k) => {
      env[k] = (env[k] as Money) + (years[k] as Money);
    });
    env[5] = (env[5] as Money) + cost;
    envelope.set(key, env);
    activities.push({
      code,
      title: `Activité ${code}`,
      pillar,
      objective,
      result,
      responsible,
      jointWith: [],
      responsibleAsWritten: responsible,
      partners: [],
      partnersAsWritten: '',
      alignment: null,
      cost: pm ? null : Number(cost) / 1e6,
      costAsWritten: pm ? 'PM' : String(Number(cost) / 1e6),
      costNote: pm ? 'PM' : null,
      years: YEARS.filter((_, k) => (years[k] as Money) > 0n),
      source: { code: `${code}.`, line: i + 1 },
    });
  }
  const toNumber = (v: Money) => Number(v) / 1e6;
  const rows: EnvelopeRow[] = [...envelope].map(([key, v], k) => {
    const [pillar = '', ministry = ''] = key.split('|');
    // Every seventh row of the envelope is 1 % off, as adopted envelopes are.
    const total = k % 7 === 0 ? ((v[5] as Money) * 101n) / 100n : (v[5] as Money);
    return {
      pillar,
      pillarAsWritten: `Pilier ${pillar}`,
      ministry,
      ministryAsWritten: ministry,
      years: Object.fromEntries(YEARS.map((y, j) => [String(y), toNumber(v[j] as Money)])),
      total: toNumber(total),
      national: toNumber(total),
      external: 0,
      line: k + 1,
    };
  });
  const plan: Plan = {
    plan: {
      id: `synthetic-${n}`,
      version: '1',
      title: 'Plan synthétique',
      years: YEARS,
      unit: 'millions FCFA',
      source: { file: 'synthetic.txt', sha256: '0'.repeat(64), section: 'IV' },
    },
    ministries: MINISTRIES.map((code) => ({
      code,
      name: code,
      nameInDocument: true,
      spellings: [],
      parent: null,
      returns: true,
    })),
    jointSpellings: [],
    pillars: ['1', '2', '3', '4', '5'].map((code) => ({ code, name: `Pilier ${code}`, line: 1 })),
    objectives: [...objectives].map(([code, pillar]) => ({
      code,
      pillar,
      title: code,
      source: { code, line: 1 },
    })),
    results: [...results].map(([code, r]) => ({
      code,
      ...r,
      title: code,
      indicators: [],
      source: { code, line: 1 },
    })),
    activities,
    envelope: {
      title: 'Tableau II.2.1',
      unit: 'millions FCFA',
      years: YEARS,
      rows,
      totalRow: { ...(rows[0] as EnvelopeRow), pillar: null, ministry: null, line: rows.length + 1 },
    },
  };
  return { plan, amounts };
}

const COLUMNS = 'ABCDEFGHIJKLMNOPQRST';
const FIELD_COLUMNS: [LineField, string][] = [
  ['activity', 'A'],
  ['nature', 'F'],
  ...YEARS.map((y, k): [LineField, string] => [`year:${y}`, COLUMNS[6 + k] as string]),
  ['total', 'L'],
  ['national', 'M'],
  ['external', 'N'],
  ...YEARS.map((y, k): [LineField, string] => [`mark:${y}`, COLUMNS[14 + k] as string]),
  ['comment', 'T'],
];

/**
 * One line per activity, the way the entry sheet reads them, with subtotal rows per result,
 * objective and pillar, a grand total, and the summary table. About 2 % of lines carry a slip
 * (a year changed by 1 FCFA, an amount outside the marked years), so findings are made too.
 */
export function syntheticReturn(plan: Plan, amounts: Money[][]): ParsedReturn {
  const rnd = random(amounts.length + 1);
  const lines: Line[] = plan.activities.map((a, i) => {
    const row = i + 6;
    const cells: Partial<Record<LineField, string>> = {};
    for (const [field, col] of FIELD_COLUMNS) cells[field] = `${col}${row}`;
    const years: Record<number, Money | null> = {};
    const amount = amounts[i] as Money[];
    let total = 0n;
    YEARS.forEach((y, k) => {
      const v = amount[k] as Money;
      years[y] = a.costNote === 'PM' || v === 0n ? null : v;
      total += years[y] ?? 0n;
    });
    const national = (total * 3n) / 10n;
    const execution = a.years.slice();
    const slip = rnd();
    if (slip < 0.01) years[2023] = (years[2023] ?? 0n) + 1n;
    else if (slip < 0.02) execution.pop();
    return {
      index: i,
      activity: a.code,
      nature: a.costNote === 'PM' ? 'pm' : 'costed',
      years,
      total: a.costNote === 'PM' ? null : total,
      national: a.costNote === 'PM' ? null : national,
      external: a.costNote === 'PM' ? null : total - national,
      execution,
      comment: null,
      sheet: 'Saisie',
      cells,
      unreadable: [],
    };
  });

  const sums = new Map<string, Money[]>();
  const add = (key: string, l: Line) => {
    const s = sums.get(key) ?? [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
    YEARS.forEach((y, k) => {
      s[k] = (s[k] as Money) + (l.years[y] ?? 0n);
    });
    s[5] = (s[5] as Money) + (l.total ?? 0n);
    s[6] = (s[6] as Money) + (l.national ?? 0n);
    s[7] = (s[7] as Money) + (l.external ?? 0n);
    sums.set(key, s);
  };
  plan.activities.forEach((a, i) => {
    const l = lines[i] as Line;
    for (const key of [
      `result|${a.result}`,
      `objective|${a.objective}`,
      `pillar|${a.pillar}`,
      'grand|',
      `pm|${a.pillar}|${a.responsible}`,
    ])
      add(key, l);
  });
  const amountsOf = (s: Money[]) => ({
    years: Object.fromEntries(YEARS.map((y, k) => [y, s[k] as Money])),
    total: s[5] as Money,
    national: s[6] as Money,
    external: s[7] as Money,
  });
  let row = lines.length + 10;
  const subtotals: Subtotal[] = [];
  const summaryRows: SummaryRow[] = [];
  for (const [key, s] of sums) {
    const [level = '', k1 = '', k2 = ''] = key.split('|');
    row++;
    const cells: Partial<Record<LineField, string>> = {};
    for (const [field, col] of FIELD_COLUMNS) cells[field] = `${col}${row}`;
    if (level === 'pm')
      summaryRows.push({ label: key, pillar: k1, ministry: k2, amounts: amountsOf(s), cells });
    else
      subtotals.push({
        level: level as Subtotal['level'],
        key: k1,
        amounts: amountsOf(s),
        sheet: 'Saisie',
        cells,
      });
  }
  return {
    ministry: null,
    planId: plan.plan.id,
    planVersion: '1',
    lines,
    subtotals,
    summaries: [{ name: 'Synthèse', sheet: 'Synthèse', years: YEARS, rows: summaryRows, totalRow: null }],
  };
}

/** The floor: every Money amount of every line, summed in a plain loop and nothing else. */
function baselineLoop(ret: ParsedReturn): Money {
  let sum = 0n;
  for (const l of ret.lines) {
    for (const y of YEARS) sum += l.years[y] ?? 0n;
    sum += (l.total ?? 0n) + (l.national ?? 0n) + (l.external ?? 0n);
  }
  return sum;
}

function gc(): void {
  globalThis.gc?.();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Heap growth during one run: collected before, not after, so it counts what the run allocated and kept or had yet to free. */
function heapDelta(fn: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('unreachable');
  return (after - before) / 2 ** 20;
}

/** The steps of one run and their times (ms): reading the lines, each check, the report. */
interface Steps {
  steps: Map<string, number>;
  total: number;
  findings: number;
}

/**
 * One full run timed step by step. It does what runReturnChecks does, with the same functions
 * (returnContext, each check's start, readLines showing every chunk to every pass, each pass's
 * finish, reportOf), and reads the clock around each step: a check's time is its start, its work
 * on every chunk and its finish; "reading lines" is what readLines took beyond the passes it fed.
 * So the steps add up to the run, and the run is the same work as runReturnChecks (its median is
 * printed beside, measured on its own).
 */
function timedRun(index: PlanIndex, ret: ParsedReturn): Steps {
  const steps = new Map<string, number>([['reading lines', 0]]);
  const add = (step: string, ms: number) => steps.set(step, (steps.get(step) ?? 0) + ms);
  const started = performance.now();
  const ctx = returnContext(index, ret);
  const passes = RETURN_CHECKS.map((check) => {
    const t = performance.now();
    const pass = check.start(ctx);
    add(check.id, performance.now() - t);
    return { id: check.id, pass };
  });
  let inPasses = 0;
  const reading = performance.now();
  readLines(ctx, (chunk) => {
    for (const { id, pass } of passes) {
      const t = performance.now();
      pass.lines(chunk);
      const ms = performance.now() - t;
      add(id, ms);
      inPasses += ms;
    }
  });
  add('reading lines', performance.now() - reading - inPasses);
  const findings: Finding[] = [];
  for (const { id, pass } of passes) {
    const t = performance.now();
    for (const f of pass.finish()) findings.push(f);
    add(id, performance.now() - t);
  }
  const t = performance.now();
  const report = reportOf(findings, ret.lines.length);
  add('report (sorting)', performance.now() - t);
  return { steps, total: performance.now() - started, findings: report.findings.length };
}

interface Measured {
  n: number;
  /** Medians, wall-clock and CPU time (ms). */
  checks: Timing;
  floor: Timing;
  heap: number;
  findings: number;
  /** The step-by-step run whose total is the median of those runs. */
  timed: Steps;
}

interface Timing {
  wall: number;
  cpu: number;
}

/**
 * Wall-clock and CPU time of one call. CPU time is the process's, all threads (the collector's
 * included): on a machine shared with other work it is the steadier measure of what the code costs.
 */
function clocked(fn: () => unknown): Timing {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

const medianTiming = (ts: Timing[]): Timing => ({
  wall: median(ts.map((t) => t.wall)),
  cpu: median(ts.map((t) => t.cpu)),
});

/**
 * Median times of `runs` runs after `warm` warm-up runs (so the JIT has compiled the hot paths),
 * the floor loop, the checks and the step-by-step run taking turns so that each sees the machine
 * in the same state. No forced collection between runs: right after a full GC the engine shrinks
 * its young generation, which slows the next run down and would measure the collector, not the
 * checks.
 */
function measure(n: number): Measured {
  const { plan, amounts } = syntheticPlan(n);
  const index: PlanIndex = indexPlan(plan);
  const ret = syntheticReturn(plan, amounts);
  const runs = n >= 1_000_000 ? 7 : n >= 100_000 ? 11 : n >= 10_000 ? 21 : 51;
  const warm = n >= 1_000_000 ? 2 : runs;
  const floor: Timing[] = [];
  const checks: Timing[] = [];
  const timed: Steps[] = [];
  let findings = 0;
  for (let r = 0; r < warm + runs; r++) {
    const f = clocked(() => baselineLoop(ret));
    const c = clocked(() => {
      findings = runReturnChecks(index, ret).findings.length;
    });
    const steps = timedRun(index, ret);
    if (r < warm) continue;
    floor.push(f);
    checks.push(c);
    timed.push(steps);
  }
  timed.sort((a, b) => a.total - b.total);
  const heap = heapDelta(() => runReturnChecks(index, ret));
  return {
    n,
    checks: medianTiming(checks),
    floor: medianTiming(floor),
    heap,
    findings,
    timed: timed[Math.floor(timed.length / 2)] as Steps,
  };
}

const en = (v: number, digits = 0) =>
  v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function bench(): Promise<string> {
  const results = SIZES.map(measure);
  const rows = [
    '| lines | checks, ms (CPU ms) | floor loop, ms (CPU ms) | checks / floor (CPU) | lines/s (CPU) | ns/line (CPU) | heap Δ (MB) | findings |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((m) => {
      const { checks: c, floor: f } = m;
      return `| ${en(m.n)} | ${en(c.wall, 1)} (${en(c.cpu, 1)}) | ${en(f.wall, 1)} (${en(f.cpu, 1)}) | ${en(c.wall / f.wall, 1)} × (${en(c.cpu / f.cpu, 1)} ×) | ${en((m.n / c.wall) * 1000)} (${en((m.n / c.cpu) * 1000)}) | ${en((c.wall / m.n) * 1e6)} (${en((c.cpu / m.n) * 1e6)}) | ${en(m.heap, 1)} | ${en(m.findings)} |`;
    }),
  ];
  const shown = results.filter((m) => m.n >= 100_000);
  const stepNames = [...(shown[0]?.timed.steps.keys() ?? [])];
  const perStep = [
    `| step (ms) | ${shown.map((m) => `${en(m.n)} lines`).join(' | ')} |`,
    `|---|${shown.map(() => '---:').join('|')}|`,
    ...stepNames.map(
      (step) => `| ${step} | ${shown.map((m) => en(m.timed.steps.get(step) ?? 0, 1)).join(' | ')} |`,
    ),
    `| **sum of the steps** | ${shown
      .map((m) =>
        en(
          [...m.timed.steps.values()].reduce((a, b) => a + b, 0),
          1,
        ),
      )
      .join(' | ')} |`,
    `| step-by-step run, total | ${shown.map((m) => en(m.timed.total, 1)).join(' | ')} |`,
    `| runReturnChecks, median | ${shown.map((m) => en(m.checks.wall, 1)).join(' | ')} |`,
  ];
  return [
    ...rows,
    '',
    ...perStep,
    '',
    'Median of 7 to 51 runs after warm-up runs, wall-clock and (in brackets) CPU time of the process. The',
    'floor loop reads every Money amount of every line and adds it up, nothing else, in the same process,',
    'taking turns with the checks. Steps (wall-clock): one run timed step by step, the same work as',
    'runReturnChecks (see timedRun); the run shown is the median one, so its steps add up to its total.',
    '"heap Δ": heap growth over one run, garbage collected before, not after.',
  ].join('\n');
}
