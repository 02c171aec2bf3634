// funding-split: national budget + external funding = total, once a split is stated.
import { describe, expect, it } from 'vitest';
import { flattenFindings, fundingSplitCheck, type ParsedReturn } from '#core';
import { costed, line, returnOf, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) =>
  fundingSplitCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

describe('funding-split', () => {
  it('reports national + external that do not add up to the total, at the national budget cell', () => {
    const findings = run(
      returnOf([costed(9, '2.1.1.1', { 2021: 1000, 2022: 500 }, { national: 1000, external: 400 })]),
    );
    expect(flattenFindings(findings)).toEqual([['Saisie!M9', 'funding_split_mismatch']]);
    expect(findings[0]).toMatchObject({ expected: 1400, actual: 1500 });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!M9 — Activité 2.1.1.1 : budget national + extérieur font 1 400 millions FCFA, le total est 1 500 (écart toléré : 0). Répartissez exactement le total entre budget national et financement extérieur.",
      ]
    `);
    expect(wording(findings, 'en')).toMatchInlineSnapshot(`
      [
        "Saisie!M9 — Activity 2.1.1.1: national budget + external come to 1,400 million FCFA, the total is 1,500 (tolerance: 0). Split the total exactly between national budget and external funding.",
      ]
    `);
  });

  it('accepts a split that adds up, with one source left empty', () => {
    expect(
      run(returnOf([line(7, { activity: '2.1.1.1', total: 0.3, national: 0.1, external: 0.2 })])),
    ).toEqual([]);
    expect(run(returnOf([line(7, { activity: '2.1.1.1', total: 50, national: 50 })]))).toEqual([]);
  });

  it('says nothing while no split is stated', () => {
    expect(run(returnOf([line(7, { activity: '2.1.1.1', years: { 2021: 5 }, total: 5 })]))).toEqual([]);
  });

  it('reports a split next to an empty total', () => {
    const findings = run(returnOf([line(7, { activity: '2.1.1.1', national: 5 })]));
    expect(findings).toEqual([
      expect.objectContaining({ code: 'funding_split_mismatch', expected: 5, actual: null }),
    ]);
  });

  it('says nothing when a funding cell could not be read', () => {
    expect(
      run(returnOf([line(7, { activity: '2.1.1.1', total: 5, national: 1, unreadable: ['external'] })])),
    ).toEqual([]);
  });
});
