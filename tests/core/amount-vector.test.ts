// The amount-vector module counts in doubles while they are exact and in bigint beyond: every
// result is held to a plain bigint computation, with amounts from a few FCFA to far past 2^53
// FCFA and sums that cross 2^53 on the way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AmountSums,
  type Amounts,
  AmountTable,
  amountAt,
  carriesAmount,
  exactDiffers,
  exactMillions,
  exactMoney,
  exactOf,
  type Money,
  moneyFromDecimal,
  moneyToNumber,
} from '#core';

const YEARS = [2021, 2022, 2023];
const WIDTH = YEARS.length + 3;
const EDGE = 2n ** 53n;

/** Around 0, around 2^53 / 3 (three of them cross 2^53), at 2^53 ± 2, and far beyond. */
const amount: fc.Arbitrary<Money> = fc.oneof(
  fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
  fc.bigInt({ min: -3n, max: 3n }).map((d) => EDGE / 3n + d),
  fc.bigInt({ min: -3n, max: 3n }).map((d) => -(EDGE / 3n) + d),
  fc.bigInt({ min: -2n, max: 2n }).map((d) => EDGE + d),
  fc.bigInt({ min: -2n, max: 2n }).map((d) => d - EDGE),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);
const cell = fc.option(amount, { nil: null });
const row: fc.Arbitrary<Amounts> = fc.array(cell, { minLength: WIDTH, maxLength: WIDTH }).map((v) => ({
  years: Object.fromEntries(YEARS.map((y, k) => [y, v[k] ?? null])),
  total: v[YEARS.length] ?? null,
  national: v[YEARS.length + 1] ?? null,
  external: v[YEARS.length + 2] ?? null,
}));

const big = (a: Amounts, k: number): Money => amountAt(a, YEARS, k) ?? 0n;

function tableOf(rows: Amounts[]): AmountTable {
  const t = new AmountTable(YEARS, rows.length);
  rows.forEach((r, i) => {
    t.read(i, r);
  });
  return t;
}

describe('AmountTable', () => {
  it('gives back every cell exactly, and every sum of a row', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat(), (rows, a, b) => {
        const t = tableOf(rows);
        const from = a % (WIDTH + 1);
        const to = from + (b % (WIDTH + 1 - from));
        rows.forEach((r, i) => {
          for (let k = 0; k < WIDTH; k++) {
            const v = amountAt(r, YEARS, k);
            expect(t.money(i, k)).toBe(v);
            const at = t.at(i, k);
            expect(at === null ? null : exactMoney(at)).toBe(v);
          }
          let sum = 0n;
          for (let k = from; k < to; k++) sum += big(r, k);
          expect(exactMoney(t.sum(i, from, to))).toBe(sum);
        });
      }),
    );
  });

  it('reads a row again without keeping anything of the one before', () => {
    const t = new AmountTable(YEARS, 1);
    t.read(0, { years: { 2021: EDGE + 1n }, total: 5n, national: null, external: null });
    t.read(0, { years: { 2022: 1n }, total: null, national: 2n, external: null });
    expect([0, 1, 2, 3, 4, 5].map((k) => t.at(0, k))).toEqual([null, 1, null, null, 2, null]);
    expect(t.sum(0, 0, WIDTH)).toBe(3);
  });

  it('says a line carries an amount when one counted cell is not 0, whatever its size', () => {
    fc.assert(
      fc.property(row, fc.option(amount, { nil: undefined }), (r, outside) => {
        // A year the plan does not have is not counted, and so carries nothing.
        if (outside !== undefined) r.years[2030] = outside;
        const counted = [0, 1, 2, 3, 4, 5].some((k) => big(r, k) !== 0n);
        expect(carriesAmount(tableOf([r]), 0)).toBe(counted);
      }),
    );
  });
});

