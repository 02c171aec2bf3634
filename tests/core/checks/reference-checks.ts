/**
 * A plain reference for the return checks that read lines, written for the tests from each
 * check's rule: every amount read straight from the Line as an exact bigint, every group found by
 * scanning all the lines again, nothing cached, nothing dense. It is slow on purpose and simple
 * enough to trust; ./same-findings.test.ts holds the real checks to it, finding for finding.
 * (summary-tables reads no lines and is the product's own.)
 */
import {
  type Amounts,
  type Finding,
  finding,
  formatWhere,
  type Line,
  type LineField,
  type Money,
  moneyFromNumber,
  moneyToDecimal,
  moneyToNumber,
  type PlanIndex,
  percentOf,
  type ReturnContext,
  SHEET_NAMES,
  type Subtotal,
  summaryTablesCheck,
  summaryWhere,
  type Where,
} from '#core';

export type Field = `year:${number}` | 'total' | 'national' | 'external';

export const fieldsOf = (years: readonly number[]): Field[] => [
  ...years.map((y): Field => `year:${y}`),
  'total',
  'national',
  'external',
];

function get(a: Amounts, field: Field): Money | null {
  if (field === 'total' || field === 'national' || field === 'external') return a[field];
  return a.years[Number(field.slice(5))] ?? null;
}

const num = (v: Money | null) => (v === null ? null : moneyToNumber(v));
const sum = (values: (Money | null)[]) => values.reduce<Money>((s, v) => s + (v ?? 0n), 0n);
const unread = (l: Line, f: LineField) => l.unreadable.includes(f);
/** A line's field, named as the checks name it: its cell, or its position, and always its activity and field. */
const where = (l: Line, f: LineField): Where => {
  const cell = l.cells[f];
  const w: Where = cell === undefined ? { sheet: l.sheet, item: l.index } : { sheet: l.sheet, cell };
  if (l.activity !== null) w.activity = l.activity;
  w.field = f;
  return w;
};
const act = (l: Line) => l.activity ?? '';
const differs = (a: Money | null, b: Money | null, tol: Money) => {
  const gap = (a ?? 0n) - (b ?? 0n);
  return gap > tol || -gap > tol;
};
const yearValues = (l: Line, years: readonly number[]) => years.map((y) => l.years[y] ?? null);
/** Any counted amount (plan years, total, national, external) other than 0. */
const carries = (l: Line, years: readonly number[]) => fieldsOf(years).some((f) => (get(l, f) ?? 0n) !== 0n);
const ministryKey = (index: PlanIndex, written: string) => {
  const r = index.resolveMinistry(written);
  return r?.length === 1 ? (r[0] as string) : written;
};
const owners = (index: PlanIndex, m: string) => new Set(index.resolveMinistry(m) ?? [m]);

function amounts({ index, ret }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  for (const l of ret.lines)
    for (const f of fieldsOf(index.years)) {
      const v = get(l, f);
      if (v !== null && v < 0n && !unread(l, f))
        out.push(
          finding(
            'negative_amount',
            'error',
            where(l, f),
            { activity: act(l), field: f },
            { actual: num(v) },
          ),
        );
    }
  return out;
}

function lineTotal({ index, ret, tolerance }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  for (const l of ret.lines) {
    if ([...fieldsOf(index.years).slice(0, -3), 'total' as const].some((f) => unread(l, f))) continue;
    const ys = yearValues(l, index.years);
    const s = sum(ys);
    const broken = l.total === null ? ys.some((v) => v !== null) : differs(s, l.total, tolerance);
    if (broken)
      out.push(
        finding(
          'line_total_mismatch',
          'error',
          where(l, 'total'),
          { activity: act(l), tolerance: moneyToDecimal(tolerance) },
          { expected: num(s), actual: num(l.total) },
        ),
      );
  }
  return out;
}

function fundingSplit({ ret, tolerance }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  for (const l of ret.lines) {
    if (l.national === null && l.external === null) continue;
    if (unread(l, 'national') || unread(l, 'external') || unread(l, 'total')) continue;
    const s = sum([l.national, l.external]);
    if (l.total !== null && !differs(s, l.total, tolerance)) continue;
    out.push(
      finding(
        'funding_split_mismatch',
        'error',
        { sheet: l.sheet, cell: l.cells.national ?? l.cells.total },
        { activity: act(l), tolerance: moneyToDecimal(tolerance) },
        { expected: num(s), actual: num(l.total) },
      ),
    );
  }
  return out;
}

function nature({ index, ret }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  for (const l of ret.lines) {
    if (unread(l, 'nature')) continue;
    const params = { activity: act(l) };
    if (carries(l, index.years)) {
      const amount = l.total ? l.total : sum(yearValues(l, index.years));
      if (l.nature === 'pm')
        out.push(finding('pm_with_amounts', 'error', where(l, 'nature'), params, { actual: num(amount) }));
      continue;
    }
    if (fieldsOf(index.years).some((f) => unread(l, f))) continue;
    if (l.nature === 'costed')
      out.push(finding('costed_without_amounts', 'error', where(l, 'nature'), params));
    if (l.nature === null) out.push(finding('line_not_filled', 'warning', where(l, 'nature'), params));
  }
  return out;
}

