// summary-detail: a return's summary table equals the lines it summarises (pillar × lead ministry).
import { describe, expect, it } from 'vitest';
import { flattenFindings, type ParsedReturn, summaryDetailCheck } from '#core';
import { costed, line, returnOf, summaryTable, wording } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';

const run = (ret: ParsedReturn) =>
  summaryDetailCheck.run({ index: miniIndex, ret, ministry: null, tolerance: 0n });

const lines = [
  costed(7, '1.1.1.1', { 2021: 100, 2022: 200 }, { national: 100 }),
  line(8, { activity: '1.1.1.3', nature: 'pm' }),
  costed(10, '2.1.1.2', { 2024: 40 }), // joint MARCC-MRN: the lead ministry, MARCC, sums it
  costed(11, '2.1.1.3', { 2024: 60 }),
];

describe('summary-detail', () => {
  it('accepts a summary that equals its detail', () => {
    const table = summaryTable([
      {
        pillar: '1',
        ministry: 'MARCC',
        years: [100, 200, null, null, null],
        total: 300,
        national: 100,
        external: 200,
      },
      {
        pillar: '2',
        ministry: 'MARCC',
        years: [null, null, null, 40, null],
        total: 40,
        national: 40,
        external: null,
      },
      {
        pillar: '2',
        ministry: 'MRN-APR',
        years: [null, null, null, 60, null],
        total: 60,
        national: 60,
        external: 0,
      },
      {
        pillar: '2',
        ministry: 'MDAC',
        years: [null, null, null, null, null],
        total: null,
        national: null,
        external: null,
      },
    ]);
    expect(run(returnOf(lines, { summaries: [table] }))).toEqual([]);
  });

  it('reports each field of a row that differs from the sum of its lines', () => {
    const table = summaryTable([
      {
        pillar: '1',
        ministry: 'MARCC',
        years: [100, 250, null, null, null],
        total: 350,
        national: 100,
        external: 200,
      },
    ]);
    const findings = run(returnOf(lines, { summaries: [table] }));
    expect(flattenFindings(findings)).toEqual([
      ['Synthèse!D5', 'summary_detail_mismatch'],
      ['Synthèse!H5', 'summary_detail_mismatch'],
    ]);
    expect(findings[1]).toMatchObject({
      expected: 300,
      actual: 350,
      params: {
        scope: 'pillar_ministry',
        pillar: '1',
        ministry: 'MARCC',
        field: 'total',
        pmCount: 1,
        blankCount: 0,
      },
    });
    expect(wording(findings, 'fr')).toMatchInlineSnapshot(`
      [
        "Synthèse!D5 — Synthèse, pilier 1, MARCC, l'année 2022 : le détail des activités totalise 200 millions FCFA (dont 1 activité PM non chiffrée), le tableau indique 250 (écart toléré : 0). Mettez le tableau et le détail en accord.",
        "Synthèse!H5 — Synthèse, pilier 1, MARCC : le détail des activités totalise 300 millions FCFA (dont 1 activité PM non chiffrée), le tableau indique 350 (écart toléré : 0). Mettez le tableau et le détail en accord.",
      ]
    `);
  });
});
