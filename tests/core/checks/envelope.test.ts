// envelope: a return's totals next to the adopted envelope (section II.2.1), as warnings.
import { describe, expect, it } from 'vitest';
import { envelopeCheck, flattenFindings, type ParsedReturn, percentOf } from '#core';
import { costed, line, only, returnOf, subtotal, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn, ministry: string | null) =>
  envelopeCheck.run({ index: miniIndex, ret, ministry, tolerance: 0n });

describe('envelope', () => {
  it("warns about a ministry's total beyond its envelope, with the gap and its share", () => {
    const ret = returnOf([
      costed(7, '1.1.1.1', { 2021: 300 }),
      line(8, { activity: '1.1.1.3', nature: 'pm' }),
      costed(9, '2.1.1.2', { 2024: 100 }),
    ]);
    const findings = run(ret, 'MARCC');
    expect(findings.map((f) => [f.params, f.expected, f.actual])).toEqual([
      [{ scope: 'ministry', key: 'MARCC', gap: '100', percent: '33.3' }, 300, 400],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'warning', where: { sheet: 'Saisie' } });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie — Pour MARCC, le retour totalise 400 millions FCFA contre 300 à l'enveloppe adoptée (tableau II.2.1) : écart de +100 (+33,3 %). Vérifiez les montants ou justifiez l'écart en commentaire.",
      ]
    `);
    expect(wording(findings, 'en')).toMatchInlineSnapshot(`
      [
        "Saisie — For MARCC, the return adds up to 400 million FCFA against 300 in the adopted envelope (table II.2.1): a gap of +100 (+33.3%). Check the amounts or explain the gap in a comment.",
      ]
    `);
  });

  it('counts a joint activity for the ministry whose return it is in', () => {
    const ret = returnOf([costed(7, '2.1.1.3', { 2023: 150 }), costed(8, '2.1.1.2', { 2024: 100 })]);
    expect(run(ret, 'MRN')).toEqual([]);
  });

  it('compares each pillar with the envelope of the ministries in the return, at their subtotal', () => {
    const ret = returnOf([costed(7, '1.1.1.2', { 2022: 200 }), costed(9, '2.1.1.1', { 2021: 450 })], {
      subtotals: [subtotal(10, 'pillar', '2', { total: 450 })],
    });
    const findings = run(ret, 'MDAC');
    expect(flattenFindings(findings)).toEqual([
      ['Saisie', 'envelope_gap'],
      ['Saisie!L10', 'envelope_gap'],
    ]);
    expect(
      only(findings, 'envelope_gap').map((f) => [
        f.params.scope,
        f.params.key,
        f.params.gap,
        f.params.percent,
      ]),
    ).toEqual([
      ['ministry', 'MDAC', '-50', '-7.1'],
      ['pillar', '2', '-50', '-10.0'],
    ]);
  });

  it('groups a consolidated return by lead ministry and skips what matches', () => {
    const ret = returnOf([
      costed(7, '1.1.1.1', { 2021: 300 }),
      costed(8, '1.1.1.2', { 2022: 200 }),
      costed(9, '2.1.1.1', { 2021: 500 }),
      costed(10, '2.1.1.3', { 2023: 250 }),
    ]);
    expect(run(ret, null)).toEqual([]);
  });

  it("leaves out a pillar the envelope has no row for among the return's ministries", () => {
    // 2.1.1.2 is MARCC's (joint with MRN) in pillar 2, where the envelope lists no MARCC row.
    const findings = run(returnOf([costed(7, '2.1.1.2', { 2024: 100 })]), null);
    expect(only(findings, 'envelope_gap').map((f) => [f.params.scope, f.params.key])).toEqual([
      ['ministry', 'MARCC'],
    ]);
  });

  it('rounds the share to one decimal, half away from zero', () => {
    expect([percentOf(1n, 3n), percentOf(-2n, 3n), percentOf(1n, 8n), percentOf(0n, 5n)]).toEqual([
      '33.3',
      '-66.7',
      '12.5',
      '0.0',
    ]);
  });
});