function execution({ index, ret }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  for (const l of ret.lines) {
    if (l.execution.length === 0) continue;
    const wants = l.nature !== 'pm' && yearValues(l, index.years).some((v) => v !== null && v !== 0n);
    for (const year of index.years) {
      const yf: LineField = `year:${year}`;
      const mf: LineField = `mark:${year}`;
      if (unread(l, yf) || unread(l, mf)) continue;
      const v = l.years[year] ?? null;
      const marked = l.execution.includes(year);
      const params = { activity: act(l), year };
      if (v !== null && v > 0n && !marked)
        out.push(finding('amount_outside_execution', 'warning', where(l, yf), params, { actual: num(v) }));
      else if (marked && wants && (v === null || v === 0n))
        out.push(finding('execution_without_amount', 'warning', where(l, mf), params, { actual: num(v) }));
    }
  }
  return out;
}

function planMembership({ index, ret, ministry }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  const mine = ministry === null ? null : owners(index, ministry);
  const firstWith = new Map<string, Line>();
  for (const l of ret.lines)
    if (l.activity !== null && !firstWith.has(l.activity)) firstWith.set(l.activity, l);
  ret.lines.forEach((l) => {
    const code = l.activity;
    if (code === null) {
      if (carries(l, index.years))
        out.push(finding('missing_activity_code', 'error', where(l, 'activity'), {}));
      return;
    }
    const earlier = firstWith.get(code) as Line;
    if (earlier !== l) {
      const firstCell = formatWhere(where(earlier, 'activity'));
      out.push(finding('duplicate_line', 'error', where(l, 'activity'), { activity: code, firstCell }));
      return;
    }
    const a = index.activity(code);
    if (!a) {
      out.push(
        finding('unknown_activity', 'error', where(l, 'activity'), { activity: code }, { actual: code }),
      );
      return;
    }
    if (mine && ministry !== null && !index.ministriesOf(a).some((m) => mine.has(m)))
      out.push(
        finding(
          'activity_not_owned',
          'error',
          where(l, 'activity'),
          { activity: code, responsible: a.responsibleAsWritten, ministry },
          { expected: a.responsibleAsWritten, actual: ministry },
        ),
      );
  });
  if (mine && ministry !== null) {
    const listed = new Set<string>();
    for (const m of mine)
      for (const a of index.activitiesOf(m)) {
        if (listed.has(a.code) || ret.lines.some((l) => l.activity === a.code)) continue;
        listed.add(a.code);
        out.push(
          finding(
            'activity_missing',
            'warning',
            { sheet: ret.lines[0]?.sheet ?? SHEET_NAMES.entry.fr },
            { activity: a.code, ministry },
            { expected: a.code, actual: null },
          ),
        );
      }
  }
  return out;
}

/** The field's sum over some lines; null when one of them could not read it. */
export function fieldSum(lines: Line[], f: Field): Money | null {
  if (lines.some((l) => unread(l, f))) return null;
  return sum(lines.map((l) => get(l, f)));
}

/** The lines a subtotal row adds up: every line for the grand total, else the plan's lines under its key. */
export function subtotalMembers(
  index: PlanIndex,
  lines: Line[],
  level: Subtotal['level'],
  key: string,
): Line[] {
  return lines.filter((l) => {
    const a = l.activity === null ? undefined : index.activity(l.activity);
    if (level === 'grand') return true;
    if (!a) return false;
    if (level === 'ministry') return a.responsible === ministryKey(index, key);
    return a[level] === key;
  });
}

/** The lines a summary row adds up: the plan's lines of its pillar and lead ministry (blank: any). */
export function summaryMembers(
  index: PlanIndex,
  lines: Line[],
  pillar: string | null,
  ministry: string | null,
): Line[] {
  const ms = ministry === null ? null : owners(index, ministry);
  return lines.filter((l) => {
    const a = l.activity === null ? undefined : index.activity(l.activity);
    return !!a && (pillar === null || a.pillar === pillar) && (!ms || ms.has(a.responsible));
  });
}

function rollups({ index, ret, tolerance }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  // The lines under each level and key, found once (a subtotal row per result makes many rows).
  const under = new Map<string, Line[]>();
  for (const l of ret.lines) {
    const a = l.activity === null ? undefined : index.activity(l.activity);
    const keys = a
      ? [`result|${a.result}`, `objective|${a.objective}`, `pillar|${a.pillar}`, `ministry|${a.responsible}`]
      : [];
    for (const k of [...keys, 'grand|']) {
      const list = under.get(k) ?? [];
      list.push(l);
      under.set(k, list);
    }
  }
  for (const s of ret.subtotals) {
    const key = s.level === 'ministry' ? ministryKey(index, s.key) : s.key;
    const members = under.get(`${s.level}|${s.level === 'grand' ? '' : key}`) ?? [];
    for (const f of fieldsOf(index.years)) {
      const total = fieldSum(members, f);
      const stated = get(s.amounts, f);
      if (total === null || !differs(total, stated, tolerance)) continue;
      out.push(
        finding(
          'subtotal_mismatch',
          'error',
          { sheet: s.sheet, cell: s.cells[f] },
          { level: s.level, key: s.key, field: f, tolerance: moneyToDecimal(tolerance) },
          { expected: num(total), actual: num(stated) },
        ),
      );
    }
  }
  return out;
}

