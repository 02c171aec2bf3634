// amounts: planned amounts are never negative.
import { describe, expect, it } from 'vitest';
import { amountsCheck, flattenFindings, type ParsedReturn } from '#core';
import { costed, line, returnOf } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) => amountsCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

describe('amounts', () => {
  it('reports a negative amount in the cell that holds it', () => {
    const findings = run(returnOf([costed(7, '1.1.1.1', { 2021: 100, 2022: -20 })]));
    expect(flattenFindings(findings)).toEqual([['Saisie!H7', 'negative_amount']]);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      actual: -20,
      params: { activity: '1.1.1.1', field: 'year:2022' },
    });
  });

  it('reports negative totals and funding sources too, in column order', () => {
    const l = line(7, { activity: '1.1.1.1', total: -1, national: -0.5, external: -0.5 });
    expect(flattenFindings(run(returnOf([l])))).toEqual([
      ['Saisie!L7', 'negative_amount'],
      ['Saisie!M7', 'negative_amount'],
      ['Saisie!N7', 'negative_amount'],
    ]);
  });

  it('accepts zero and positive amounts', () => {
    expect(run(returnOf([costed(7, '1.1.1.1', { 2021: 0, 2022: 1 })]))).toEqual([]);
  });

  it('leaves a cell that could not be read to the reader, which already reported it', () => {
    const l = line(7, { activity: '1.1.1.1', years: { 2021: -5 }, unreadable: ['year:2021'] });
    expect(run(returnOf([l]))).toEqual([]);
  });

  it('names the activity and the field when the line has no cells', () => {
    const findings = run(returnOf([line(7, { activity: '2.1.1.1', total: -3, noCells: true })]));
    expect(findings).toEqual([
      expect.objectContaining({
        where: { sheet: 'Saisie', item: 1, activity: '2.1.1.1', field: 'total' },
        params: { activity: '2.1.1.1', field: 'total' },
      }),
    ]);
  });
});
