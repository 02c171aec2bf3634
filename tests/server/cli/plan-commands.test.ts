// `pac plan` and `pac check-plan`: the shipped plan, its corrections, and the document's own slips.
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('pac plan', () => {
  it('prints the plan as JSON in the documented shape', async () => {
    const r = await run(['plan', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.plan).toMatchObject({
      id: 'pnlevt-2021-2025',
      version: '1',
      years: [2021, 2022, 2023, 2024, 2025],
      unit: 'millions FCFA',
    });
    expect(json.activities).toHaveLength(103);
    expect(Object.keys(json.activities[0])).toEqual(
      expect.arrayContaining([
        'code',
        'title',
        'pillar',
        'objective',
        'result',
        'responsible',
        'responsibleAsWritten',
        'partners',
        'cost',
        'costNote',
        'years',
        'source',
      ]),
    );
    const renumbered = json.activities.find((a: { code: string }) => a.code === '4.2.1.1');
    expect(renumbered.corrections[0]).toMatchObject({
      kind: 'renumbered_duplicate',
      asWritten: '4.2.3.1',
      line: 2422,
    });
    expect(json.envelope.totalRow.total).toBe(51750);
    expect(json.ministries.map((m: { code: string }) => m.code)).toContain('MRN');
  });

  it('keeps one ministry’s activities, joint ones included, with --ministry (any spelling)', async () => {
    const r = await run(['plan', '--json', '--ministry', 'MRN-APR']);
    const codes = JSON.parse(r.out).activities.map((a: { code: string }) => a.code);
    expect(codes).toContain('5.3.2.3'); // MARCC-MRN, joint
    expect(codes.every((c: string) => c.startsWith('5.'))).toBe(true);
  });

  it('reports figures and every correction in French, with the document line', async () => {
    const r = await run(['plan']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Total\s+103\s+68\s+32\s+3\s+51\u202f180/);
    expect(r.out).toContain('Corrections apportées au texte du document (16)');
    expect(r.out).toContain('ligne 2422  4.2.1.1  « 4.2.3.1 » → « 4.2.1.1 »');
  });

  it('speaks English with --lang en', async () => {
    const r = await run(['plan', '--lang', 'en']);
    expect(r.out).toContain("Corrections made to the document's text (16)");
    expect(r.out).toContain('Code printed twice');
  });

  it('refuses an unknown ministry with exit 2 and a French message', async () => {
    const r = await run(['plan', '--ministry', 'XYZ']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Ministère inconnu « XYZ »');
  });
});

describe('pac check-plan', () => {
  it('lists every slip of the summary table with its row, expected and actual, and exits 1', async () => {
    const r = await run(['check-plan', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.valid).toBe(false);
    const rows = json.findings
      .filter(
        (f: { code: string }) => f.code === 'summary_row_mismatch' || f.code === 'summary_total_row_mismatch',
      )
      .map((f: { where: { line: number }; expected: number; actual: number }) => [
        f.where.line,
        f.expected,
        f.actual,
      ]);
    expect(rows).toEqual([
      [65, 4260, 4250],
      [109, 11980, 12000],
      [131, 5870, 5820],
      [164, 51790, 51750],
    ]);
    for (const f of json.findings) expect(f.message).toEqual(expect.any(String));
  });

  it('says where the detail does not add up to the summary, per pillar and per ministry', async () => {
    const json = JSON.parse((await run(['check-plan', '--json'])).out);
    const detail = json.findings.filter((f: { code: string }) => f.code === 'summary_detail_mismatch');
    const scopes = new Set(detail.map((f: { params: { scope: string } }) => f.params.scope));
    expect(scopes).toEqual(new Set(['pillar', 'ministry', 'pillar_ministry']));
    const pillar1 = detail.find(
      (f: { params: { scope: string; pillar: string } }) =>
        f.params.scope === 'pillar' && f.params.pillar === '1',
    );
    expect([pillar1.expected, pillar1.actual]).toEqual([16550, 12325]);
  });

  it('prints a readable French report', async () => {
    const r = await run(['check-plan']);
    expect(r.out.split('\n')[0]).toBe('Plan pnlevt-2021-2025 : 6 erreur(s), 25 avertissement(s).');
    expect(r.out).toMatch(
      /✗ Tableau II\.2\.1, ligne 65, colonne TOTAL — .*la somme des années \(4\u202f260 millions FCFA\) ne correspond pas au total \(4\u202f250/,
    );
  });
});