function summaryDetail({ index, ret, tolerance }: ReturnContext): Finding[] {
  const out: Finding[] = [];
  const planFields = new Set<string>(fieldsOf(index.years));
  for (const table of ret.summaries)
    for (const row of table.rows) {
      if (row.pillar === null && row.ministry === null) continue;
      const members = summaryMembers(index, ret.lines, row.pillar, row.ministry);
      const pmCount = members.filter((l) => l.nature === 'pm').length;
      const blankCount = members.filter((l) => l.nature !== 'pm' && !carries(l, index.years)).length;
      const scope = row.pillar === null ? 'ministry' : row.ministry === null ? 'pillar' : 'pillar_ministry';
      for (const f of fieldsOf(table.years)) {
        const total = planFields.has(f) ? fieldSum(members, f) : 0n;
        const stated = get(row.amounts, f);
        if (total === null || !differs(total, stated, tolerance)) continue;
        out.push(
          finding(
            'summary_detail_mismatch',
            'error',
            summaryWhere(table, row, f),
            {
              table: table.name,
              scope,
              pillar: row.pillar ?? '',
              ministry: row.ministry ?? '',
              field: f,
              pmCount,
              blankCount,
              tolerance: moneyToDecimal(tolerance),
            },
            { expected: num(total), actual: num(stated) },
          ),
        );
      }
    }
  return out;
}

function envelope({ index, ret, ministry, tolerance }: ReturnContext): Finding[] {
  const own = ministry === null ? null : ministryKey(index, ministry);
  const envPair = new Map<string, Money>();
  const envMinistry = new Map<string, Money>();
  for (const r of index.plan.envelope.rows) {
    if (r.pillar === null || r.ministry === null || r.total === null) continue;
    const t = moneyFromNumber(r.total);
    if (t === null) continue;
    const m = ministryKey(index, r.ministry);
    envPair.set(`${r.pillar}|${m}`, (envPair.get(`${r.pillar}|${m}`) ?? 0n) + t);
    envMinistry.set(m, (envMinistry.get(m) ?? 0n) + t);
  }
  // Ministries and their pillars in the order the lines first name them.
  const counted = ret.lines.flatMap((l) => {
    const a = l.activity === null ? undefined : index.activity(l.activity);
    if (!a) return [];
    const amount = l.total ? l.total : sum(yearValues(l, index.years));
    return [{ m: own ?? a.responsible, p: a.pillar, amount }];
  });
  const ministries = [...new Set(counted.map((c) => c.m))];
  const pillarsOf = (m: string) => [...new Set(counted.filter((c) => c.m === m).map((c) => c.p))];
  const pillars = [...new Set(ministries.flatMap(pillarsOf))];
  const out: Finding[] = [];
  const gapFinding = (scope: 'pillar' | 'ministry', key: string, actual: Money, expected: Money) => {
    const gap = actual - expected;
    if (expected <= 0n || (gap < 0n ? -gap : gap) <= tolerance) return;
    const sub = ret.subtotals.find(
      (s) => s.level === scope && (scope === 'ministry' ? ministryKey(index, s.key) : s.key) === key,
    );
    out.push(
      finding(
        'envelope_gap',
        'warning',
        sub
          ? { sheet: sub.sheet, cell: sub.cells.total }
          : { sheet: ret.lines[0]?.sheet ?? SHEET_NAMES.entry.fr },
        { scope, key, gap: moneyToDecimal(gap), percent: percentOf(gap, expected) },
        { expected: num(expected), actual: num(actual) },
      ),
    );
  };
  for (const m of ministries) {
    const expected = envMinistry.get(m);
    if (expected !== undefined)
      gapFinding('ministry', m, sum(counted.filter((c) => c.m === m).map((c) => c.amount)), expected);
  }
  for (const p of pillars) {
    const known = ministries.filter((m) => envPair.has(`${p}|${m}`));
    if (known.length === 0) continue;
    const expected = sum(known.map((m) => envPair.get(`${p}|${m}`) ?? null));
    const only = ministries.length === 1 ? (ministries[0] as string) : null;
    if (only !== null && pillarsOf(only).length === 1 && envMinistry.get(only) === expected) continue;
    gapFinding('pillar', p, sum(counted.filter((c) => c.p === p).map((c) => c.amount)), expected);
  }
  return out;
}

/** The reference of each return check, by check id, in the order of RETURN_CHECKS. */
export const REFERENCE_CHECKS: Record<string, (ctx: ReturnContext) => Finding[]> = {
  amounts,
  'line-total': lineTotal,
  'funding-split': fundingSplit,
  nature,
  execution,
  'plan-membership': planMembership,
  rollups,
  'summary-tables': (ctx) => summaryTablesCheck.run(ctx),
  'summary-detail': summaryDetail,
  envelope,
};
