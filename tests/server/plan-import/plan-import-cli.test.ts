// `pac plan import`: the report in French (English with --lang en, JSON with --json), the plan
// file written only when nothing stops it (exit 0), refused with the errors listed (exit 1, no
// file), and an input that cannot be used at all named as such (exit 2).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Plan } from '#core';
import { main } from '../../../server/cli/main.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import {
  PNLEVT_LAYOUT,
  planWorkbook,
  SEVEN_YEAR_LAYOUT,
  SYNTHETIC_MINISTRIES_CSV,
  sevenYearPlan,
  THOUSANDS_LAYOUT,
  thousandsPlan,
} from '../../fixtures/plan-workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'pac-plan-import-cli-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const communal = file('communal.xlsx', await planWorkbook(thousandsPlan(), THOUSANDS_LAYOUT));
const seven = file('pac-2026-2032.xlsx', await planWorkbook(sevenYearPlan(), SEVEN_YEAR_LAYOUT));
const pnlevt = file('pnlevt.xlsx', await planWorkbook(shippedPlan().plan, PNLEVT_LAYOUT));
const ministries = file('ministeres.csv', SYNTHETIC_MINISTRIES_CSV);

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['plan', 'import', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('pac plan import', () => {
  it('writes a plan that passes the schema, and says where it read it, its years and unit', async () => {
    const output = join(dir, 'communal.json');
    const r = await run(
      communal,
      '-o',
      output,
      '--id',
      'communal-2027-2032',
      '--title',
      'Plan communal 2027–2032',
    );
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out.slice(0, 4)).toEqual([
      'Classeur « communal.xlsx » : 3 tableaux de détail (feuilles « Axe 1 », « Axe 2 », « Axe 3 »), tableau de synthèse « Tableau de synthèse des coûts » (feuille « Synthèse des coûts », ligne 2).',
      'Plan : 3 pilier(s), sans objectifs stratégiques (résultats sous leur pilier), 9 résultat(s), 18 activité(s).',
      "Années : 2027 à 2032 (AN I = 2027, d'après le tableau de synthèse).",
      "Unité des montants : milliers FCFA (en-tête Axe 1!E3) ; enregistrée dans le plan (plan.unit « milliers FCFA », plan.amountUnit FCFA × 1\u202f000) ; les montants sont gardés tels qu'écrits, sans conversion.",
    ]);
    expect(r.out).toContain('  « MARCC-MRN » → MARCC + MRN (responsable ×4 ; première : Axe 1!F7)');
    expect(r.out.at(-1)).toBe(`Plan écrit : ${output} (communal-2027-2032, version 1).`);
    const plan = Plan.parse(JSON.parse(readFileSync(output, 'utf8')));
    expect(plan.plan).toMatchObject({
      id: 'communal-2027-2032',
      title: 'Plan communal 2027–2032',
      unit: 'milliers FCFA',
    });
    expect(plan.activities).toHaveLength(18);
  });

  it('reports in English with --lang en', async () => {
    const r = await run(communal, '-o', join(dir, 'communal-en.json'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out[1]).toBe(
      'Plan: 3 pillar(s), no strategic objectives (results under their pillar), 9 result(s), 18 activities.',
    );
    expect(r.out.at(-1)).toMatch(/^Plan written: .*communal-en\.json \(communal, version 1\)\.$/);
  });

  it('refuses with exit 1, writes nothing, and names each error’s cell', async () => {
    const output = file('refused.json', 'previous content');
    const r = await run(seven, '-o', output);
    expect(r.code).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe('previous content');
    expect(r.out).toContain(
      '  ✗ PAC 2026-2032!F11 — Activité 1.1.2.2 : département responsable « MIC » inconnu du répertoire des ministères. Corrigez la graphie, ou ajoutez-la au fichier --ministries (code, nom, graphies séparées par |, tutelle).',
    );
    expect(r.out.at(-1)).toBe('Aucun plan écrit : 14 erreur(s) à corriger dans le classeur.');
  });

  it('reads the ministries file given with --ministries', async () => {
    const output = join(dir, 'seven.json');
    const r = await run(seven, '-o', output, '--ministries', ministries);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  « M.I.C » → MIC (responsable ×5 ; première : PAC 2026-2032!F14)');
    const plan = Plan.parse(JSON.parse(readFileSync(output, 'utf8')));
    expect(plan.plan.years).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032]);
  });

  it('refuses the PNLEVT as a draft, and takes it as an adopted plan with --adopted', async () => {
    const draft = await run(pnlevt, '-o', join(dir, 'pnlevt-draft.json'));
    expect(draft.code).toBe(1);
    expect(existsSync(join(dir, 'pnlevt-draft.json'))).toBe(false);
    expect(draft.out.at(-1)).toBe(
      "Aucun plan écrit : 7 erreur(s) à corriger dans le classeur. Dont 7 erreur(s) du plan lui-même (tableau de synthèse, codes) : un plan déjà adopté, qu'on ne peut plus corriger, s'importe avec --adopted, qui les garde telles qu'écrites et les signale.",
    );
    const output = join(dir, 'pnlevt.json');
    const adopted = await run(pnlevt, '-o', output, '--adopted', '--id', 'pnlevt-2021-2025');
    expect(adopted.code).toBe(0);
    expect(adopted.out.slice(-2)).toEqual([
      `Plan écrit : ${output} (pnlevt-2021-2025, version 1).`,
      "Plan adopté (--adopted) : 6 erreur(s) du plan lui-même gardée(s) telle(s) qu'écrite(s) et signalée(s) ci-dessus.",
    ]);
    expect(adopted.out).toContain(
      "  Plan d'action 2021-2025!C103  4.2.1.1  « 4.2.3.1 » → « 4.2.1.1 »  Code 4.2.3.1 écrit deux fois (aussi Plan d'action 2021-2025!C107) : renuméroté sous son résultat 4.2.1.",
    );
    expect(adopted.out).toContain(
      '  ✗ Coûts et financement!H4 — Tableau II.2.1, ligne « Prévention / MARCC » : la somme des années (4\u202f260 millions FCFA) ne correspond pas au total (4\u202f250 ; écart toléré : 0). Corrigez les montants de la ligne.',
    );
  });

  it('prints one JSON object with --json: findings with their place and message, and the checks', async () => {
    const r = await run(pnlevt, '-o', join(dir, 'pnlevt-json.json'), '--json', '--lang', 'en');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out.join('\n'));
    expect(json).toMatchObject({
      written: null,
      valid: false,
      blocking: 7,
      adopted: false,
      counts: { pillars: 5, objectives: 15, results: 31, activities: 103 },
      years: [2021, 2022, 2023, 2024, 2025],
      yearsFrom: 'summary',
      unit: { label: 'millions FCFA', currency: 'FCFA', multiplier: 1_000_000, from: { kind: 'header' } },
    });
    expect(json.findings[0]).toMatchObject({
      code: 'code_fits_two_parents',
      severity: 'error',
      place: "Plan d'action 2021-2025!C114",
      message:
        'Code 4.3.1.2 sits under result 4.3.2, but it names result 4.3.1, which exists too: where it belongs cannot be told. Move the row or fix its code.',
    });
    expect(json.checks.stats.errors).toBe(6);
    expect(json.corrections[0]).toMatchObject({
      item: '2.1.1.1',
      kind: 'code_normalised',
      reason: 'Spaces inside the code removed.',
    });
  });

  it('exits 2 on what it cannot use at all, saying why', async () => {
    const output = join(dir, 'never.json');
    expect((await run(communal)).code).toBe(2);
    const unit = await run(communal, '-o', output, '--unit', 'beaucoup');
    expect([unit.code, unit.err[0]]).toEqual([
      2,
      'Unité illisible « beaucoup » : écrivez par exemple --unit "millions FCFA", --unit "milliers FCFA" ou --unit "millions USD".',
    ]);
    expect((await run(communal, '-o', output, '--first-year', '26')).code).toBe(2);
    expect((await run(communal, '-o', output, '--ministries', join(dir, 'absent.csv'))).code).toBe(2);
    const csv = await run(file('plan.csv', 'a;b;c\n1;2;3\n'), '-o', output);
    expect(csv.code).toBe(2);
    expect(csv.err[0]).toMatch(/^Fichier inutilisable : .*CSV/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').getCell('A1').value = 'Rien à voir';
    const empty = await run(file('notes.xlsx', Buffer.from(await wb.xlsx.writeBuffer())), '-o', output);
    expect(empty.code).toBe(2);
    expect(empty.err[0]).toMatch(/^Aucun tableau de plan trouvé/);
    expect(existsSync(output)).toBe(false);
    const unknown: string[] = [];
    expect(await main(['plan', 'importer'], { out: () => {}, err: (t) => unknown.push(t) })).toBe(2);
    expect(unknown[0]).toMatch(/^Sous-commande inconnue « importer »/);
  });
});
