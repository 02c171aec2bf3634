/**
 * LibreOffice headless as a real spreadsheet engine for tests: converts .xlsx files to .xlsx with
 * every formula recomputed. LibreOffice keeps cached results on load unless its profile says
 * otherwise (see ../shared/TESTING-NOTES.md), so the conversion runs with a profile whose OOXML
 * recalculation mode is "always". One profile per test process: its first start takes seconds.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NEEDS_LIBREOFFICE = 'needs LibreOffice: apt-get install libreoffice-calc';

let available: boolean | null = null;

export function hasLibreOffice(): boolean {
  available ??= spawnSync('soffice', ['--version'], { timeout: 30_000 }).status === 0;
  return available;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * A new LibreOffice profile that recomputes every formula on load. Each soffice needs a profile of
 * its own: two processes on one profile wait for each other's lock.
 */
export function newRecalcProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pac-lo-profile-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  return dir;
}

let profile: string | null = null;

function recalcProfile(): string {
  profile ??= newRecalcProfile();
  return profile;
}

/**
 * Opens each file in LibreOffice, recomputes it and saves it as .xlsx under `outDir` (same base
 * name). One soffice process for all the files.
 */
export function recalculate(files: string[], outDir: string): Promise<void> {
  const args = [
    `-env:UserInstallation=${pathToFileURL(recalcProfile()).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    'xlsx',
    '--outdir',
    outDir,
    ...files,
  ];
  return new Promise((resolve, reject) => {
    execFile('soffice', args, { timeout: 90_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`soffice failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}
