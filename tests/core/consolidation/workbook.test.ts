import { describe, expect, it } from 'vitest';
import {
  consolidate,
  consolidatedWorkbookSpec,
  isFormula,
  type LatestReturn,
  messageOf,
  type SheetSpec,
  type SpecCell,
  type SubmissionLogEntry,
  type WorkbookSpec,
} from '#core';
import { costed } from '../fixtures/lines.ts';
import { miniIndex } from '../fixtures/mini-plan.ts';
import { latest, miniReturns, WARNING } from './returns.ts';

const LOG: SubmissionLogEntry[] = [
  {
    ministry: 'MRN',
    version: 1,
    createdAt: '2024-03-01T10:00:00Z',
    tokenLabel: 'CPS MRN',
    state: 'submitted',
    errorCount: 0,
    warningCount: 0,
  },
  {
    ministry: 'MARCC',
    version: 3,
    createdAt: '2024-03-03T10:00:00Z',
    tokenLabel: 'CPS MARCC',
    state: 'accepted',
    errorCount: 0,
    warningCount: 1,
    reviewComment: 'Bien reçu',
    reviewedAt: '2024-03-04T09:00:00Z',
    reviewedBy: 'SP',
  },
  {
    ministry: 'MARCC',
    version: 2,
    createdAt: '2024-03-02T10:00:00Z',
    tokenLabel: 'CPS MARCC',
    state: 'returned',
    errorCount: 0,
    warningCount: 2,
  },
  {
    ministry: 'MDAC',
    version: 2,
    createdAt: '2024-03-02T10:00:00Z',
    tokenLabel: 'CPS MDAC',
    state: 'returned',
    errorCount: 0,
    warningCount: 0,
  },
];

function build(returns: LatestReturn[] = miniReturns(), lang: 'fr' | 'en' = 'fr', log = LOG): WorkbookSpec {
  return consolidatedWorkbookSpec(consolidate(miniIndex, returns), miniIndex, {
    lang,
    generatedAt: '2024-03-05T00:00:00Z',
    log,
  });
}

