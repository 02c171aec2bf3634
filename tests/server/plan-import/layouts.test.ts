// A plan laid out otherwise than the document: a code column, a one-row header with "AN 1…AN 5",
// results as banner rows, pillars as "Axe stratégique N – …" rows inside one table, no
// indicators column, no summary table, the period in the sheet's title — and a note under the
// table, which is reported, not dropped.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importBytes, placed } from './helpers.ts';

type Rows = (string | number | null)[][];

function write(ws: ExcelJS.Worksheet, rows: Rows): void {
  rows.forEach((r, i) => {
    r.forEach((v, c) => {
      if (v !== null) ws.getCell(i + 1, c + 1).value = v;
    });
  });
}

/** A summary table with the pillars' subtotal rows some planners add, and no funding columns. */
const SUMMARY: Rows = [
  ['Synthèse des coûts (en millions de FCFA)'],
  ['Axes', 'Ministères', 2026, 2027, 2028, 2029, 2030, 'Total'],
  ['Axe 1', 'MATD', 60, 60, null, null, null, 120],
  [null, 'MSPC', null, null, null, 17.75, 17.75, 35.5],
  ['Total axe 1', null, 60, 60, 0, 17.75, 17.75, 155.5],
  ['Axe 2', 'MEEFP', 250, 250, 250, 250, 250, 1250],
  ['TOTAL', null, 310, 310, 250, 267.75, 267.75, 1405.5],
];

async function workbook(withSummary = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan 2026-2030');
  const rows: Rows = [
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
  write(ws, rows);
  if (withSummary) write(wb.addWorksheet('Synthèse 2026-2030'), SUMMARY);
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

describe('the same plan with a summary table holding subtotal rows', async () => {
  const { plan, report } = await importBytes(await workbook(true), { fileName: 'matd.xlsx' });

  it('reads the pairs, says it left the subtotal out, and carries a merged pillar cell down', () => {
    expect(placed(report)).toEqual([
      ['Plan 2026-2030!A14', 'row_not_read'],
      ['Synthèse 2026-2030!A5', 'summary_subtotal_skipped'],
    ]);
    expect(
      plan?.envelope.rows.map((r) => [r.pillar, r.pillarAsWritten, r.ministry, r.total, r.national]),
    ).toEqual([
      ['1', 'Axe 1', 'MATD', 120, null],
      ['1', 'Axe 1', 'MSPC', 35.5, null],
      ['2', 'Axe 2', 'MEFP', 1250, null],
    ]);
    expect(plan?.envelope.totalRow.total).toBe(1405.5);
    expect(report.yearsFrom).toBe('summary');
    expect(report.checks.findings).toEqual([]);
    // The pillars keep the names of their headings: the table names them by number only.
    expect(plan?.pillars.map((p) => p.name)).toEqual(['Prévention des conflits', 'Réinsertion']);
  });
});
