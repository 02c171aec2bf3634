import { describe, expect, it } from 'vitest';
import {
  type Activity,
  type Compared,
  consolidate,
  consolidationJson,
  flattenFindings,
  type LatestReturn,
  type Money,
  moneyFromNumber,
  moneyToDecimal,
  runReturnChecks,
  sumMoney,
} from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { costed, line, m, returnOf } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';
import { blankLine, latest, miniReturns, pmLine, WARNING } from './returns.ts';

/** A row's amounts as decimals in millions, years first: compact to compare by hand. */
function shown(c: Compared): string[] {
  const a = c.amounts;
  return [...Object.values(a.years), a.total, a.national, a.external].map(moneyToDecimal);
}

describe('consolidate — the II.2.1 table recomputed from the latest returns', () => {
  const c = consolidate(miniIndex, miniReturns());

  it('has one row per (pillar, lead ministry) of the plan or the envelope, in pillar order', () => {
    expect(c.rows.map((r) => `${r.pillar}/${r.ministry}`)).toEqual([
      '1/MARCC',
      '1/MDAC',
      '2/MDAC',
      '2/MRN',
      '2/MARCC', // joint activity 2.1.1.2, led by MARCC; the envelope has no such row
    ]);
  });

  it('adds each column by hand', () => {
    expect(c.rows.map(shown)).toEqual([
      // 1.1.1.1: 100 + 100 + 100.5; the PM line adds nothing.
      ['100', '100', '100.5', '0', '0', '300.5', '100', '200.5'],
      // 1 FCFA under the plan's 200 is kept.
      ['0', '199.999999', '0', '0', '0', '199.999999', '199.999999', '0'],
      ['0', '0', '0', '0', '0', '0', '0', '0'],
      // 0.1 + 0.2 is 0.3, exactly.
      ['0', '0', '0.1', '0.2', '0', '0.3', '0.3', '0'],
      // MARCC left the joint line blank: MRN's line counts, once, under MARCC.
      ['0', '0', '0', '60', '40', '100', '100', '0'],
    ]);
    expect(shown(c.total)).toEqual([
      '100',
      '299.999999',
      '100.6',
      '60.2',
      '40',
      '600.799999',
      '400.299999',
      '200.5',
    ]);
  });

  it('counts PM as PM, not as an amount of zero nor as missing', () => {
    expect(c.rows[0]?.counts).toEqual({ activities: 2, costed: 1, pm: 1, notFilled: 0, noLine: 0 });
    const pm = c.activities.find((d) => d.activity.code === '1.1.1.3');
    expect(pm?.status).toBe('pm');
    expect(pm?.counted?.line.total).toBeNull();
    expect(c.total.counts).toEqual({ activities: 6, costed: 4, pm: 1, notFilled: 0, noLine: 1 });
  });

  it('sets the adopted envelope and the gap beside each row, with its percent', () => {
    const [marcc, mdac, mdac2, mrn, joint] = c.rows;
    expect(marcc?.envelope?.total).toBe(m(300));
    // +0.5 on 300 is +0.17 %, shown with one decimal.
    expect(marcc?.gap?.total).toEqual({ amount: m('0.5'), percent: '0.2' });
    expect(marcc?.gap?.years[2023]).toEqual({ amount: m('-9.5'), percent: '-8.6' });
    // A blank envelope cell has no gap.
    expect(marcc?.gap?.years[2024]).toBeNull();
    expect(mdac?.gap?.total).toEqual({ amount: -1n, percent: '0.0' });
    expect(mdac2?.gap?.total).toEqual({ amount: m(-500), percent: '-100.0' });
    expect(mrn?.gap?.national).toEqual({ amount: m('-49.7'), percent: '-99.4' });
    expect(joint?.envelope).toBeNull();
    expect(joint?.gap).toBeNull();
    // The TOTAL row is compared with the adopted TOTAL row as printed.
    expect(c.total.envelope?.total).toBe(m(1250));
    expect(c.total.gap?.total).toEqual({ amount: m('-649.200001'), percent: '-51.9' });
  });

  it('gives totals by pillar and by year, and the national / external split', () => {
    expect(
      c.byPillar.map((p) => [
        p.pillarName,
        moneyToDecimal(p.amounts.total),
        moneyToDecimal(p.envelope?.total ?? 0n),
      ]),
    ).toEqual([
      ['Prévention', '500.499999', '500'],
      ['Protection', '100.3', '750'],
    ]);
    expect(c.byYear.map((y) => [y.year, moneyToDecimal(y.amount), y.gap?.percent ?? null])).toEqual([
      [2021, '100', '-50.0'],
      [2022, '299.999999', '0.0'],
      [2023, '100.6', '-72.1'],
      [2024, '60.2', '-69.9'],
      [2025, '40', '-80.0'],
    ]);
    expect(moneyToDecimal(c.funding.national.amount)).toBe('400.299999');
    expect(c.funding.national.share).toBe('66.6');
    expect(c.funding.external.share).toBe('33.4');
    expect(c.funding.external.gap).toEqual({ amount: m('-649.5'), percent: '-76.4' });
  });

  it('says which activities still have no costed line, overall and per ministry', () => {
    expect(c.completeness.missing).toEqual(['2.1.1.1']);
    expect(
      c.completeness.byMinistry.map((b) => [b.ministry, b.version, b.state, b.activities, b.missing]),
    ).toEqual([
      ['MARCC', 3, 'accepted', 3, []],
      ['MDAC', 2, 'returned', 2, ['2.1.1.1']],
      ['MRN', 1, 'submitted', 2, []],
    ]);
  });

  it('keeps every line of every ministry, and every finding with its ministry and version', () => {
    expect(
      c.ministries.map((r) => [r.ministry, r.version, r.lines.length, moneyToDecimal(r.totals.total)]),
    ).toEqual([
      ['MARCC', 3, 3, '300.5'],
      ['MDAC', 2, 1, '199.999999'],
      ['MRN', 1, 2, '100.3'],
    ]);
    expect(c.findings).toEqual([{ ministry: 'MARCC', version: 3, finding: WARNING }]);
    expect(c.ministries[0]?.warnings).toBe(1);
  });
});