function sheet(spec: WorkbookSpec, name: string): SheetSpec {
  const s = spec.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The first row whose column A holds `label`, as [row (1-based), cells]. */
function rowOf(s: SheetSpec, label: string): [number, SpecCell[]] {
  const i = s.cells.findIndex((r) => r[0] === label);
  if (i < 0) throw new Error(`no row ${label} on ${s.name}`);
  return [i + 1, s.cells[i] as SpecCell[]];
}

const header = (s: SheetSpec, row: number) =>
  (s.cells[row - 1] ?? []).map((v) => (typeof v === 'string' ? v : null));

describe('consolidatedWorkbookSpec', () => {
  it('names its sheets in French, or in English', () => {
    expect(build().sheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Détail',
      'Constats',
      'Journal',
      'MARCC',
      'MDAC',
      'MRN',
    ]);
    expect(build(miniReturns(), 'en').sheets.map((s) => s.name)).toEqual([
      'Summary',
      'Detail',
      'Findings',
      'Log',
      'MARCC',
      'MDAC',
      'MRN',
    ]);
  });

  it('is the same spec when built twice, whatever order returns and log come in', () => {
    const again = build([...miniReturns()].reverse(), 'fr', [...LOG].reverse());
    expect(JSON.stringify(again)).toBe(JSON.stringify(build()));
    expect(JSON.stringify(build())).not.toContain('Date');
  });

  it('puts SUMIFS over Détail beside the values PAC computed, and a concordance formula', () => {
    const s = sheet(build(), 'Synthèse');
    const h = header(s, 5);
    const col = (name: string) => h.indexOf(name);
    const [row, cells] = rowOf(s, 'Prévention');
    expect(row).toBe(6);
    expect(cells[1]).toBe('MARCC');
    expect(cells[col('TOTAL')]).toEqual({
      formula: `SUMIFS('Détail'!$L$6:$L$11,'Détail'!$U$6:$U$11,"1",'Détail'!$V$6:$V$11,"MARCC")`,
    });
    expect(cells[col('TOTAL (PAC)')]).toBe(300.5);
    expect(cells[col('Activités PM')]).toEqual({
      formula: `COUNTIFS('Détail'!$U$6:$U$11,"1",'Détail'!$V$6:$V$11,"MARCC",'Détail'!$Z$6:$Z$11,"PM")`,
    });
    expect(cells[col('Activités PM (PAC)')]).toBe(1);
    expect(cells[col('Enveloppe TOTAL')]).toBe(300);
    expect(cells[col('Écart au TOTAL (PAC)')]).toBe(0.5);
    expect(cells[col('Écart (%) (PAC)')]).toBe(0.2);
    expect(cells[col('Écart au TOTAL')]).toEqual({ formula: 'IF(ISNUMBER(O6),ROUND(H6-O6,6),"")' });
    expect(cells[col('Concordance')]).toEqual({
      formula: 'IF(SUMPRODUCT(ABS(C6:M6-U6:AE6))<=0.0000005,"OK","ÉCART")',
    });
  });

  it('ends the table with a TOTAL row of sums and the adopted TOTAL, then the pillars', () => {
    const s = sheet(build(), 'Synthèse');
    const col = (name: string) => header(s, 5).indexOf(name);
    const [row, total] = rowOf(s, 'TOTAL');
    expect(row).toBe(11);
    expect(total[col('2021')]).toEqual({ formula: 'SUM(C6:C10)' });
    expect(total[col('Enveloppe TOTAL')]).toBe(1250);
    expect(total[col('TOTAL (PAC)')]).toBe(600.799999);
    expect(rowOf(s, 'Par pilier')[0]).toBe(13);
    const protection = s.cells[16 - 1] ?? [];
    expect(protection[0]).toBe('Protection');
    expect(protection[col('TOTAL')]).toEqual({
      formula: `SUMIFS('Détail'!$L$6:$L$11,'Détail'!$U$6:$U$11,"2")`,
    });
    expect(protection[col('TOTAL (PAC)')]).toBe(100.3);
  });

  it('lays Détail out like the entry sheet, with the line that counts and why', () => {
    const s = sheet(build(), 'Détail');
    const h = header(s, 5);
    expect(h.slice(0, 6)).toEqual(['Code', 'Activité', 'Résultat', 'Responsable', 'Coût au plan', 'Nature']);
    expect(h.slice(-5)).toEqual(['Ligne de', 'Version', 'État', 'Statut', 'Remarque']);
    const byCode = (code: string) => s.cells.find((r) => r[0] === code) ?? [];
    const col = (name: string) => h.indexOf(name);
    expect([
      byCode('1.1.1.3')[col('Nature')],
      byCode('1.1.1.3')[col('Statut')],
      byCode('1.1.1.3')[col('Total')],
    ]).toEqual(['PM', 'PM', null]);
    expect(byCode('2.1.1.1').slice(col('Ligne de'))).toEqual([null, null, null, 'Aucune ligne', null]);
    const joint = byCode('2.1.1.2');
    expect([
      joint[col('Responsable')],
      joint[col('Ligne de')],
      joint[col('Version')],
      joint[col('État')],
      joint[col('Total')],
    ]).toEqual(['MARCC-MRN', 'MRN', 1, 'Soumis', 100]);
    expect(joint[col('Remarque')]).toBe(
      "Ligne de MRN retenue : celle de MARCC, chef de file, n'est pas remplie",
    );
    const [, pac] = rowOf(s, 'Calculé par PAC');
    expect(pac[col('Total')]).toBe(600.799999);
    expect(pac[col('Statut')]).toEqual({
      formula: 'IF(SUMPRODUCT(ABS(G12:N12-G13:N13))<=0.0000005,"OK","ÉCART")',
    });
  });

  it("gives each ministry its lines, counted or not, with its sheet's totals", () => {
    const s = sheet(build(), 'MARCC');
    expect(s.cells[0]).toEqual(['MARCC — Ministère des Affaires Religieuses']);
    expect(s.cells[1]).toEqual(['Version 3 · Accepté · reçue le 2024-03-03T10:00:00Z · CPS MARCC']);
    const h = header(s, 5);
    const rows = s.cells
      .slice(5, 8)
      .map((r) => [r[0], r[h.indexOf('Comptée dans la synthèse')], r[h.indexOf('Remarque')]]);
    expect(rows).toEqual([
      ['1.1.1.1', 'Oui', null],
      ['1.1.1.3', 'Oui', null],
      ['2.1.1.2', 'Non', 'Non comptée : activité conjointe, la ligne de MRN (v1) est comptée'],
    ]);
    expect(rowOf(s, 'Calculé par PAC')[1][h.indexOf('Total')]).toBe(300.5);
  });

  it('lists every finding in words, and the log in time order', () => {
    const spec = build();
    expect(sheet(spec, 'Constats').cells[3]).toEqual([
      'MARCC',
      3,
      'Saisie!A8',
      'line_not_filled',
      'Avertissement',
      messageOf(WARNING, 'fr'),
    ]);
    expect(
      sheet(spec, 'Journal')
        .cells.slice(3)
        .map((r) => [r[0], r[1], r[4], r[10]]),
    ).toEqual([
      ['MRN', 1, 'Soumis', 'Oui'],
      ['MARCC', 2, 'Renvoyé', 'Non'],
      ['MDAC', 2, 'Renvoyé', 'Oui'],
      ['MARCC', 3, 'Accepté', 'Oui'],
    ]);
  });

  it('writes text that looks like a formula as text', () => {
    const texts = ['=HYPERLINK("http://x","clic")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)'];
    const returns = [
      latest(
        'MRN',
        1,
        texts.map((t, i) => costed(6 + i, i === 0 ? '2.1.1.3' : `9.9.9.${i}`, { 2023: 1 }, { comment: t })),
      ),
    ];
    const spec = build(returns);
    const cells = spec.sheets.flatMap((s) => s.cells.flat());
    for (const t of texts) expect(cells.filter((v) => v === t).length).toBeGreaterThan(0);
    const formulas = cells.filter(isFormula).map((f) => f.formula);
    for (const t of texts) expect(formulas.some((f) => f.includes(t.slice(1)))).toBe(false);
  });

  it('keeps sheet names valid and unique', () => {
    const returns = [latest('A/B:C*D', 1, []), latest('détail', 1, []), latest('X'.repeat(40), 1, [])];
    const names = build(returns).sheets.map((s) => s.name);
    // Codes the plan does not know come after its ministries, in code order.
    expect(names.slice(4)).toEqual(['A_B_C_D', 'X'.repeat(31), 'détail (2)']);
  });
});
