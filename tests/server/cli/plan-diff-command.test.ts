// `pac plan diff`: the shipped PNLEVT against a successor made from it (one activity renamed, one
// renumbered, two merged, one dropped, one added, a cost raised), in French, in English and as
// JSON; against a synthetic plan in thousands of FCFA (no subtraction across units); and the
// messages for a missing file or a file that is not a plan.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, CycleDiff, Plan } from '#core';
import { main } from '../../../server/cli/main.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { thousandsPlan } from '../../fixtures/plan-workbooks.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const byCode = (plan: Plan, code: string) => plan.activities.find((a) => a.code === code) as Activity;

/** The next cycle as a planner would make it from the PNLEVT. */
function successor(old: Plan): Plan {
  const next: Plan = structuredClone(old);
  next.plan = { ...next.plan, id: 'pnlevt-2026-2030', title: 'Plan d’action 2026–2030' };
  const merged = byCode(old, '2.1.1.2');
  next.activities = next.activities
    // Dropped; merged into 2.1.1.1.
    .filter((a) => a.code !== '1.1.2.3' && a.code !== '2.1.1.2')
    .map((a) => {
      if (a.code === '1.1.1.1')
        return { ...a, title: 'Conduire une étude nationale sur les causes de l’extrémisme' };
      // Renumbered, title unchanged but for a capital letter.
      if (a.code === '1.1.1.2') return { ...a, code: '1.1.1.5', title: a.title.toUpperCase() };
      if (a.code === '2.1.1.1')
        return { ...a, title: `${a.title} ; ${merged.title}`, cost: (a.cost ?? 0) + 100 };
      return a;
    });
  next.activities.push({
    ...byCode(old, '5.1.1.1'),
    code: '6.1.1.1',
    pillar: '6',
    objective: '6.1',
    result: '6.1.1',
    title: 'Déployer un numéro vert de signalement',
    cost: 250,
    costNote: null,
  });
  next.pillars.push({ code: '6', name: 'Communication', line: 0 });
  return next;
}

describe('pac plan diff', () => {
  let dir: string;
  let oldPath: string;
  let newPath: string;
  let thousandsPath: string;
  const old = shippedPlan().plan;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pac-plan-diff-'));
    oldPath = join(dir, 'pnlevt-2021-2025.json');
    newPath = join(dir, 'pnlevt-2026-2030.json');
    thousandsPath = join(dir, 'communal.json');
    // The old plan as `pac plan --json` writes it, as a user would get it.
    const shipped = await run(['plan', '--json']);
    await writeFile(oldPath, shipped.out);
    await writeFile(newPath, JSON.stringify(successor(old)));
    await writeFile(thousandsPath, JSON.stringify(thousandsPlan()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives every outcome and the money per pillar and ministry as JSON', async () => {
    const r = await run(['plan', 'diff', oldPath, newPath, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as CycleDiff;
    expect(d.kept).toHaveLength(old.activities.length - 5);
    expect(d.renamed.map((p) => p.old.code)).toEqual(['1.1.1.1']);
    expect(d.renumbered.map((p) => [p.old.code, p.new.code])).toEqual([['1.1.1.2', '1.1.1.5']]);
    expect(d.merged.map((g) => [g.old.map((a) => a.code), g.new.map((a) => a.code)])).toEqual([
      [['2.1.1.1', '2.1.1.2'], ['2.1.1.1']],
    ]);
    expect(d.dropped.map((a) => a.code)).toEqual(['1.1.2.3']);
    expect(d.added.map((a) => a.code)).toEqual(['6.1.1.1']);
    const pillar2 = d.money.byPillar.find((m) => m.key === '2');
    const lost = byCode(old, '2.1.1.2').cost ?? 0;
    expect(pillar2).toMatchObject({ before: '9620', after: String(9620 - lost + 100) });
    expect(d.money.byPillar.at(-1)).toMatchObject({
      key: '6',
      name: 'Communication',
      before: null,
      after: '250',
    });
    expect(d.money.total.before).toBe('51180');
  });

  it('prints the report in French, with counts, each change and the money tables', async () => {
    const r = await run(['plan', 'diff', oldPath, newPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Du plan pnlevt-2021-2025 au plan pnlevt-2026-2030');
    expect(r.out).toMatch(/Renumérotées\s+1\s/);
    expect(r.out).toMatch(/Fusionnées \(1\) :\n {2}2\.1\.1\.1 \+ 2\.1\.1\.2 → 2\.1\.1\.1/);
    expect(r.out).toMatch(/Nouvelles \(1\) :\n {2}6\.1\.1\.1 {2}250 {2}\S+ {2}« Déployer un numéro vert/);
    expect(r.out).toMatch(/6 Communication\s+—\s+250\s+\+250\s+—/);
    expect(r.out).toContain('Coûts par ministère responsable');
    expect(r.out).toMatch(/Total\s+51\u202f180\s+51\u202f\d{3}/);
  });

  it('prints the report in English with --lang en', async () => {
    const r = await run(['plan', 'diff', oldPath, newPath, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('From plan pnlevt-2021-2025 to plan pnlevt-2026-2030');
    expect(r.out).toMatch(/Dropped \(1\):\n {2}1\.1\.2\.3/);
    expect(r.out).toContain('pnlevt-2021-2025 (million FCFA)');
    expect(r.out).not.toMatch(/Conservées|Écart/);
  });

  it('gives each plan its unit and computes no change between millions and thousands', async () => {
    const r = await run(['plan', 'diff', oldPath, thousandsPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(millions FCFA et milliers FCFA)');
    expect(r.out).toContain('plan-communal-2027-2032 (milliers FCFA)');
    expect(r.out).not.toContain('Écart');
    const d = JSON.parse((await run(['plan', 'diff', oldPath, thousandsPath, '--json'])).out) as CycleDiff;
    expect(d.sameUnit).toBe(false);
    expect(d.money.total.change).toBeNull();
  });

  it('says which file is missing or is not a plan, and exits 2', async () => {
    const missing = await run(['plan', 'diff', join(dir, 'absent.json'), newPath]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Fichier introuvable');
    expect(missing.err).toContain('absent.json');
    const notPlan = join(dir, 'not-a-plan.json');
    await writeFile(notPlan, JSON.stringify({ plan: { id: 'x' }, activities: [] }));
    const wrong = await run(['plan', 'diff', oldPath, notPlan, '--lang', 'en']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/"[^"]*not-a-plan\.json" is not a canonical plan: plan\.\w+/);
    const usage = await run(['plan', 'diff', oldPath]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage : pac plan diff');
  });
});
