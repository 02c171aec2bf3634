// A1 addresses and ragged-safe cell access.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { a1, cellAt, columnIndex, columnLetter, type Grid } from '#core';

describe('column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('%i ⇄ %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });

  it('reads lower case', () => {
    expect(columnIndex('xfd')).toBe(16383);
  });

  it.each(['', 'A1', '1', 'É', ' A', 'ABCDEFGH'])('%j is not a column', (letters) => {
    expect(columnIndex(letters)).toBe(-1);
  });

  it('has no letters for a negative or fractional index', () => {
    expect(columnLetter(-1)).toBe('');
    expect(columnLetter(1.5)).toBe('');
  });

  it('round-trips every index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (i) => {
        expect(columnIndex(columnLetter(i))).toBe(i);
      }),
    );
  });
});

describe('a1 and cellAt', () => {
  it('addresses a 1-based row and a 0-based column', () => {
    expect(a1(12, 7)).toBe('H12');
    expect(a1(1, 0)).toBe('A1');
  });

  it('is undefined-safe on ragged grids', () => {
    const grid: Grid = { sheet: 'Saisie', rows: [['a', 'b'], [], ['c']] };
    expect(cellAt(grid, 1, 1)).toBe('b');
    expect(cellAt(grid, 2, 0)).toBeUndefined();
    expect(cellAt(grid, 3, 5)).toBeUndefined();
    expect(cellAt(grid, 9, 0)).toBeUndefined();
    expect(cellAt(grid, 0, 0)).toBeUndefined();
  });
});
