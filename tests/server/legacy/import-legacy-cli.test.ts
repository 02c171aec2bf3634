// `pac import-legacy`: the report row by row, the cost rule, the written template and its check;
// exit 0 when everything was imported and the written file has no error, 1 otherwise, 2 when
// nothing could be written.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { validateWorkbook } from '../../../server/returns/validate-file.ts';
import { legacyWorkbook } from '../../fixtures/legacy-builder.ts';

const index = shippedPlan();
const dir = mkdtempSync(join(tmpdir(), 'pac-import-legacy-'));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

const faithful = join(dir, 'plan-ministere.xlsx');
writeFileSync(faithful, await legacyWorkbook(index));

describe('pac import-legacy', () => {
  it('imports a faithful copy of section IV, says what it did row by row, and writes a valid template', async () => {
    const out = join(dir, 'modele.xlsx');
    const t = io();
    expect(await main(['import-legacy', faithful, '-o', out], t.io)).toBe(0);
    expect(t.err).toEqual([]);
    expect(t.out.slice(0, 2)).toEqual([
      "Tableau au format du plan : 5 tableaux (feuille « Plan d'action 2021-2025 »), 103 ligne(s) d'activité.",
      'Importées : 103 ; non importées : 0.',
    ]);
    // One line per row of the table.
    expect(t.out.filter((l) => /^[·!✗–] Plan d'action 2021-2025!C\d+ /.test(l))).toHaveLength(103);
    expect(t.out).toContain(
      "! Plan d'action 2021-2025!C104 (4.2.3.1) → 4.2.1.1 : PM (pour mémoire, non chiffrée). Code imprimé 4.2.3.1 : c'est l'activité 4.2.1.1 du plan (résultat 4.2.1).",
    );
    expect(t.out.some((l) => l.startsWith('Règle du coût : '))).toBe(true);
    expect(t.out).toContain(`Modèle écrit : ${out} (plan complet).`);
    expect(t.out.at(-1)).toMatch(/^0 erreur, \d+ avertissements\.$/);
    const check = await validateWorkbook(await readFile(out), index);
    expect(check.kind === 'checked' && check.report.valid).toBe(true);
  });

  it('writes the ministry’s template with --ministry and counts other ministries’ rows apart', async () => {
    const out = join(dir, 'modele-mspc.xlsx');
    const t = io();
    expect(await main(['import-legacy', faithful, '-o', out, '--ministry', 'MSPC', '--json'], t.io)).toBe(0);
    const json = JSON.parse(t.out.join('\n'));
    expect(json).toMatchObject({
      ministry: 'MSPC',
      imported: index.activitiesOf('MSPC').length,
      skipped: 0,
      otherMinistries: 103 - index.activitiesOf('MSPC').length,
      validation: { valid: true },
    });
    expect(json.legacy.lines[0]).toMatchObject({
      code: '1.1.1.1.',
      imported: false,
      reason: { code: 'not_ministry' },
    });
  });

  it('exits 1 when rows could not be imported, and says why', async () => {
    const bytes = await legacyWorkbook(index, {
      extra: [
        {
          after: '1.1.1.1',
          cells: {
            activity: '7.1.1.1. Activité hors plan',
            alignment: null,
            cost: 50,
            responsible: 'MJDH',
            partners: '',
            marks: ['X'],
          },
        },
      ],
    });
    const input = join(dir, 'hors-plan.xlsx');
    writeFileSync(input, bytes);
    const t = io();
    expect(await main(['import-legacy', input, '-o', join(dir, 'hors-plan-modele.xlsx')], t.io)).toBe(1);
    expect(t.out).toContain(
      "✗ Plan d'action 2021-2025!C7 (7.1.1.1.) : non importée — le code 7.1.1.1 n'est pas une activité du plan.",
    );
  });

  it('exits 2 without writing anything when the input is not usable', async () => {
    const csv = join(dir, 'plan.csv');
    writeFileSync(csv, 'Résultats;Activités;Coût\n');
    const out = join(dir, 'jamais.xlsx');
    const t = io();
    expect(await main(['import-legacy', csv, '-o', out], t.io)).toBe(2);
    expect(t.err[0]).toMatch(/^Fichier inutilisable : Ce fichier n'est pas un fichier \.xlsx/);
    expect(existsSync(out)).toBe(false);

    const template = io();
    expect(await main(['import-legacy', 'templates/xlsx/pac-modele-MJDH.xlsx', '-o', out], template.io)).toBe(
      2,
    );
    expect(template.err[0]).toMatch(/^Fichier inutilisable : Aucun tableau au format du plan d'action/);

    const usage = io();
    expect(await main(['import-legacy', faithful], usage.io)).toBe(2);
    expect(usage.err[0]).toMatch(/^Indiquez le tableau à importer et le modèle à écrire/);
  });
});
