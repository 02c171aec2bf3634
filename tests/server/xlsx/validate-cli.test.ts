// `pac validate`: findings with sheet and cell and a count; exit 0 without error, 1 with errors,
// 2 with a clear French message when the file cannot be used — whatever was sent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { editWorkbook, entryCell, filledTemplate } from '../../fixtures/filled-template.ts';
import { legacyWorkbook } from '../../fixtures/legacy-builder.ts';
import { buildZip, cfbWithStreams } from '../../fixtures/zip-builder.ts';

const index = shippedPlan();
const dir = mkdtempSync(join(tmpdir(), 'pac-validate-cli-'));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const marcc = await filledTemplate(index, { ministry: 'MARCC' });
const totalCell = entryCell(marcc.spec, index, '1.1.1.1', 'total');
const typedOver = await editWorkbook(marcc.bytes, (wb) => {
  const ws = wb.getWorksheet('Saisie');
  if (ws) ws.getCell(totalCell).value = 450;
});

describe('pac validate', () => {
  it('exits 0 on a correct return and says what it read', async () => {
    const t = io();
    expect(await main(['validate', file('ok.xlsx', marcc.bytes)], t.io)).toBe(0);
    expect(t.out[0]).toBe(
      'Modèle PAC (version 1), plan pnlevt-2021-2025 version 1, ministère MARCC — 12 ligne(s) lue(s).',
    );
    expect(t.out.at(-1)).toMatch(/^0 erreur, \d+ avertissements?\.$/);
  });

  it('exits 1 and prints each finding with its cell when there are errors', async () => {
    const t = io();
    expect(await main(['validate', file('typed.xlsx', typedOver)], t.io)).toBe(1);
    // The wording itself belongs to the core's messages; here, the place and the activity.
    expect(t.out.filter((l) => l.startsWith(`✗ Saisie!${totalCell} — Activité 1.1.1.1 : `))).toHaveLength(1);
    expect(t.out.at(-1)).toMatch(/^2 erreurs, \d+ avertissements?\.$/);
  });

  it('gives the report as JSON, in English on request', async () => {
    const t = io();
    expect(await main(['validate', file('typed-en.xlsx', typedOver), '--json', '--lang', 'en'], t.io)).toBe(
      1,
    );
    const json = JSON.parse(t.out.join('\n'));
    expect(json).toMatchObject({
      valid: false,
      layout: 'template',
      meta: { ministry: 'MARCC' },
      stats: { errors: 2 },
    });
    expect(json.findings.find((f: { code: string }) => f.code === 'line_total_mismatch')).toMatchObject({
      code: 'line_total_mismatch',
      where: { sheet: 'Saisie', cell: totalCell },
      message: expect.stringMatching(/^Activity 1\.1\.1\.1: the years add up to 500 million FCFA/),
    });
  });

  it('checks a whole-plan file for the ministry given', async () => {
    const t = io();
    const whole = await filledTemplate(index, {
      ministry: null,
      line: (l, a) => (a.responsible === 'MRN' ? l : null),
    });
    expect(await main(['validate', file('whole.xlsx', whole.bytes), '--ministry', 'mrn-apr'], t.io)).toBe(0);
    expect(t.out[0]).toContain('ministère MRN');
  });

  it('reads a sheet kept in the plan’s layout', async () => {
    const t = io();
    expect(await main(['validate', file('legacy.xlsx', await legacyWorkbook(index))], t.io)).toBe(0);
    expect(t.out[0]).toBe(
      "Tableau au format du plan (feuille « Plan d'action 2021-2025 ») — 103 ligne(s) d'activité, 103 reconnue(s).",
    );
  });

  it.each([
    [
      'a CSV file',
      'retour.csv',
      Buffer.from('Code;2021\n1.1.1.1;500\n'),
      /^Fichier inutilisable : Ce fichier n'est pas un fichier \.xlsx : il ressemble à un fichier CSV/,
    ],
    ['a PDF', 'retour.pdf', Buffer.from('%PDF-1.4\n'), /il ressemble à un document PDF/],
    [
      'random bytes',
      'retour.xlsx',
      Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31 + 7) % 256)),
      /il ressemble à un fichier de type inconnu/,
    ],
    [
      'a truncated .xlsx',
      'tronque.xlsx',
      marcc.bytes.subarray(0, 5000),
      /^Fichier inutilisable : Le fichier \.xlsx est endommagé : il est tronqué/,
    ],
    [
      'a password-protected workbook',
      'protege.xlsx',
      cfbWithStreams(['EncryptionInfo', 'EncryptedPackage']),
      /protégé par un mot de passe/,
    ],
  ])('exits 2 with a clear French message for %s', async (_, name, bytes, message) => {
    const t = io();
    expect(await main(['validate', file(name, bytes)], t.io)).toBe(2);
    expect(t.out).toEqual([]);
    expect(t.err.join('\n')).toMatch(message);
  });

  it.each([
    [
      'a zip bomb',
      async () =>
        buildZip([
          { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(32 * 1024 * 1024) },
        ]),
      /refusé par sécurité \(« bombe zip »\)/,
    ],
    [
      'a formula linked to another file',
      () =>
        editWorkbook(marcc.bytes, (wb) => {
          const ws = wb.getWorksheet('Saisie');
          if (ws) ws.getCell('H9').value = { formula: '[1]Budget!B4', result: 3 };
        }),
      /^Fichier inutilisable : Le fichier contient des formules liées à d'autres fichiers \(cellule Saisie!H9\)/,
    ],
    [
      'a +cmd|… text',
      () =>
        editWorkbook(marcc.bytes, (wb) => {
          const ws = wb.getWorksheet('Saisie');
          if (ws) ws.getCell('T9').value = "+cmd|' /C calc'!A0";
        }),
      /^Fichier inutilisable : La cellule Saisie!T9 contient « \+cmd\|' \/C calc'!A0 », un texte qui deviendrait une formule dangereuse/,
    ],
  ])('exits 2 with a clear French message for %s', async (_, make, message) => {
    const t = io();
    expect(await main(['validate', file('danger.xlsx', await make())], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(message);
  });

  it('exits 2 for a formula reaching outside the file, naming its cell, also as JSON', async () => {
    const bytes = await editWorkbook(marcc.bytes, (wb) => {
      const ws = wb.getWorksheet('Saisie');
      if (ws) ws.getCell('T9').value = { formula: 'HYPERLINK("http://example.org","x")', result: 'x' };
    });
    const t = io();
    expect(await main(['validate', file('lien.xlsx', bytes), '--json'], t.io)).toBe(2);
    expect(JSON.parse(t.out.join('\n'))).toMatchObject({
      unusable: {
        code: 'dangerous_formula',
        where: { sheet: 'Saisie', cell: 'T9' },
        message: expect.stringContaining('HYPERLINK'),
      },
    });
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = join(dir, 'gros.xlsx');
    writeFileSync(big, Buffer.alloc(11 * 1024 * 1024));
    const t = io();
    expect(await main(['validate', big], t.io)).toBe(2);
    expect(t.err).toEqual([
      'Fichier inutilisable : Fichier trop volumineux (11 Mo) : la limite est de 10 Mo. Un retour de ministère pèse bien moins : envoyez le modèle PAC de votre ministère, sans images ni feuilles ajoutées.',
    ]);
  });

  it('says so when the file or the ministry does not exist', async () => {
    const missing = io();
    expect(await main(['validate', join(dir, 'absent.xlsx')], missing.io)).toBe(2);
    expect(missing.err[0]).toMatch(/^Fichier introuvable/);
    const ministry = io();
    expect(await main(['validate', file('m.xlsx', marcc.bytes), '--ministry', 'XYZ'], ministry.io)).toBe(2);
    expect(ministry.err[0]).toMatch(/^Ministère inconnu ou sans activité dans le plan : « XYZ »/);
  });
});
