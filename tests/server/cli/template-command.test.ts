// `pac template`: writes the template for one ministry or the whole plan, refuses what it cannot do.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

const dir = mkdtempSync(join(tmpdir(), 'pac-template-cli-'));

describe('pac template', () => {
  it('writes one ministry’s template and says what it wrote', async () => {
    const file = join(dir, 'marcc.xlsx');
    const t = io();
    expect(await main(['template', '--ministry', 'marcc', '-o', file], t.io)).toBe(0);
    expect(t.err).toEqual([]);
    expect(t.out.join('\n').replace(file, '<file>')).toMatchInlineSnapshot(`
      "Modèle écrit : <file>
      Portée : MARCC
      Feuilles : Mode d'emploi, Saisie, Synthèse, Contrôles, Listes (masquée)
      Saisie : 21 lignes de données, dont 12 activités (le reste : sous-totaux pilier, OS, résultat)"
    `);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      "Mode d'emploi",
      'Saisie',
      'Synthèse',
      'Contrôles',
      'Listes',
      'PAC_meta',
    ]);
  });

  it('writes the whole plan in English with --output, and reports it as JSON', async () => {
    const file = join(dir, 'all.xlsx');
    const t = io();
    expect(await main(['template', '--lang', 'en', '--output', file, '--json'], t.io)).toBe(0);
    const report = JSON.parse(t.out.join('\n'));
    expect(report).toMatchObject({ file, ministry: null, lang: 'en', activities: 103 });
    expect(report.sheets.map((s: { name: string }) => s.name)).toEqual([
      'Instructions',
      'Entry',
      'Summary',
      'Checks',
      'Lists',
      'PAC_meta',
    ]);
  });

  it('refuses an unknown ministry with the valid codes, exit 2', async () => {
    const t = io();
    expect(await main(['template', '--ministry', 'MEN', '-o', join(dir, 'x.xlsx')], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatchInlineSnapshot(
      `"Ministère inconnu ou sans activité dans le plan : « MEN ». Codes valides : MARCC, MDAC, MATD, MSPC, MJDH, MSDS, MEFP, MRN, MJS, MEF, MAECI."`,
    );
    // A joint spelling names two ministries: refused rather than guessed.
    expect(await main(['template', '--ministry', 'MARCC-MRN', '-o', join(dir, 'x.xlsx')], io().io)).toBe(2);
  });

  it('asks for -o, exit 2', async () => {
    const t = io();
    expect(await main(['template', '--ministry', 'MARCC'], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/^Indiquez le fichier à écrire avec -o FICHIER\.xlsx\./);
  });

  it('says so when the file cannot be written, exit 2', async () => {
    const t = io();
    expect(await main(['template', '-o', join(dir, 'missing', 'dir', 'x.xlsx')], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/^Impossible d'écrire/);
  });
});
