// `--plan PLAN.json`: the next cycle's plan, imported with `pac plan import` as a secretariat would,
// gets its template, annual plan, plan checks and validation from the command line, with its years
// and its unit (thousands of FCFA here) in every message; a file that is not a plan is said so.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { planWorkbook, THOUSANDS_LAYOUT, thousandsPlan } from '../../fixtures/plan-workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'pac-plan-option-'));
const at = (name: string) => join(dir, name);

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

writeFileSync(at('communal.xlsx'), await planWorkbook(thousandsPlan(), THOUSANDS_LAYOUT));
const imported = await run(
  'plan',
  'import',
  at('communal.xlsx'),
  '-o',
  at('communal.json'),
  '--id',
  'communal-2027-2032',
);
const PLAN = at('communal.json');

describe('--plan PLAN.json', () => {
  it('the plan file is the one `pac plan import` wrote', () => {
    expect(imported.code).toBe(0);
    expect(JSON.parse(readFileSync(PLAN, 'utf8')).plan.years).toEqual([2027, 2028, 2029, 2030, 2031, 2032]);
  });

  it('pac template: the ministry’s activities and years of that plan, and the plan named in the file', async () => {
    const r = await run('template', '--plan', PLAN, '--ministry', 'MSPC', '-o', at('mspc.xlsx'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.meta).toMatchObject({ planId: 'communal-2027-2032', ministry: 'MSPC' });
    expect(report.activities).toBe(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(at('mspc.xlsx')) as unknown as ArrayBuffer);
    const entry = wb.getWorksheet('Saisie');
    if (!entry) throw new Error('no Saisie sheet');
    const headers = (entry.getRow(5).values as unknown[]).map(String);
    expect(headers).toEqual(expect.arrayContaining(['2027', '2032']));
    expect(headers).not.toContain('2021');
  });

  it('pac validate: checks a file of that plan against it, in its unit; the shipped plan refuses it', async () => {
    const against = await run('validate', at('mspc.xlsx'), '--plan', PLAN);
    expect(against.code).toBe(0);
    expect(against.out).toContain('plan communal-2027-2032 version 1, ministère MSPC');
    // Thousands of FCFA and the plan's own summary table, not the shipped plan's words.
    // (French numbers group thousands with a narrow no-break space.)
    expect(against.out.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      "le retour totalise 0 millier FCFA contre 18 600 à l'enveloppe adoptée (tableau « Tableau de synthèse des coûts »)",
    );
    expect(against.out).not.toMatch(/million|II\.2\.1/);
    const shipped = await run('validate', at('mspc.xlsx'));
    expect(shipped.code).toBe(2);
    expect(shipped.err).toContain('« communal-2027-2032 », pas pour le plan en vigueur « pnlevt-2021-2025 »');
  });

  it('pac annual-plan: a year of that plan, which the shipped plan does not have', async () => {
    const r = await run('annual-plan', '--year', '2030', '--plan', PLAN, '-o', at('2030.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toContain("Plan d'action annuel 2030 écrit");
    const shipped = await run('annual-plan', '--year', '2030', '-o', at('2030-shipped.xlsx'));
    expect(shipped.code).toBe(2);
    expect(shipped.err).toBe('Année hors du plan : « 2030 ». Années du plan : 2021, 2022, 2023, 2024, 2025.');
  });

  it('pac check-plan: that plan’s own checks', async () => {
    const r = await run('check-plan', '--plan', PLAN, '--json');
    expect(r.code).toBe(0);
    const shipped = await run('check-plan');
    expect(shipped.out).toContain('Plan pnlevt-2021-2025');
    const text = await run('check-plan', '--plan', PLAN);
    expect(text.out.split('\n')[0]).toBe('Plan communal-2027-2032 : 0 erreur(s), 0 avertissement(s).');
  });

  it('a missing file, or one that is not a plan: what is wrong and what to give, exit 2', async () => {
    const missing = await run('template', '--plan', at('absent.json'), '-o', at('x.xlsx'));
    expect(missing).toMatchObject({ code: 2, err: `Fichier introuvable : « ${at('absent.json')} ».` });
    writeFileSync(at('not-a-plan.json'), JSON.stringify({ plan: { id: 'x' }, activities: [] }));
    const wrong = await run(
      'annual-plan',
      '--year',
      '2030',
      '--plan',
      at('not-a-plan.json'),
      '-o',
      at('x.xlsx'),
      '--lang',
      'en',
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(
      /^".*not-a-plan\.json" is not a canonical plan: plan\.version — .*Give the plan written by "pac plan import"/,
    );
  });
});
