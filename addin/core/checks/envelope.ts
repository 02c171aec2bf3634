/**
 * A return against the adopted envelope (section II.2.1): for each ministry and pillar the return
 * covers, its total next to the envelope's, as a warning with the gap and its share of the
 * envelope. Plans move; finance staff need to see by how much.
 */
import { AmountSums, exactMillions } from '../amount-vector.ts';
import { type Finding, finding, type Where } from '../findings.ts';
import { SHEET_NAMES } from '../layout.ts';
import type { ParsedReturn } from '../model.ts';
import { absMoney, type Money, moneyFromNumber, moneyToDecimal } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import { lineAmountAt, returnCheck } from './line-data.ts';
import { type PlanTables, pairKey, planTables } from './plan-tables.ts';

/** A ministry as the envelope and the lines both name it: its code when the spelling is known. */
function ministryCode(index: PlanIndex, asWritten: string): string {
  const resolved = index.resolveMinistry(asWritten);
  return resolved?.length === 1 ? (resolved[0] as string) : asWritten;
}

/** gap / base in percent with one decimal, rounded half away from zero ("-12.5"); base > 0. */
export function percentOf(gap: Money, base: Money): string {
  const scaled = absMoney(gap) * 1000n;
  let tenths = scaled / base;
  if ((scaled % base) * 2n >= base) tenths += 1n;
  const sign = gap < 0n && tenths > 0n ? '-' : '';
  return `${sign}${tenths / 10n}.${tenths % 10n}`;
}

function add(map: Map<string, Money>, key: string, value: Money): void {
  map.set(key, (map.get(key) ?? 0n) + value);
}

/** The total cell of the return's own subtotal for this pillar or ministry, when it has one. */
function subtotalWhere(
  index: PlanIndex,
  ret: ParsedReturn,
  scope: 'pillar' | 'ministry',
  key: string,
): Where {
  for (const s of ret.subtotals) {
    if (s.level !== scope) continue;
    if ((scope === 'ministry' ? ministryCode(index, s.key) : s.key) === key)
      return { sheet: s.sheet, cell: s.cells.total };
  }
  return { sheet: ret.lines[0]?.sheet ?? SHEET_NAMES.entry.fr };
}

export const envelopeCheck = returnCheck({
  id: 'envelope',
  codes: ['envelope_gap'],
  start({ index, ret, ministry, tolerance }) {
    const plan = planTables(index);
    // A ministry's return counts for that ministry, joint activities included; a consolidated
    // return counts each line for its lead responsible ministry: a sum per (pillar, lead ministry)
    // pair of the plan, or per pillar for a ministry's own return.
    const own = ministry === null ? null : ministryCode(index, ministry);
    const groups = own === null ? plan.pairs.list.length : plan.pillars.list.length;
    const sums = new AmountSums(groups, 1);
    // Groups in the order the lines first name them: ministries, then pillars, come out in that order.
    const order: number[] = [];
    const seen = new Uint8Array(groups);
    return {
      lines(chunk) {
        for (let j = 0; j < chunk.count; j++) {
          const p = chunk.activity[j] as number;
          if (p < 0) continue;
          const g = (own === null ? plan.pair[p] : plan.pillar[p]) as number;
          if (seen[g] === 0) {
            seen[g] = 1;
            order.push(g);
          }
          sums.addValue(g, 0, lineAmountAt(chunk, j));
        }
      },
      finish: () =>
        gapFindings(index, ret, tolerance, envelopeTotals(index), totalsOf(plan, own, sums, order)),
    };
  },
});

interface EnvelopeTotals {
  byPair: Map<string, Money>;
  byMinistry: Map<string, Money>;
}

const envelopes = new WeakMap<PlanIndex, EnvelopeTotals>();

/** The adopted envelope's totals by (pillar, ministry) and by ministry; the same for every run on a plan. */
function envelopeTotals(index: PlanIndex): EnvelopeTotals {
  const cached = envelopes.get(index);
  if (cached) return cached;
  const byPair = new Map<string, Money>();
  const byMinistry = new Map<string, Money>();
  for (const row of index.plan.envelope.rows) {
    if (row.pillar === null || row.ministry === null || row.total === null) continue;
    const total = moneyFromNumber(row.total);
    if (total === null) continue;
    const m = ministryCode(index, row.ministry);
    add(byPair, pairKey(row.pillar, m), total);
    add(byMinistry, m, total);
  }
  const totals = { byPair, byMinistry };
  envelopes.set(index, totals);
  return totals;
}

/** The return's totals: ministry → pillar → sum, in the order the lines first name them. */
function totalsOf(plan: PlanTables, own: string | null, sums: AmountSums, order: readonly number[]) {
  const lines = new Map<string, Map<string, Money>>();
  for (const g of order) {
    const m = own ?? (plan.ministries.list[plan.pairMinistry[g] as number] as string);
    const pillar = plan.pillars.list[(own === null ? plan.pairPillar[g] : g) as number] as string;
    let pillars = lines.get(m);
    if (!pillars) {
      pillars = new Map();
      lines.set(m, pillars);
    }
    pillars.set(pillar, sums.money(g, 0));
  }
  return lines;
}

function gapFindings(
  index: PlanIndex,
  ret: ParsedReturn,
  tolerance: Money,
  envelope: EnvelopeTotals,
  lines: Map<string, Map<string, Money>>,
): Finding[] {
  const envelopeByPair = envelope.byPair;
  const envelopeByMinistry = envelope.byMinistry;
  const byMinistry = new Map<string, Money>();
  const byPillar = new Map<string, Money>();
  for (const [m, pillars] of lines) {
    for (const [p, sum] of pillars) {
      add(byMinistry, m, sum);
      add(byPillar, p, sum);
    }
  }

  const findings: Finding[] = [];
  const gapFinding = (scope: 'pillar' | 'ministry', key: string, actual: Money, expected: Money) => {
    const gap = actual - expected;
    if (expected <= 0n || absMoney(gap) <= tolerance) return;
    findings.push(
      finding(
        'envelope_gap',
        'warning',
        subtotalWhere(index, ret, scope, key),
        { scope, key, gap: moneyToDecimal(gap), percent: percentOf(gap, expected) },
        { expected: exactMillions(expected), actual: exactMillions(actual) },
      ),
    );
  };

  for (const [m, actual] of byMinistry) {
    const expected = envelopeByMinistry.get(m);
    if (expected !== undefined) gapFinding('ministry', m, actual, expected);
  }
  // A pillar is compared with the envelope of the ministries the return covers, so that one
  // ministry's return is not measured against the whole pillar.
  const present = [...byMinistry.keys()];
  const only = present.length === 1 ? (present[0] as string) : null;
  for (const [p, actual] of byPillar) {
    let expected: Money | undefined;
    for (const m of present) {
      const e = envelopeByPair.get(pairKey(p, m));
      if (e !== undefined) expected = (expected ?? 0n) + e;
    }
    if (expected === undefined) continue;
    // One ministry working in one pillar: the pillar's gap is the ministry's, already said.
    if (only !== null && (lines.get(only)?.size ?? 0) === 1 && envelopeByMinistry.get(only) === expected)
      continue;
    gapFinding('pillar', p, actual, expected);
  }
  return findings;
}
