/**
 * LibreOffice headless as a real spreadsheet engine for tests: converts .xlsx files to .xlsx with
 * every formula recomputed, or prints them to PDF. LibreOffice keeps cached results on load unless its profile says
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

export const NEEDS_CALIBRI_METRICS =
  "needs a font with the metrics of Calibri, the template's font: apt-get install fonts-crosextra-carlito";

/**
 * Whether LibreOffice lays a workbook out as Excel does: with Calibri itself or Carlito, its
 * metric-compatible twin. Without either it falls back to a wider font and every column grows.
 */
export function hasCalibriMetrics(): boolean {
  const found = spawnSync('fc-match', ['-f', '%{family}', 'Calibri'], { encoding: 'utf8' });
  return found.status === 0 && /carlito|calibri/i.test(found.stdout);
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
export function newRecalcProfile(prefix = 'recalc'): string {
  const dir = mkdtempSync(join(tmpdir(), `pac-lo-${prefix}-`));
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  return dir;
}

const profiles = new Map<string, string>();

/** A profile per purpose ("recalc", "fallback-fonts"): a profile caches the fonts it saw. */
function recalcProfile(purpose = 'recalc'): string {
  let profile = profiles.get(purpose);
  if (profile === undefined) {
    profile = newRecalcProfile(purpose);
    profiles.set(purpose, profile);
  }
  return profile;
}

function convert(
  files: string[],
  format: string,
  outDir: string,
  options: { profile?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  const args = [
    `-env:UserInstallation=${pathToFileURL(recalcProfile(options.profile)).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    format,
    '--outdir',
    outDir,
    ...files,
  ];
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  return new Promise((resolve, reject) => {
    execFile('soffice', args, { timeout: 90_000, env }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`soffice failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

/**
 * Opens each file in LibreOffice, recomputes it and saves it as .xlsx under `outDir` (same base
 * name). One soffice process for all the files.
 */
export function recalculate(files: string[], outDir: string): Promise<void> {
  return convert(files, 'xlsx', outDir);
}

/**
 * Prints each file to PDF under `outDir` (same base name), every formula recomputed first, as
 * Calc's "Export as PDF" does: every visible sheet with its page setup, header and footer.
 * `fallbackFonts` hides the metric-compatible Calibri and Cambria (Carlito, Caladea), so that the
 * file is laid out with whatever else the machine has (DejaVu Sans on Debian), as on a computer
 * without them.
 */
export function printToPdf(
  files: string[],
  outDir: string,
  opts: { fallbackFonts?: boolean } = {},
): Promise<void> {
  if (!opts.fallbackFonts) return convert(files, 'pdf', outDir);
  const profile = recalcProfile('fallback-fonts');
  const conf = join(profile, 'fonts.conf');
  writeFileSync(conf, FONTS_WITHOUT_CROSEXTRA);
  return convert(files, 'pdf', outDir, { profile: 'fallback-fonts', env: { FONTCONFIG_FILE: conf } });
}

const FONTS_WITHOUT_CROSEXTRA = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>/usr/share/fonts/truetype/crosextra/*</glob></rejectfont></selectfont>
</fontconfig>
`;
