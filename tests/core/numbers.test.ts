// Reading amounts, marks and natures as people type or paste them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AmountReading,
  type CellValue,
  formatMoney,
  type Money,
  moneyFromDecimal,
  moneyFromNumber,
  moneyToDecimal,
  moneyToNumber,
  normaliseText,
  readAmount,
  readMark,
  readNature,
} from '#core';

const m = (decimal: string): Money => {
  const v = moneyFromDecimal(decimal);
  if (v === null) throw new Error(`bad test amount ${decimal}`);
  return v;
};
const amount = (decimal: string): AmountReading => ({ kind: 'amount', value: m(decimal) });
const unreadable = (text: string): AmountReading => ({ kind: 'unreadable', text });
const ambiguous = (text: string, asThousands: string, asDecimal: string): AmountReading => ({
  kind: 'ambiguous',
  text,
  asThousands: m(asThousands),
  asDecimal: m(asDecimal),
});

describe('readAmount', () => {
  it.each<[CellValue, AmountReading]>([
    // empty
    [null, { kind: 'empty' }],
    [undefined, { kind: 'empty' }],
    ['', { kind: 'empty' }],
    ['  \u00a0\u202f\n\t', { kind: 'empty' }],
    // JS numbers are exact
    [1500, amount('1500')],
    [0.1, amount('0.1')],
    [-2.75, amount('-2.75')],
    [0, amount('0')],
    [-0, amount('0')],
    [1e21, amount('1000000000000000000000')],
    [Number.NaN, unreadable('NaN')],
    [Number.POSITIVE_INFINITY, unreadable('Infinity')],
    // plain and grouped with the four kinds of space
    ['1500', amount('1500')],
    ['007', amount('7')],
    ['1 500', amount('1500')],
    ['1\u00a0500', amount('1500')],
    ['1\u202f500', amount('1500')],
    ['1\u2009500', amount('1500')],
    ['1 500 000', amount('1500000')],
    ['1\u202f500\u00a0000', amount('1500000')],
    ['15 00', unreadable('15 00')],
    ['1 5000', unreadable('1 5000')],
    ['1  500', unreadable('1  500')],
    ['0 500', unreadable('0 500')],
    // decimal comma and dot
    ['1 500,5', amount('1500.5')],
    ['1\u202f500,25', amount('1500.25')],
    ['0,3', amount('0.3')],
    ['0,1', amount('0.1')],
    ['1.5', amount('1.5')],
    ['1,5', amount('1.5')],
    ['1 500.5', amount('1500.5')],
    ['1 500,000', amount('1500')],
    [',5', amount('0.5')],
    ['.5', amount('0.5')],
    ['0,500', amount('0.5')],
    ['1234,567', amount('1234.567')],
    ['12,3456', amount('12.3456')],
    ['0,0000004', amount('0')],
    ['0,0000005', amount('0.000001')],
    // both kinds: the last is the decimal separator
    ['1.500,5', amount('1500.5')],
    ['1,500.5', amount('1500.5')],
    ['1.500.000,25', amount('1500000.25')],
    ['1,500,000.5', amount('1500000.5')],
    ['1,5.5', unreadable('1,5.5')],
    ['1.500,000,5', unreadable('1.500,000,5')],
    ['1 500.000,5', unreadable('1 500.000,5')],
    // repeated dot or comma can only group
    ['1.500.000', amount('1500000')],
    ['1,500,000', amount('1500000')],
    ['1.50.000', unreadable('1.50.000')],
    ['1 500.000.000', unreadable('1 500.000.000')],
    // one separator then exactly three digits: ambiguous
    ['1.500', ambiguous('1.500', '1500', '1.5')],
    ['1,500', ambiguous('1,500', '1500', '1.5')],
    ['12,345', ambiguous('12,345', '12345', '12.345')],
    ['999.999', ambiguous('999.999', '999999', '999.999')],
    ['-1,500', ambiguous('-1,500', '-1500', '-1.5')],
    // signs, Word's minus, surrounding spaces and newlines
    ['-5', amount('-5')],
    ['+5', amount('5')],
    ['\u22121 500,5', amount('-1500.5')],
    ['\n 1 500\u00a0\n', amount('1500')],
    ['\u200b1 500\u200b', amount('1500')],
    ['-', unreadable('-')],
    ['--5', unreadable('--5')],
    ['- 5', unreadable('- 5')],
    // anything else
    ['abc', unreadable('abc')],
    ['1 500 FCFA', unreadable('1 500 FCFA')],
    ['12%', unreadable('12%')],
    ['=SUM(A1)', unreadable('=SUM(A1)')],
    ["+cmd|' /C calc'!A0", unreadable("+cmd|' /C calc'!A0")],
    ['1e5x', unreadable('1e5x')],
    ['1e3', unreadable('1e3')],
    ['5.', unreadable('5.')],
    ['1 500,', unreadable('1 500,')],
    ['.', unreadable('.')],
    ['(5)', unreadable('(5)')],
    [true, unreadable('true')],
    [false, unreadable('false')],
    // PM and marks
    ['PM', { kind: 'pm' }],
    ['pm', { kind: 'pm' }],
    ['P.M.', { kind: 'pm' }],
    ['p.m', { kind: 'pm' }],
    [' Pm\u00a0', { kind: 'pm' }],
    ['X', { kind: 'mark' }],
    [' x ', { kind: 'mark' }],
  ])('%j → %o', (value, expected) => {
    expect(readAmount(value)).toEqual(expected);
  });

  it('cuts the quoted text of a long paste', () => {
    const r = readAmount('a'.repeat(500));
    expect(r).toEqual({ kind: 'unreadable', text: `${'a'.repeat(100)}…` });
  });

  it('never throws on values outside CellValue', () => {
    const odd = [{}, [], Object.create(null), Symbol('s'), 10n, new Date(0), () => 1];
    for (const v of odd) expect(readAmount(v as unknown as CellValue).kind).toBe('unreadable');
  });
});

