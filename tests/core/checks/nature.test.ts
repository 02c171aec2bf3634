// nature: PM lines carry no amount, costed lines carry some, and empty lines are still to fill.
import { describe, expect, it } from 'vitest';
import { flattenFindings, natureCheck, type ParsedReturn } from '#core';
import { costed, line, returnOf, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) => natureCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

describe('nature', () => {
  it('reports a PM line that carries amounts', () => {
    const findings = run(returnOf([costed(8, '1.1.1.3', { 2021: 40 }, { nature: 'pm' })]));
    expect(flattenFindings(findings)).toEqual([['Saisie!F8', 'pm_with_amounts']]);
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!F8 — Activité 1.1.1.3 : marquée « PM » (pour mémoire, non chiffrée) mais elle porte des montants (40 millions FCFA). Retirez les montants, ou choisissez « Chiffré ».",
      ]
    `);
  });

  it('reports a costed line with no amount at all', () => {
    const findings = run(returnOf([line(7, { activity: '1.1.1.1', nature: 'costed' })]));
    expect(flattenFindings(findings)).toEqual([['Saisie!F7', 'costed_without_amounts']]);
  });

  it('warns about a line with neither a nature nor an amount', () => {
    const findings = run(returnOf([line(7, { activity: '1.1.1.1', comment: 'à voir' })]));
    expect(findings).toEqual([expect.objectContaining({ code: 'line_not_filled', severity: 'warning' })]);
    expect(wording(findings, 'en')).toMatchInlineSnapshot(`
      [
        "Saisie!F7 — Activity 1.1.1.1: line still to fill (no type, no amount). Enter its yearly amounts, or choose "PM" if it is not costed.",
      ]
    `);
  });

  it('does not count the zero a total formula shows as an amount', () => {
    const pm = line(7, { activity: '1.1.1.3', nature: 'pm', total: 0 });
    const costedZero = line(8, { activity: '1.1.1.1', nature: 'costed', total: 0 });
    expect(flattenFindings(run(returnOf([pm, costedZero])))).toEqual([
      ['Saisie!F8', 'costed_without_amounts'],
    ]);
  });

  it('accepts a PM line without amounts and a line whose amounts imply it is costed', () => {
    const pm = line(7, { activity: '1.1.1.3', nature: 'pm' });
    const implied = line(8, { activity: '1.1.1.1', years: { 2021: 10 }, total: 10 });
    expect(run(returnOf([pm, implied]))).toEqual([]);
  });

  it('does not call a line empty when one of its amount cells could not be read', () => {
    const l = line(7, { activity: '1.1.1.1', nature: 'costed', unreadable: ['year:2021'] });
    expect(run(returnOf([l]))).toEqual([]);
  });

  it('skips a nature that could not be read', () => {
    expect(run(returnOf([line(7, { activity: '1.1.1.1', unreadable: ['nature'] })]))).toEqual([]);
  });
});
