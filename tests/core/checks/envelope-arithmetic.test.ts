// envelope-arithmetic: the adopted envelope as printed adds up — every slip is an error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envelopeArithmeticCheck, envelopeTable, flattenFindings, indexPlan, Plan } from '#core';
import { wording } from '../fixtures/lines.ts';
import { miniIndex, miniPlan } from '../fixtures/mini-plan.ts';

describe('envelope-arithmetic', () => {
  it('reports the row whose years do not add up, and the total row that carries the slip', () => {
    const findings = envelopeArithmeticCheck.run({ index: miniIndex, tolerance: 0n });
    expect(flattenFindings(findings)).toEqual([
      ['Tableau II.2.1!TOTAL', 'summary_row_mismatch'],
      ['Tableau II.2.1!TOTAL', 'summary_total_row_mismatch'],
    ]);
    expect(findings.map((f) => [f.where.line, f.severity, f.expected, f.actual])).toEqual([
      [3, 'error', 310, 300],
      [7, 'error', 1260, 1250],
    ]);
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Tableau II.2.1, ligne 3, colonne TOTAL — Tableau II.2.1, ligne « Prévention / MARCC » : la somme des années (310 millions FCFA) ne correspond pas au total (300 ; écart toléré : 0). Corrigez les montants de la ligne.",
        "Tableau II.2.1, ligne 7, colonne TOTAL — Tableau II.2.1, ligne de total : la somme de ses années fait 1 260 millions FCFA, son total indique 1 250 (écart toléré : 0). Corrigez la ligne de total.",
      ]
    `);
  });

  it('reads the printed table with its headings as cells and its document lines', () => {
    const table = envelopeTable(miniPlan);
    expect(table.rows[3]).toMatchObject({
      label: 'Protection / MRN-APR',
      pillar: '2',
      ministry: 'MRN',
      line: 6,
      cells: { 'year:2021': '2021', total: 'TOTAL', national: 'Budget national', external: 'Extérieur' },
    });
  });

  it('finds the slips of the PNLEVT envelope', () => {
    const json = JSON.parse(
      readFileSync(new URL('../../../templates/pnlevt-2021-2025.json', import.meta.url), 'utf8'),
    );
    const index = indexPlan(Plan.parse(json));
    const findings = envelopeArithmeticCheck.run({ index, tolerance: 0n });
    expect(findings.map((f) => [f.code, f.where.line, f.expected, f.actual])).toEqual([
      ['summary_row_mismatch', 65, 4260, 4250],
      ['summary_row_mismatch', 109, 11980, 12000],
      ['summary_row_mismatch', 131, 5870, 5820],
      ['summary_total_row_mismatch', 164, 51790, 51750],
    ]);
  });
});