describe('consolidate — joint activities count once', () => {
  const joint = (activity: string) => (c: ReturnType<typeof consolidate>) =>
    c.activities.find((d) => d.activity.code === activity);

  it("uses the lead's line when it is filled and shows the other ministry's beside it", () => {
    const c = consolidate(miniIndex, [
      latest('MARCC', 1, [costed(6, '2.1.1.2', { 2024: 100 })]),
      latest('MRN', 4, [costed(6, '2.1.1.2', { 2024: 70 })]),
    ]);
    const d = joint('2.1.1.2')(c);
    expect([d?.counted?.ministry, d?.others.map((o) => [o.ministry, o.version])]).toEqual([
      'MARCC',
      [['MRN', 4]],
    ]);
    expect(
      moneyToDecimal(c.rows.find((r) => r.ministry === 'MARCC' && r.pillar === '2')?.amounts.total ?? 0n),
    ).toBe('100');
    expect(moneyToDecimal(c.rows.find((r) => r.ministry === 'MRN')?.amounts.total ?? 0n)).toBe('0');
    const mrnLine = c.ministries.find((r) => r.ministry === 'MRN')?.lines[0];
    expect([mrnLine?.counted, mrnLine?.reason, mrnLine?.countedFrom]).toEqual([
      false,
      'other_line_counted',
      { ministry: 'MARCC', version: 1 },
    ]);
  });

  it("prefers the lead's PM to the partner's amounts: the lead says what the activity is", () => {
    const c = consolidate(miniIndex, [
      latest('MARCC', 1, [pmLine(6, '2.1.1.2')]),
      latest('MRN', 1, [costed(6, '2.1.1.2', { 2024: 70 })]),
    ]);
    expect([joint('2.1.1.2')(c)?.status, joint('2.1.1.2')(c)?.counted?.ministry]).toEqual(['pm', 'MARCC']);
  });

  it("uses the partner's line when only the partner sent one", () => {
    const c = consolidate(miniIndex, [latest('MRN', 1, [costed(6, '2.1.1.2', { 2025: 90 })])]);
    expect([joint('2.1.1.2')(c)?.counted?.ministry, joint('2.1.1.2')(c)?.others]).toEqual(['MRN', []]);
    expect(moneyToDecimal(c.total.amounts.total)).toBe('90');
  });

  it("keeps the lead's blank line when neither is filled, and the activity is missing", () => {
    const c = consolidate(miniIndex, [
      latest('MARCC', 1, [blankLine(6, '2.1.1.2')]),
      latest('MRN', 1, [blankLine(6, '2.1.1.2')]),
    ]);
    expect([joint('2.1.1.2')(c)?.status, joint('2.1.1.2')(c)?.counted?.ministry]).toEqual([
      'not_filled',
      'MARCC',
    ]);
    expect(c.completeness.missing).toContain('2.1.1.2');
  });
});

