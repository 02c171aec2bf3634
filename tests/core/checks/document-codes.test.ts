// document-codes: the plan document's own numbering slips, reported like a ministry's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentCodesCheck, flattenFindings, indexPlan, Plan } from '#core';
import { wording } from '../fixtures/lines.ts';
import { miniIndex, planWith } from '../fixtures/mini-plan.ts';

describe('document-codes', () => {
  it('finds nothing in a clean plan', () => {
    expect(documentCodesCheck.run({ index: miniIndex, tolerance: 0n })).toEqual([]);
  });

  it('reports a code printed twice, at the renumbered occurrence, with what it became', () => {
    const index = planWith((p) => {
      const a = p.activities[1];
      if (!a) return;
      a.source = { code: '1.1.1.1.', line: 14 };
      a.corrections = [
        {
          kind: 'renumbered_duplicate',
          field: 'code',
          asWritten: '1.1.1.1.',
          correctedTo: '1.1.1.2',
          line: 14,
          reason: 'imprimé deux fois',
        },
      ];
    });
    const findings = documentCodesCheck.run({ index, tolerance: 0n });
    expect(flattenFindings(findings)).toEqual([['mini-plan.txt:14', 'duplicate_activity_code']]);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      params: { code: '1.1.1.1', firstLine: 12, correctedTo: '1.1.1.2' },
    });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "mini-plan.txt:14 — Le code d'activité 1.1.1.1 est imprimé deux fois dans le document (aussi ligne 12) ; le plan canonique renumérote cette activité 1.1.1.2. Faites valider cette numérotation.",
      ]
    `);
  });

  it('warns about an activity code that does not start with its result code', () => {
    const index = planWith((p) => {
      const a = p.activities[3];
      if (a) a.code = '2.2.5.1';
    });
    expect(
      documentCodesCheck.run({ index, tolerance: 0n }).map((f) => [f.code, f.severity, f.params]),
    ).toEqual([['activity_code_prefix_mismatch', 'warning', { code: '2.2.5.1', result: '2.1.1' }]]);
  });

  it('warns about a result printed without a code, and about execution years not printed', () => {
    const index = planWith((p) => {
      const r = p.results[1];
      if (r) {
        r.source = { code: null, line: 51 };
        r.corrections = [
          {
            kind: 'inferred_result_code',
            field: 'code',
            asWritten: null,
            correctedTo: '2.1.1',
            line: 51,
            reason: '',
          },
        ];
      }
      const a = p.activities[5];
      if (a) {
        a.years = [];
        a.corrections = [
          {
            kind: 'missing_year_row',
            field: 'years',
            asWritten: null,
            correctedTo: null,
            line: 57,
            reason: '',
          },
        ];
      }
    });
    const findings = documentCodesCheck.run({ index, tolerance: 0n });
    expect(flattenFindings(findings)).toEqual([
      ['mini-plan.txt:57', 'execution_years_missing'],
      ['mini-plan.txt:51', 'result_without_code'],
    ]);
    expect(wording(findings, 'en')).toMatchInlineSnapshot(`
      [
        "mini-plan.txt:57 — Activity 2.1.1.3: its execution periods (YR I–YR V) are not printed in the document; the years are left empty. Have them confirmed by the responsible ministry.",
        "mini-plan.txt:51 — Result printed without a code ("Résultat 2.1.1"): the canonical plan gives it the code 2.1.1. Have this code confirmed.",
      ]
    `);
  });

  it('finds the slips of the PNLEVT document', () => {
    const json = JSON.parse(
      readFileSync(new URL('../../../templates/pnlevt-2021-2025.json', import.meta.url), 'utf8'),
    );
    const findings = documentCodesCheck.run({ index: indexPlan(Plan.parse(json)), tolerance: 0n });
    const count = (code: string) => findings.filter((f) => f.code === code).length;
    expect(count('duplicate_activity_code')).toBe(2);
    expect(count('activity_code_prefix_mismatch')).toBe(6);
    expect(count('result_without_code')).toBe(1);
    expect(count('execution_years_missing')).toBe(1);
    expect(findings.find((f) => f.code === 'duplicate_activity_code')?.params).toEqual({
      code: '4.2.3.1',
      firstLine: 2507,
      correctedTo: '4.2.1.1',
    });
  });
});
