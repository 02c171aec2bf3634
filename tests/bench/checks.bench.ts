/**
 * The return checks on synthetic returns of 1k, 10k and 100k lines against a synthetic plan of
 * the same size, next to a plain loop that sums the same Money amounts in the same process: the
 * checks should stay a small multiple of that loop and grow linearly with the lines.
 */
import {
  type Activity,
  type EnvelopeRow,
  indexPlan,
  type Line,
  type LineField,
  lineData,
  type Money,
  type ParsedReturn,
  type Plan,
  type PlanIndex,
  RETURN_CHECKS,
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
const SIZES = [1_000, 10_000, 100_000];

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

/** The baseline: every Money amount of every line, summed in a plain loop. */
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

/**
 * Median time of `runs` runs after as many warm-up runs (so the JIT has compiled the hot paths).
 * No forced collection between runs: right after a full GC the engine shrinks its young
 * generation, which slows the next run down and would measure the collector, not the checks.
 */
function time<T>(runs: number, fn: () => T): { ms: number; result: T } {
  let result = fn();
  for (let i = 1; i < runs; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
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

export async function bench(): Promise<string> {
  const rows: string[] = [
    '| lines | checks (ms) | lines/s | heap Δ (MB) | baseline loop (ms) | checks / loop | findings |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  let perCheck: { id: string; ms: number }[] = [];
  for (const n of SIZES) {
    const { plan, amounts } = syntheticPlan(n);
    const index: PlanIndex = indexPlan(plan);
    const ret = syntheticReturn(plan, amounts);
    const runs = n >= 100_000 ? 7 : n >= 10_000 ? 21 : 51;
    const checks = time(runs, () => runReturnChecks(index, ret));
    const loop = time(runs, () => baselineLoop(ret));
    const heap = heapDelta(() => runReturnChecks(index, ret));
    rows.push(
      `| ${n.toLocaleString('en')} | ${checks.ms.toFixed(1)} | ${Math.round((n / checks.ms) * 1000).toLocaleString('en')} | ${heap.toFixed(1)} | ${loop.ms.toFixed(2)} | ${(checks.ms / loop.ms).toFixed(1)} × | ${checks.result.findings.length.toLocaleString('en')} |`,
    );
    if (n === SIZES[SIZES.length - 1]) {
      const ctx = { index, ret, ministry: null, tolerance: 0n };
      // Reading the lines once (activity lookups, dense years) on a fresh context each time, then
      // each check on a shared context that has them already, as in a full run.
      perCheck = [{ id: 'reading lines', ms: time(5, () => lineData({ ...ctx })).ms }];
      lineData(ctx);
      for (const c of RETURN_CHECKS) perCheck.push({ id: c.id, ms: time(5, () => c.run(ctx)).ms });
    }
  }
  const last = (SIZES[SIZES.length - 1] as number).toLocaleString('en');
  return [
    ...rows,
    '',
    `Per check at ${last} lines (ms): ${perCheck.map((c) => `${c.id} ${c.ms.toFixed(1)}`).join(' · ')}`,
    '',
    'Median of 7 to 51 runs after as many warm-up runs. "heap Δ": heap growth over one run, garbage',
    'collected before, not after. The baseline loop reads and sums every Money amount of every line',
    'once. "reading lines" is the per-run read of activities and years that the checks share.',
  ].join('\n');
}