// Up to 15 significant digits: what a JS number holds exactly, and far beyond any plan.
const money = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
const wholeMillions = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((v) => v * 1_000_000n);

describe('readAmount properties', () => {
  const readsBack = (text: string, value: Money) => {
    const r = readAmount(text);
    // A single group separator and no decimals reads both ways: the reader must not guess.
    if (/^-?\d{1,3}[.,]\d{3}$/.test(text)) {
      expect(r).toMatchObject({ kind: 'ambiguous', asThousands: value });
    } else {
      expect(r).toEqual({ kind: 'amount', value });
    }
  };

  it('reads back French formatting, with any of the group spaces', () => {
    fc.assert(
      fc.property(
        fc.oneof(money, wholeMillions),
        fc.constantFrom('\u202f', '\u00a0', ' ', '\u2009'),
        (v, sp) => {
          readsBack(formatMoney(v, 'fr').replaceAll('\u202f', sp), v);
        },
      ),
    );
  });

  it('reads back English formatting', () => {
    fc.assert(fc.property(fc.oneof(money, wholeMillions), (v) => readsBack(formatMoney(v, 'en'), v)));
  });

  it('reads back JS numbers, and their String() form', () => {
    fc.assert(
      fc.property(money, (v) => {
        expect(readAmount(moneyToNumber(v))).toEqual({ kind: 'amount', value: v });
        const text = String(moneyToNumber(v));
        if (!/e/.test(text)) expect(readAmount(text)).toEqual({ kind: 'amount', value: v });
      }),
    );
  });

  it('converts to the double its decimal text parses to, on both sides of 2^53 FCFA', () => {
    // moneyToNumber divides directly below 2^53 and parses the text above: both must agree.
    const around = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n });
    const edge = fc.bigInt({ min: 2n ** 53n - 1000n, max: 2n ** 53n + 1000n });
    fc.assert(
      fc.property(fc.oneof(money, around, edge), fc.boolean(), (v, neg) => {
        const value = neg ? -v : v;
        expect(moneyToNumber(value)).toBe(Number(moneyToDecimal(value)));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a number as its shortest decimal text reads, through the fast path or not', () => {
    // moneyFromNumber skips the text when the number is a whole number of FCFA below 2^32
    // millions; the text (moneyFromDecimal of String(n)) is the definition, for every double.
    const decimals = fc
      .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 9 }))
      .map(([digits, scale]) => Number(`${digits}e-${scale}`));
    const nearLimit = fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 2 ** 20 }))
      .map(([side, frac]) => (2 ** 32 + side) * (side % 2 === 0 ? 1 : -1) + frac / 2 ** 20);
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), decimals, nearLimit), (n) => {
        expect(moneyFromNumber(n)).toBe(moneyFromDecimal(String(n)));
      }),
      { numRuns: 20000 },
    );
    for (const n of [
      0,
      -0,
      0.1,
      0.2,
      0.3,
      1e-6,
      5e-7,
      -5e-7,
      1.0000005,
      2 ** 32 - 1e-6,
      2 ** 32 + 0.5,
      4294967295.999999,
    ])
      expect(moneyFromNumber(n), String(n)).toBe(moneyFromDecimal(String(n)));
    expect(moneyFromNumber(Number.NaN)).toBeNull();
    expect(moneyFromNumber(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('never throws for any string or cell value', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[-+\u2212]?[0-9 \u00a0\u202f.,]{0,12}$/),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(cell, (v) => {
        const r = readAmount(v);
        expect(['empty', 'amount', 'pm', 'mark', 'unreadable', 'ambiguous']).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readMark', () => {
  it.each<[CellValue, ReturnType<typeof readMark>]>([
    ['X', { kind: 'marked' }],
    [' x\u00a0', { kind: 'marked' }],
    [true, { kind: 'marked' }],
    [null, { kind: 'empty' }],
    [undefined, { kind: 'empty' }],
    ['', { kind: 'empty' }],
    [' \u202f', { kind: 'empty' }],
    [false, { kind: 'empty' }],
    ['oui', { kind: 'unreadable', text: 'oui' }],
    ['XX', { kind: 'unreadable', text: 'XX' }],
    [1, { kind: 'unreadable', text: '1' }],
  ])('%j → %o', (value, expected) => {
    expect(readMark(value)).toEqual(expected);
  });
});

describe('readNature', () => {
  it.each<[CellValue, ReturnType<typeof readNature>]>([
    ['Chiffré', 'costed'],
    ['chiffre', 'costed'],
    ['CHIFFRÉ ', 'costed'],
    ['Costed', 'costed'],
    ['costed', 'costed'],
    ['PM', 'pm'],
    ['p.m.', 'pm'],
    ['Pour mémoire', 'pm'],
    [null, null],
    ['  ', null],
    ['oui', { kind: 'unreadable', text: 'oui' }],
    [1, { kind: 'unreadable', text: '1' }],
    [true, { kind: 'unreadable', text: 'true' }],
  ])('%j → %o', (value, expected) => {
    expect(readNature(value)).toEqual(expected);
  });
});

describe('normaliseText', () => {
  it.each<[CellValue, string | null]>([
    ['  Appui\u00a0aux\u202f\u202fcommunes \n', 'Appui aux communes'],
    ['\u00a0\n', null],
    [null, null],
    [undefined, null],
    [12.5, '12.5'],
  ])('%j → %j', (value, expected) => {
    expect(normaliseText(value)).toBe(expected);
  });
});
