// envelope-vs-detail: the adopted envelope against the costs of the detailed activities.
import { describe, expect, it } from 'vitest';
import { envelopeVsDetailCheck } from '#core';
import { only, wording } from '../fixtures/lines.ts';
import { miniIndex, planWith } from '../fixtures/mini-plan.ts';

describe('envelope-vs-detail', () => {
  it('warns per row, per pillar and per ministry where the envelope and the detail differ', () => {
    const findings = envelopeVsDetailCheck.run({ index: miniIndex, tolerance: 0n });
    expect(
      only(findings, 'summary_detail_mismatch').map((f) => [
        f.params.scope,
        f.params.pillar,
        f.params.ministry,
        f.expected,
        f.actual,
      ]),
    ).toEqual([
      ['pillar_ministry', '2', 'MRN', 150, 250],
      ['ministry', '', 'MARCC', 400, 300],
    ]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings[1]).toMatchObject({ where: { sheet: 'Tableau II.2.1', cell: 'TOTAL', line: 3 } });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Tableau II.2.1, ligne 6, colonne TOTAL — Tableau II.2.1, pilier 2, MRN : le détail des activités totalise 150 millions FCFA, le tableau indique 250 (écart toléré : 0). Mettez le tableau et le détail en accord.",
        "Tableau II.2.1, ligne 3, colonne TOTAL — Tableau II.2.1, MARCC : le détail des activités totalise 400 millions FCFA (dont 1 activité PM non chiffrée), le tableau indique 300 (écart toléré : 0). Mettez le tableau et le détail en accord.",
      ]
    `);
  });

  it('counts PM and blank costs as 0 and says how many there are', () => {
    const index = planWith((p) => {
      const a = p.activities[0];
      if (a) Object.assign(a, { cost: null, costNote: null, costAsWritten: '' });
    });
    const row = envelopeVsDetailCheck
      .run({ index, tolerance: 0n })
      .find(
        (f) =>
          f.code === 'summary_detail_mismatch' &&
          f.params.scope === 'pillar_ministry' &&
          f.params.ministry === 'MARCC',
      );
    expect(row).toMatchObject({ expected: 0, actual: 300, params: { pmCount: 1, blankCount: 1 } });
    expect(wording(row ? [row] : [], 'en')).toMatchInlineSnapshot(`
      [
        "Tableau II.2.1, line 3, column TOTAL — Tableau II.2.1, pillar 1, MARCC: the detail of activities adds up to 0 million FCFA (including 1 PM activity not costed and 1 activity without a cost), the table shows 300 (tolerance: 0). Bring the table and the detail into line.",
      ]
    `);
  });
});
