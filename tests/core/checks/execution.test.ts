// execution: amounts fall in the years marked AN I–AN V, and marked years carry an amount.
import { describe, expect, it } from 'vitest';
import { executionCheck, flattenFindings, type ParsedReturn } from '#core';
import { costed, line, returnOf, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) =>
  executionCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

describe('execution', () => {
  it('warns about an amount in a year not marked for execution, at that year', () => {
    const l = costed(7, '1.1.1.1', { 2021: 100, 2024: 50 }, { execution: [2021] });
    const findings = run(returnOf([l]));
    expect(flattenFindings(findings)).toEqual([['Saisie!J7', 'amount_outside_execution']]);
    expect(findings[0]).toMatchObject({ severity: 'warning', actual: 50, params: { year: 2024 } });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!J7 — Activité 1.1.1.1 : 50 millions FCFA prévus en 2024, année non cochée dans ses périodes d'exécution. Cochez 2024 (X) ou reportez le montant sur une année cochée.",
      ]
    `);
  });

  it('warns about a marked year without an amount, at its mark', () => {
    const l = costed(7, '1.1.1.1', { 2021: 100 }, { execution: [2021, 2022] });
    expect(flattenFindings(run(returnOf([l])))).toEqual([['Saisie!P7', 'execution_without_amount']]);
  });

  it('expects no amount in the marked years of a PM line or of a line not yet filled', () => {
    const pm = line(7, { activity: '1.1.1.3', nature: 'pm', execution: [2021] });
    const empty = line(8, { activity: '1.1.1.1', execution: [2021, 2022] });
    expect(run(returnOf([pm, empty]))).toEqual([]);
  });

  it('has nothing to compare when no year is marked', () => {
    expect(run(returnOf([costed(7, '1.1.1.1', { 2021: 100 }, { execution: [] })]))).toEqual([]);
  });

  it('skips a year whose mark or amount could not be read', () => {
    const l = costed(7, '1.1.1.1', { 2021: 100, 2023: 5 }, { execution: [2021], unreadable: ['mark:2023'] });
    expect(run(returnOf([l]))).toEqual([]);
  });
});