describe('consolidate — what counts as an amount', () => {
  it('counts as costed only a line with an amount in a column it adds up (the checks say the same)', () => {
    // An amount in a year the plan does not have is in no column: the line adds nothing to any
    // sum, so it is not filled (it was "costed" while the consolidation looked at every year).
    const outside = line(6, { activity: '2.1.1.3' });
    outside.years[2030] = m(5);
    const zeros = line(7, { activity: '1.1.1.1', nature: 'costed', years: { 2021: 0 }, total: 0 });
    const c = consolidate(miniIndex, [latest('MRN', 1, [outside]), latest('MARCC', 1, [zeros])]);
    const status = (code: string) => c.activities.find((d) => d.activity.code === code)?.status;
    expect([status('2.1.1.3'), status('1.1.1.1')]).toEqual(['not_filled', 'not_filled']);
    expect(moneyToDecimal(c.total.amounts.total)).toBe('0');
    const ret = returnOf([outside], { ministry: 'MRN' });
    const report = runReturnChecks(miniIndex, ret);
    expect(flattenFindings(report.findings)).toContainEqual(['Saisie!F6', 'line_not_filled']);
  });

  it('counts a funding source alone, and a negative amount, as an amount', () => {
    const funded = line(6, { activity: '2.1.1.3', national: 3 });
    const negative = line(7, { activity: '1.1.1.1', years: { 2022: -1 } });
    const c = consolidate(miniIndex, [latest('MRN', 1, [funded]), latest('MARCC', 1, [negative])]);
    const status = (code: string) => c.activities.find((d) => d.activity.code === code)?.status;
    expect([status('2.1.1.3'), status('1.1.1.1')]).toEqual(['costed', 'costed']);
  });
});

describe('consolidate — lines that do not count', () => {
  it('says why: unknown activity, another ministry’s activity, a repeated activity', () => {
    const c = consolidate(miniIndex, [
      latest('MRN', 1, [
        costed(6, '9.9.9.9', { 2021: 5 }),
        costed(7, '1.1.1.1', { 2021: 7 }),
        costed(8, '2.1.1.3', { 2021: 1 }),
        costed(9, '2.1.1.3', { 2021: 2 }),
      ]),
    ]);
    expect(c.ministries[0]?.lines.map((l) => [l.line.activity, l.counted, l.reason])).toEqual([
      ['9.9.9.9', false, 'unknown_activity'],
      ['1.1.1.1', false, 'not_responsible'],
      ['2.1.1.3', true, null],
      ['2.1.1.3', false, 'duplicate'],
    ]);
    expect(moneyToDecimal(c.total.amounts.total)).toBe('1');
    // The ministry's own totals add every line it sent.
    expect(moneyToDecimal(c.ministries[0]?.totals.total ?? 0n)).toBe('15');
  });

  it('takes the highest version when given several of one ministry, whatever the order', () => {
    const v1 = latest('MRN', 1, [costed(6, '2.1.1.3', { 2023: 1 })]);
    const v2 = latest('MRN', 2, [costed(6, '2.1.1.3', { 2023: 2 })]);
    for (const order of [
      [v1, v2],
      [v2, v1],
    ])
      expect(moneyToDecimal(consolidate(miniIndex, order).total.amounts.total)).toBe('2');
  });

  it('with no return at all, lists every activity as missing and every gap as the whole envelope', () => {
    const c = consolidate(miniIndex, []);
    expect(c.completeness.missing).toHaveLength(6);
    expect(c.total.gap?.total).toEqual({ amount: m(-1250), percent: '-100.0' });
    expect(c.ministries).toEqual([]);
  });
});

