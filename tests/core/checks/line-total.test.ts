// line-total: the years of a line add up to its total, exactly, or within an explicit tolerance.
import { describe, expect, it } from 'vitest';
import { flattenFindings, lineTotalCheck, type Money, type ParsedReturn } from '#core';
import { line, returnOf, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn, tolerance: Money = 0n) =>
  lineTotalCheck.run({ index: miniIndex, ret, ministry: null, tolerance });

const split = (years: Record<number, number | string>, total: number | string | null) =>
  returnOf([line(7, { activity: '1.1.1.1', nature: 'costed', years, total })]);

describe('line-total', () => {
  it('reports a year split that does not add up to the total', () => {
    const findings = run(split({ 2021: 100, 2022: 250 }, 300));
    expect(flattenFindings(findings)).toEqual([['Saisie!L7', 'line_total_mismatch']]);
    expect(findings[0]).toMatchObject({ severity: 'error', expected: 350, actual: 300 });
  });

  it('finds that 0.1 + 0.2 is 0.3', () => {
    expect(run(split({ 2021: 0.1, 2022: 0.2 }, 0.3))).toEqual([]);
  });

  it('reports a real gap of 1 FCFA (0.000001 million)', () => {
    const findings = run(split({ 2021: 0.1, 2022: 0.2 }, '0.300001'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ expected: 0.3, actual: 0.300001, params: { tolerance: '0' } });
  });

  it('lets a gap within an explicit tolerance pass, and shows the tolerance in the message', () => {
    expect(run(split({ 2021: 0.1, 2022: 0.2 }, '0.300001'), 1n)).toEqual([]);
    const findings = run(split({ 2021: 0.1, 2022: 0.2 }, '0.300002'), 1n);
    expect(findings).toHaveLength(1);
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!L7 — Activité 1.1.1.1 : la somme des années (0,3 million FCFA) ne correspond pas au total (0,300002 ; écart toléré : 0,000001 million FCFA). Corrigez les montants par année ou le total.",
      ]
    `);
    expect(wording(findings, 'en')).toMatchInlineSnapshot(`
      [
        "Saisie!L7 — Activity 1.1.1.1: the years add up to 0.3 million FCFA, not the total (0.300002; tolerance: 0.000001 million FCFA). Correct the yearly amounts or the total.",
      ]
    `);
  });

  it('reports an empty total while years are filled in', () => {
    const findings = run(split({ 2023: 1500.5 }, null));
    expect(findings).toEqual([expect.objectContaining({ expected: 1500.5, actual: null })]);
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!L7 — Activité 1.1.1.1 : les années totalisent 1 500,5 millions FCFA mais le total est vide (écart toléré : 0). Complétez le total.",
      ]
    `);
  });

  it('reports a total with no year split at all', () => {
    expect(flattenFindings(run(split({}, 500)))).toEqual([['Saisie!L7', 'line_total_mismatch']]);
  });

  it('says nothing about an empty line', () => {
    expect(run(returnOf([line(7, { activity: '1.1.1.1' })]))).toEqual([]);
  });

  it('says nothing when a year or the total could not be read', () => {
    const l = line(7, { activity: '1.1.1.1', years: { 2021: 100 }, total: 300, unreadable: ['year:2022'] });
    expect(run(returnOf([l]))).toEqual([]);
  });
});
