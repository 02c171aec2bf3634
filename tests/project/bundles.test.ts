/**
 * Each page keeps only the core it uses: package.json's `sideEffects` names every folder but
 * addin/core, whose modules only define things. If the core were bundled whole (a folder added
 * without the field, a module with a top-level side effect), the ribbon's function file would
 * carry zod and the dashboard the template builder — on the slow lines the pages are fetched over.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/excel/build.ts';
import { buildDashboard } from '../../server/dashboard/build.ts';

describe('bundles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pac-bundles-'));
    await Promise.all([
      buildAddin({ outDir: join(dir, 'addin') }),
      buildDashboard({ outDir: join(dir, 'dashboard') }),
    ]);
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leave zod and the template builder out of the ribbon file and the dashboard', async () => {
    const commands = await readFile(join(dir, 'addin', 'commands.js'), 'utf8');
    const dashboard = await readFile(join(dir, 'dashboard', 'dashboard.js'), 'utf8');
    expect(commands.length).toBeLessThan(5_000);
    // The dashboard carries four pages (returns, funding with the cycle comparison, execution) and
    // the core's money and wording; zod or the template builder alone would add well over 100 kB.
    expect(dashboard.length).toBeLessThan(135_000);
    // Strings only zod and the template builder carry (ASCII: the minifier escapes accented letters).
    for (const text of [commands, dashboard]) {
      expect(text).not.toContain('Invalid input');
      expect(text).not.toContain('How to fill in the PAC entry template');
    }
  });

  it('keep in the pane what it runs', async () => {
    const pane = await readFile(join(dir, 'addin', 'taskpane.js'), 'utf8');
    expect(pane).toContain('Saisie');
    // The pane sets sheets up, so it carries the template builder the other pages leave out.
    expect(pane).toContain('How to fill in the PAC entry template');
    expect(pane.length).toBeLessThan(400_000);
  });
});
