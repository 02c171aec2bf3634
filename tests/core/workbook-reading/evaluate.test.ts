// What the template's formulas print, worked out from a sheet's cells as a spreadsheet does: sums
// of numbers only, nested SUBTOTALs left out, SUMIFS on keys, IF/COUNT for empty totals, errors
// carried up, sums exact, and `unknown` for anything the template never writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CellValue,
  type Evaluated,
  moneyFromDecimal,
  moneyToNumber,
  type SheetContent,
  WorkbookEvaluator,
} from '#core';

/** A sheet from rows of cells; a string starting with "=" is a formula. */
function sheet(name: string, rows: (CellValue | `=${string}`)[][]): SheetContent {
  const formulas = new Map<number, Map<number, string>>();
  const grid = rows.map((row, r) =>
    row.map((v, c) => {
      if (typeof v === 'string' && v.startsWith('=')) {
        const cols = formulas.get(r + 1) ?? new Map<number, string>();
        cols.set(c, v.slice(1));
        formulas.set(r + 1, cols);
        return null;
      }
      return v;
    }),
  );
  return { grid: { sheet: name, rows: grid }, formulas };
}

const n = (decimal: string): Evaluated => ({ kind: 'number', value: moneyFromDecimal(decimal) ?? 0n });

describe('WorkbookEvaluator', () => {
  it('adds numbers only: text pasted as "1 500", booleans and empty cells are left out, as SUM does', () => {
    const s = sheet('Saisie', [[10, '1 500', true, null, 0.2, '=SUM(A1:E1)', '=SUM(A1:A1,E1)']]);
    const ev = new WorkbookEvaluator([s]);
    expect(ev.valueAt('Saisie', 1, 5)).toEqual(n('10.2'));
    expect(ev.valueAt('Saisie', 1, 6)).toEqual(n('10.2'));
  });

  it('sums exactly: 0.1 + 0.2 is 0.3, and a franc is not lost in a large total', () => {
    const s = sheet('S', [[0.1], [0.2], ['=SUM(A1:A2)'], [999_999_999.999999], [0.000001], ['=SUM(A4:A5)']]);
    const ev = new WorkbookEvaluator([s]);
    expect(ev.valueAt('S', 3, 0)).toEqual(n('0.3'));
    expect(ev.valueAt('S', 6, 0)).toEqual(n('1000000000'));
  });

  it('leaves nested SUBTOTALs out of a SUBTOTAL, but counts a number typed over one', () => {
    const s = sheet('E', [
      ['=SUBTOTAL(9,A2:A6)'],
      ['=SUBTOTAL(9,A3:A4)'],
      [5],
      [7],
      [100],
      [1],
      ['=SUM(A1:A6)'],
    ]);
    const ev = new WorkbookEvaluator([s]);
    // A5 is a value where a subtotal stood: SUBTOTAL counts it like any number.
    expect(ev.valueAt('E', 2, 0)).toEqual(n('12'));
    expect(ev.valueAt('E', 1, 0)).toEqual(n('113'));
    // SUM has no such rule: it adds the subtotal's result too.
    expect(ev.valueAt('E', 7, 0)).toEqual(n('238'));
  });

  it('prints the line total empty while no year holds a number, as the template’s IF(COUNT) does', () => {
    const s = sheet('E', [
      [null, 'texte', null, '=IF(COUNT(A1:C1)=0,"",SUM(A1:C1))'],
      [2, null, 3.5, '=IF(COUNT(A2:C2)=0,"",SUM(A2:C2))'],
    ]);
    const ev = new WorkbookEvaluator([s]);
    expect(ev.valueAt('E', 1, 3)).toEqual({ kind: 'text', value: '' });
    expect(ev.valueAt('E', 2, 3)).toEqual(n('5.5'));
  });

  it('adds up by keys of another sheet with SUMIFS, text criteria without case, "1" matching 1', () => {
    const entry = sheet('Saisie', [
      [10, '1', 'MJDH'],
      [20, 1, 'mjdh'],
      [40, '2', 'MJDH'],
      ['texte', '1', 'MJDH'],
      [80, '1', 'MSPC'],
    ]);
    const summary = sheet('Synthèse', [
      [`=SUMIFS('Saisie'!$A$1:$A$5,'Saisie'!$B$1:$B$5,"1",'Saisie'!$C$1:$C$5,"MJDH")`],
      ['=SUMIFS(Saisie!A1:A5,Saisie!B1:B5,"2",Saisie!C1:C5,"MJDH")'],
      ['=SUM(A1:A2)'],
    ]);
    const ev = new WorkbookEvaluator([entry, summary]);
    expect(ev.valueAt('Synthèse', 1, 0)).toEqual(n('30'));
    expect(ev.valueAt('Synthèse', 2, 0)).toEqual(n('40'));
    expect(ev.valueAt('Synthèse', 3, 0)).toEqual(n('70'));
  });

  it('carries an error value up through every total that reads it', () => {
    const s = sheet('E', [[1, '#REF!', '=SUM(A1:B1)'], ['=SUBTOTAL(9,C1:C1)'], ['=IFERROR(A2,0)']]);
    const ev = new WorkbookEvaluator([s]);
    expect(ev.valueAt('E', 1, 2)).toEqual({ kind: 'error', value: '#REF!' });
    expect(ev.valueAt('E', 2, 0)).toEqual({ kind: 'error', value: '#REF!' });
    expect(ev.valueAt('E', 3, 0)).toEqual(n('0'));
  });

  it('reads a date cell, handed over as its day, as the serial number the spreadsheet adds', () => {
    const ev = new WorkbookEvaluator([sheet('E', [['2021-01-05', 1, '=SUM(A1:B1)']])]);
    expect(ev.valueAt('E', 1, 2)).toEqual(n('44202'));
  });

  it('rounds, compares and does arithmetic as the summary’s gap column needs', () => {
    const s = sheet('S', [[1500.25, 1000, '=IF(ISNUMBER(B1),ROUND(A1-B1,6),"")', '=ROUND(A1,0)', '=A1*2/4']]);
    const ev = new WorkbookEvaluator([s]);
    expect(ev.valueAt('S', 1, 2)).toEqual(n('500.25'));
    expect(ev.valueAt('S', 1, 3)).toEqual(n('1500'));
    expect(ev.valueAt('S', 1, 4)).toEqual(n('750.125'));
  });

  it('says unknown for what the template never writes, and an error for a circular reference', () => {
    const s = sheet('E', [['=VLOOKUP(1,A2:B3,2)', '=SUMPRODUCT(A2:A3)', '=A1+)'], ['=A3'], ['=A2']]);
    const ev = new WorkbookEvaluator([s]);
    expect(ev.valueAt('E', 1, 0)).toEqual({ kind: 'unknown' });
    expect(ev.valueAt('E', 1, 1)).toEqual({ kind: 'unknown' });
    expect(ev.valueAt('E', 1, 2)).toEqual({ kind: 'unknown' });
    expect(ev.valueAt('E', 2, 0).kind).toBe('error');
  });

  it('reads the spellings Excel and LibreOffice save: _xlfn prefixes, $ anchors, quoted sheets, spaces', () => {
    const entry = sheet('Saisie', [[3], [4]]);
    const s = sheet('S', [["= _xlfn.SUBTOTAL( 9 , 'Saisie'!$A$1:A2 )", '=subtotal(9,Saisie!A1:A2)']]);
    const ev = new WorkbookEvaluator([entry, s]);
    expect(ev.valueAt('S', 1, 0)).toEqual(n('7'));
    expect(ev.valueAt('S', 1, 1)).toEqual(n('7'));
  });

  it('gives SUM of any column the exact sum of its numbers, whatever else the cells hold', () => {
    const cell = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((i) => i / 1000),
      fc.constantFrom<CellValue>('1 500', 'PM', '', null, true, '#N/A '),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 40 }), (cells) => {
        const s = sheet('E', [...cells.map((c) => [c]), [`=SUM(A1:A${cells.length})`]]);
        const got = new WorkbookEvaluator([s]).valueAt('E', cells.length + 1, 0);
        if (cells.some((c) => c === '#N/A ')) return got.kind === 'error';
        const expected = cells.reduce<number>((a, c) => a + (typeof c === 'number' ? c : 0), 0);
        return got.kind === 'number' && Math.abs(moneyToNumber(got.value) - expected) < 1e-6;
      }),
      { numRuns: 300 },
    );
  });
});
