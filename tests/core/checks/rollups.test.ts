// rollups: subtotal rows equal the sum of the lines under them, field by field.
import { describe, expect, it } from 'vitest';
import { flattenFindings, type ParsedReturn, rollupsCheck } from '#core';
import { costed, line, returnOf, subtotal, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) => rollupsCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

const lines = [
  costed(7, '1.1.1.1', { 2021: 100, 2022: 200 }),
  costed(8, '1.1.1.2', { 2022: 50 }, { national: 20 }),
  costed(10, '2.1.1.1', { 2025: 0.1 }),
  costed(11, '2.1.1.3', { 2025: 0.2 }),
];

describe('rollups', () => {
  it('accepts subtotals that add up, at every level', () => {
    const subtotals = [
      subtotal(6, 'pillar', '1', {
        years: { 2021: 100, 2022: 250 },
        total: 350,
        national: 320,
        external: 30,
      }),
      subtotal(9, 'result', '2.1.1', { years: { 2025: 0.3 }, total: 0.3, national: 0.3, external: 0 }),
      subtotal(12, 'objective', '2.1', { years: { 2025: 0.3 }, total: 0.3, national: 0.3 }),
      subtotal(13, 'ministry', 'MRN-APR', { years: { 2025: 0.2 }, total: 0.2, national: 0.2 }),
      subtotal(14, 'grand', '', {
        years: { 2021: 100, 2022: 250, 2025: 0.3 },
        total: 350.3,
        national: 320.3,
        external: 30,
      }),
    ];
    expect(run(returnOf(lines, { subtotals }))).toEqual([]);
  });

  it('reports each field of a subtotal that differs from its lines, at that field', () => {
    const subtotals = [
      subtotal(6, 'pillar', '1', { years: { 2021: 100, 2022: 260 }, total: 350, national: 320 }),
    ];
    const findings = run(returnOf(lines, { subtotals }));
    expect(flattenFindings(findings)).toEqual([
      ['Saisie!H6', 'subtotal_mismatch'],
      ['Saisie!N6', 'subtotal_mismatch'],
    ]);
    expect(findings[0]).toMatchObject({
      expected: 250,
      actual: 260,
      params: { level: 'pillar', key: '1', field: 'year:2022' },
    });
    expect(findings[1]).toMatchObject({ expected: 30, actual: null, params: { field: 'external' } });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Saisie!H6 — Sous-total du pilier 1 (2022) : ses activités totalisent 250 millions FCFA, le sous-total indique 260 (écart toléré : 0). Corrigez le sous-total ou rétablissez sa formule.",
        "Saisie!N6 — Sous-total du pilier 1 (Extérieur) : ses activités totalisent 30 millions FCFA, le sous-total est vide (écart toléré : 0). Corrigez le sous-total ou rétablissez sa formule.",
      ]
    `);
  });

  it('reports a grand total 1 FCFA off', () => {
    const subtotals = [
      subtotal(14, 'grand', '', {
        years: { 2021: 100, 2022: 250, 2025: 0.3 },
        total: '350.300001',
        national: 320.3,
        external: 30,
      }),
    ];
    expect(flattenFindings(run(returnOf(lines, { subtotals })))).toEqual([
      ['Saisie!L14', 'subtotal_mismatch'],
    ]);
  });

  it('does not compare a field that some line could not read', () => {
    const unsure = [...lines, line(15, { activity: '1.1.1.3', unreadable: ['year:2021'] })];
    const subtotals = [
      subtotal(6, 'pillar', '1', {
        years: { 2021: 999, 2022: 250 },
        total: 350,
        national: 320,
        external: 30,
      }),
    ];
    expect(run(returnOf(unsure, { subtotals }))).toEqual([]);
  });

  it('finds nothing to add for a key no line has, and says so when the subtotal is not empty', () => {
    const subtotals = [subtotal(6, 'result', '7.7.7', { total: 5 }), subtotal(7, 'result', '8.8.8', {})];
    expect(flattenFindings(run(returnOf(lines, { subtotals })))).toEqual([
      ['Saisie!L6', 'subtotal_mismatch'],
    ]);
  });
});