describe('consolidate — the shipped PNLEVT plan', () => {
  const index = shippedPlan();
  const plan = index.plan;
  const costOf = (a: Activity): Money => (a.cost === null ? 0n : (moneyFromNumber(a.cost) ?? 0n));

  /** Every lead ministry returns its activities at the plan's cost, in their first year. */
  function planCostReturns(): LatestReturn[] {
    const byMinistry = new Map<string, Activity[]>();
    for (const a of plan.activities)
      byMinistry.set(a.responsible, [...(byMinistry.get(a.responsible) ?? []), a]);
    return [...byMinistry].map(([ministry, activities]) =>
      latest(
        ministry,
        1,
        activities.map((a, i) =>
          a.costNote === 'PM'
            ? pmLine(6 + i, a.code)
            : a.cost === null
              ? blankLine(6 + i, a.code)
              : costed(6 + i, a.code, { [a.years[0] ?? 2021]: moneyToDecimal(costOf(a)) }),
        ),
      ),
    );
  }
  const c = consolidate(index, planCostReturns());

  it('recomputes each (pillar, ministry) total as the sum of its activities, by hand', () => {
    for (const row of c.rows) {
      const own = plan.activities.filter((a) => a.pillar === row.pillar && a.responsible === row.ministry);
      expect([row.pillar, row.ministry, row.amounts.total]).toEqual([
        row.pillar,
        row.ministry,
        sumMoney(own.map(costOf)),
      ]);
      expect(row.counts.pm).toBe(own.filter((a) => a.costNote === 'PM').length);
    }
    expect(c.total.amounts.total).toBe(sumMoney(plan.activities.map(costOf)));
  });

  it('compares each row with its envelope row', () => {
    for (const row of c.rows) {
      const env = plan.envelope.rows.find((e) => e.pillar === row.pillar && e.ministry === row.ministry);
      if (!env?.total) {
        expect(row.gap?.total ?? null).toBeNull();
        continue;
      }
      expect(row.gap?.total?.amount).toBe(row.amounts.total - (moneyFromNumber(env.total) ?? 0n));
    }
    expect(c.total.envelope?.total).toBe(m(51750));
  });

  it('lists as missing exactly the activities without a cost or PM in the plan', () => {
    const uncosted = plan.activities.filter((a) => a.cost === null && a.costNote !== 'PM').map((a) => a.code);
    expect([...c.completeness.missing].sort()).toEqual([...uncosted].sort());
    expect(c.completeness.costed + c.completeness.pm + c.completeness.notFilled).toBe(plan.activities.length);
  });

  it('is the same whatever order the returns come in', () => {
    const again = consolidate(index, planCostReturns().reverse());
    expect(JSON.stringify(consolidationJson(again))).toBe(JSON.stringify(consolidationJson(c)));
  });
});

describe('consolidationJson', () => {
  it('carries amounts as numbers in millions, every FCFA kept', () => {
    const json = consolidationJson(consolidate(miniIndex, miniReturns()));
    const text = JSON.stringify(json);
    const back = JSON.parse(text) as typeof json;
    expect(back.rows[1]?.amounts.total).toBe(199.999999);
    expect(back.total.gap?.total).toEqual({ amount: -649.200001, percent: '-51.9' });
    expect(back.activities.find((d) => d.activity.code === '1.1.1.3')?.status).toBe('pm');
    expect(back.ministries[0]?.lines[2]).toMatchObject({
      activity: '2.1.1.2',
      counted: false,
      reason: 'other_line_counted',
    });
  });
});
