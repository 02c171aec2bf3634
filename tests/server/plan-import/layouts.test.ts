// A plan laid out otherwise than the document: a code column, a one-row header with "AN 1…AN 5",
// results as banner rows, pillars as "Axe stratégique N – …" rows inside one table, no
// indicators column, no summary table, the period in the sheet's title — and a note under the
// table, which is reported, not dropped.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importBytes, placed } from './helpers.ts';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan 2026-2030');
  const rows: (string | number | null)[][] = [
    ["MINISTÈRE DE L'ADMINISTRATION TERRITORIALE — PLAN D'ACTION 2026-2030"],
    [],
    ['Axe stratégique 1 – Prévention des conflits'],
    [
      'N°',
      'Activités',
      'Coût (millions FCFA)',
      'Responsable',
      'Partenaires',
      'AN 1',
      'AN 2',
      'AN 3',
      'AN 4',
      'AN 5',
    ],
    ['Résultat 1.1 : Les conflits locaux sont prévenus'],
    ['1.1.1', 'Former les médiateurs communaux', 120, 'MATD', 'MSPC, PTF', 'X', 'X'],
    ['1.1.2', '1.1.2 Équiper les comités de veille', 'PM', 'MATD', null, null, 'X', 'X'],
    ['Résultat 1.2 : Les alertes sont remontées'],
    ['1.2.1', 'Installer un numéro vert', '35,5', 'MSPC (RSS)', 'MATD', null, null, null, 'X', 'X'],
    [],
    ['Axe stratégique 2 – Réinsertion'],
    ['Résultat 2.1 : Les jeunes sont réinsérés'],
    ['2.1.1', 'Financer des projets de jeunes', '1 250', 'MEEFP', 'MJS', 'X', 'X', 'X', 'X', 'X'],
    ['Source : atelier de planification de mars 2025'],
  ];
  rows.forEach((r, i) => {
    r.forEach((v, c) => {
      if (v !== null) ws.getCell(i + 1, c + 1).value = v;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a plan in another layout', async () => {
  const { plan, report } = await importBytes(await workbook(), { fileName: 'matd.xlsx' });

  it('is read, with the note under the table reported as a row not read', () => {
    expect(placed(report)).toEqual([['Plan 2026-2030!A14', 'row_not_read']]);
    expect(report.findings[0]?.severity).toBe('warning');
    expect(plan).not.toBeNull();
  });

  it('takes pillars from their rows, results from banner rows, codes from the code column', () => {
    expect(plan?.pillars.map((p) => [p.code, p.name, p.line])).toEqual([
      ['1', 'Prévention des conflits', 3],
      ['2', 'Réinsertion', 11],
    ]);
    expect(plan?.objectives).toEqual([]);
    expect(plan?.results.map((r) => [r.code, r.objective, r.title, r.source.line])).toEqual([
      ['1.1', '1', 'Les conflits locaux sont prévenus', 5],
      ['1.2', '1', 'Les alertes sont remontées', 8],
      ['2.1', '2', 'Les jeunes sont réinsérés', 12],
    ]);
    expect(
      plan?.activities.map((a) => [
        a.code,
        a.title,
        a.result,
        a.responsible,
        a.cost,
        a.costNote,
        a.years,
        a.source.line,
      ]),
    ).toEqual([
      ['1.1.1', 'Former les médiateurs communaux', '1.1', 'MATD', 120, null, [2026, 2027], 6],
      ['1.1.2', 'Équiper les comités de veille', '1.1', 'MATD', null, 'PM', [2027, 2028], 7],
      ['1.2.1', 'Installer un numéro vert', '1.2', 'MSPC', 35.5, null, [2029, 2030], 9],
      [
        '2.1.1',
        'Financer des projets de jeunes',
        '2.1',
        'MEFP',
        1250,
        null,
        [2026, 2027, 2028, 2029, 2030],
        13,
      ],
    ]);
  });

  it('takes the years from the period in the title, and has an empty envelope', () => {
    expect(report.yearsFrom).toBe('title');
    expect(plan?.plan.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(plan?.envelope.rows).toEqual([]);
    expect(plan?.ministries.filter((m) => m.returns).map((m) => m.code)).toEqual(['MATD', 'MSPC', 'MEFP']);
  });
});