describe('AmountSums', () => {
  type Op =
    | { op: 'row'; g: number; i: number }
    | { op: 'cell'; g: number; k: number; i: number }
    | { op: 'value'; g: number; k: number; v: Money }
    | { op: 'sums'; g: number; h: number };
  const GROUPS = 3;
  const group = fc.nat({ max: GROUPS - 1 });
  const slot = fc.nat({ max: WIDTH - 1 });
  const ops = (rows: number): fc.Arbitrary<Op[]> =>
    fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('row' as const), g: group, i: fc.nat({ max: rows - 1 }) }),
        fc.record({ op: fc.constant('cell' as const), g: group, k: slot, i: fc.nat({ max: rows - 1 }) }),
        fc.record({ op: fc.constant('value' as const), g: group, k: slot, v: amount }),
        fc.record({ op: fc.constant('sums' as const), g: group, h: group }),
      ),
      { maxLength: 25 },
    );

  it('adds rows, cells, amounts and other sums exactly, as bigints would', () => {
    fc.assert(
      fc.property(
        fc
          .array(row, { minLength: 1, maxLength: 5 })
          .chain((rows) => fc.tuple(fc.constant(rows), ops(rows.length))),
        ([rows, steps]) => {
          const t = tableOf(rows);
          const sums = new AmountSums(GROUPS, WIDTH);
          const model = Array.from({ length: GROUPS }, () => new Array<Money>(WIDTH).fill(0n));
          for (const s of steps) {
            const into = model[s.g] as Money[];
            if (s.op === 'row') {
              sums.addRow(s.g, t, s.i);
              for (let k = 0; k < WIDTH; k++) into[k] = (into[k] as Money) + big(rows[s.i] as Amounts, k);
            } else if (s.op === 'cell') {
              sums.addCell(s.g, s.k, t, s.i);
              into[s.k] = (into[s.k] as Money) + big(rows[s.i] as Amounts, s.k);
            } else if (s.op === 'value') {
              sums.addValue(s.g, s.k, exactOf(s.v));
              into[s.k] = (into[s.k] as Money) + s.v;
            } else if (s.g !== s.h) {
              // Group h of a copy, so that adding a group to itself is not asked of it.
              const other = new AmountSums(GROUPS, WIDTH);
              other.addSums(s.h, sums, s.h);
              sums.addSums(s.g, other, s.h);
              const from = [...(model[s.h] as Money[])];
              for (let k = 0; k < WIDTH; k++) into[k] = (into[k] as Money) + (from[k] as Money);
            }
          }
          for (let g = 0; g < GROUPS; g++) {
            const expected = model[g] as Money[];
            for (let k = 0; k < WIDTH; k++) expect(sums.money(g, k)).toBe(expected[k]);
            const totals = sums.totals(g, YEARS);
            expect([
              ...YEARS.map((y) => totals.years[y]),
              totals.total,
              totals.national,
              totals.external,
            ]).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a sum that crosses 2^53 exact, where doubles alone would round it', () => {
    const t = tableOf([
      { years: { 2021: EDGE - 1n }, total: null, national: null, external: null },
      { years: { 2021: 2n }, total: null, national: null, external: null },
    ]);
    // 2^53 + 1 has no double: a sum in doubles alone lands next to it.
    expect(BigInt(Number(EDGE - 1n) + 2)).not.toBe(EDGE + 1n);
    const sums = new AmountSums(1, WIDTH);
    sums.addRow(0, t, 0);
    sums.addRow(0, t, 1);
    expect(sums.money(0, 0)).toBe(EDGE + 1n);
  });

  it('adds 0.1 and 0.2 millions to exactly 0.3, and keeps a 1 FCFA gap on a large sum', () => {
    const m = (d: string) => moneyFromDecimal(d) as Money;
    const t = tableOf([
      { years: { 2021: m('0.1') }, total: m('4000000000'), national: null, external: null },
      { years: { 2021: m('0.2') }, total: m('4000000000.000001'), national: null, external: null },
    ]);
    const sums = new AmountSums(1, WIDTH);
    sums.addRow(0, t, 0);
    sums.addRow(0, t, 1);
    expect(sums.money(0, 0)).toBe(m('0.3'));
    expect(exactMillions(sums.at(0, 0))).toBe(0.3);
    expect(sums.money(0, 3)).toBe(m('8000000000.000001'));
    expect(exactDiffers(sums.at(0, 3), m('8000000000'), 0n)).toBe(true);
    expect(exactDiffers(sums.at(0, 3), m('8000000000'), 1n)).toBe(false);
  });
});

describe('exact comparisons and conversions', () => {
  const exact = amount.map((v) => fc.constantFrom<Money | number>(v, exactOf(v))).chain((a) => a);

  it('compare as bigints do, under any tolerance, the gap itself included', () => {
    fc.assert(
      fc.property(
        fc.option(exact, { nil: null }),
        fc.option(exact, { nil: null }),
        fc.oneof(
          fc.constantFrom(0n, 1n, -1n, EDGE - 1n, EDGE, EDGE + 1n, 2n * EDGE - 3n, 2n * EDGE),
          amount,
          // Right at the gap, where a rounded difference would tip the answer.
          fc.integer({ min: -1, max: 1 }).map((d) => ({ aroundGap: BigInt(d) })),
        ),
        (a, b, t) => {
          const gap = (a === null ? 0n : exactMoney(a)) - (b === null ? 0n : exactMoney(b));
          const size = gap < 0n ? -gap : gap;
          const tolerance = typeof t === 'bigint' ? t : size + t.aroundGap;
          expect(exactDiffers(a, b, tolerance)).toBe(gap > tolerance || -gap > tolerance);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('give millions as moneyToNumber does', () => {
    fc.assert(
      fc.property(amount, (v) => {
        expect(exactMillions(exactOf(v))).toBe(moneyToNumber(v));
        expect(exactMillions(v)).toBe(moneyToNumber(v));
      }),
    );
    expect(exactMillions(null)).toBeNull();
  });
});
