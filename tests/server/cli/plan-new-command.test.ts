// `pac plan new --from plan.json`: hosts a plan beside the shipped one on the service's database
// (DATA_DIR), which the service then serves under ?plan=; refuses, in French and writing nothing,
// a file that is not a plan, and a plan version hosted already.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { configFromEnv } from '../../../server/config.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { sevenYearPlan } from '../../fixtures/plan-workbooks.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function hostedPlans(): Promise<string[]> {
  const store = await openStore(configFromEnv());
  try {
    return (await store.listPlans()).map((r) => `${r.planId}@${r.version}`).sort();
  } finally {
    await store.close();
  }
}

describe('pac plan new', () => {
  const saved = process.env.DATA_DIR;
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pac-plan-new-'));
    process.env.DATA_DIR = join(dir, 'data');
  });
  afterAll(() => {
    process.env.DATA_DIR = saved;
  });

  it('refuses a file that is not a plan, in French, saying where, and hosts nothing', async () => {
    const notJson = join(dir, 'pas-json.json');
    writeFileSync(notJson, 'plan: oui');
    const a = await run(['plan', 'new', '--from', notJson]);
    expect(a.code).toBe(2);
    expect(a.err).toContain('n’est pas du JSON');

    const broken = join(dir, 'casse.json');
    const plan = sevenYearPlan();
    writeFileSync(
      broken,
      JSON.stringify({ ...plan, plan: { ...plan.plan, years: [] }, activities: 'aucune' }),
    );
    const b = await run(['plan', 'new', '--from', broken]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('n’est pas un plan valide');
    expect(b.err).toMatch(/plan\.years/);
    expect(b.err).toMatch(/activities/);
    const en = await run(['plan', 'new', '--from', broken, '--lang', 'en']);
    expect(en.err).toContain('is not a valid plan');

    expect((await run(['plan', 'new'])).err).toContain('Usage : pac plan new --from');
    expect((await run(['plan', 'new', '--from', join(dir, 'absent.json')])).err).toContain('ENOENT');
  });

  it('hosts a plan beside the shipped one, says what it hosted, and never replaces it', async () => {
    const file = join(dir, 'plan.json');
    const plan = sevenYearPlan();
    writeFileSync(file, JSON.stringify(plan));
    const r = await run(['plan', 'new', '--from', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Plan hébergé : ${plan.plan.id} version ${plan.plan.version}`);
    expect(r.out).toContain(`${plan.activities.length} activités, années 2026, 2027`);
    expect(r.out).toContain('Plans hébergés :');
    expect(await hostedPlans()).toEqual(
      [`${plan.plan.id}@${plan.plan.version}`, 'pnlevt-2021-2025@1'].sort(),
    );

    const again = await run(['plan', 'new', '--from', file]);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`Le plan ${plan.plan.id} version ${plan.plan.version} est déjà hébergé`);

    const v2 = join(dir, 'plan-v2.json');
    writeFileSync(v2, JSON.stringify({ ...plan, plan: { ...plan.plan, version: '2' } }));
    expect((await run(['plan', 'new', '--from', v2, '--json'])).code).toBe(0);
    expect(await hostedPlans()).toEqual([`${plan.plan.id}@2`, 'pnlevt-2021-2025@1'].sort());
  });
});
