// plan-membership: each line is one activity of the plan, once, and one the ministry answers for.
import { describe, expect, it } from 'vitest';
import { flattenFindings, type ParsedReturn, planMembershipCheck } from '#core';
import { costed, line, returnOf, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn, ministry: string | null = null) =>
  planMembershipCheck.run({ index: miniIndex, ret, ministry, tolerance: 0n });

describe('plan-membership', () => {
  it('reports a line with amounts but no activity code', () => {
    const findings = run(returnOf([line(7, { years: { 2021: 5 }, total: 5 }), line(8, { comment: 'note' })]));
    expect(flattenFindings(findings)).toEqual([['Saisie!A7', 'missing_activity_code']]);
  });

  it('reports a code that is not in the plan', () => {
    const findings = run(returnOf([costed(7, '9.9.9.9', { 2021: 5 })]));
    expect(flattenFindings(findings)).toEqual([['Saisie!A7', 'unknown_activity']]);
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!A7 — Le code « 9.9.9.9 » n'est pas une activité du plan. Corrigez le code (par exemple 1.1.1.1) ; une activité hors plan ne peut pas être chiffrée ici.",
      ]
    `);
  });

  it('reports the second and later lines of the same activity, pointing at the first', () => {
    const lines = [
      costed(7, '1.1.1.1', { 2021: 5 }),
      costed(9, '1.1.1.1', { 2022: 5 }),
      costed(12, '1.1.1.1', {}),
    ];
    const findings = run(returnOf(lines));
    expect(flattenFindings(findings)).toEqual([
      ['Saisie!A9', 'duplicate_line'],
      ['Saisie!A12', 'duplicate_line'],
    ]);
    expect(findings[0]).toMatchObject({ params: { activity: '1.1.1.1', firstCell: 'Saisie!A7' } });
  });

  it("reports another ministry's activity in a ministry's return", () => {
    const findings = run(returnOf([costed(7, '1.1.1.1', { 2021: 5 })]), 'MDAC');
    expect(flattenFindings(findings)).toContainEqual(['Saisie!A7', 'activity_not_owned']);
    expect(findings[0]).toMatchObject({
      params: { activity: '1.1.1.1', responsible: 'MARCC', ministry: 'MDAC' },
    });
    expect(wording(findings.slice(0, 1), 'en')).toMatchInlineSnapshot(`
      [
        "Saisie!A7 — Activity 1.1.1.1: the plan makes MARCC responsible for it, not MDAC. Remove this line; MARCC costs it in its own return.",
      ]
    `);
  });

  it('counts a joint activity (MARCC-MRN) for every ministry named', () => {
    const ret = returnOf([costed(7, '2.1.1.2', { 2024: 50 }), costed(8, '2.1.1.3', { 2023: 50 })]);
    expect(run(ret, 'MRN')).toEqual([]);
    expect(run(ret, 'MRN-APR')).toEqual([]);
    expect(flattenFindings(run(ret, 'MARCC'))).toEqual([
      ['Saisie!A8', 'activity_not_owned'],
      ['Saisie', 'activity_missing'],
      ['Saisie', 'activity_missing'],
    ]);
  });

  it("warns about each of the ministry's activities absent from the return", () => {
    const findings = run(returnOf([costed(7, '1.1.1.1', { 2021: 5 })]), 'MARCC');
    expect(findings.map((f) => [f.code, f.params])).toEqual([
      ['activity_missing', { activity: '1.1.1.3', ministry: 'MARCC' }],
      ['activity_missing', { activity: '2.1.1.2', ministry: 'MARCC' }],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'warning', where: { sheet: 'Saisie' } });
  });

  it('checks membership only, not ownership, for a consolidated return', () => {
    expect(run(returnOf([costed(7, '1.1.1.1', { 2021: 5 }), costed(8, '2.1.1.1', { 2021: 5 })]))).toEqual([]);
  });
});
