// The Google Sheets build takes the same public address as the service and its Excel manifest:
// `PAC_PUBLIC_URL=https://… npm run build:sheets` limits UrlFetchApp to that service, whose origin
// is the manifest's AppDomain for the same variable. `--service` still wins, and the older
// PAC_SERVICE_URL still works.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheets, serviceOf } from '../../addin/sheets/build.ts';
import { configFromEnv } from '../../server/config.ts';
import { addinManifest } from '../../server/manifest/addin-manifest.ts';

describe('the Sheets build and PAC_PUBLIC_URL', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pac-sheets-address-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the address from --service, else PAC_PUBLIC_URL, else PAC_SERVICE_URL', () => {
    const env = { PAC_PUBLIC_URL: 'https://pac.example.ml', PAC_SERVICE_URL: 'https://old.example.ml' };
    expect(serviceOf(['node', 'build.ts', '--service', 'https://cli.example.ml'], env)).toBe(
      'https://cli.example.ml',
    );
    expect(serviceOf(['node', 'build.ts'], env)).toBe('https://pac.example.ml');
    expect(serviceOf(['node', 'build.ts'], { PAC_SERVICE_URL: 'https://old.example.ml' })).toBe(
      'https://old.example.ml',
    );
    expect(serviceOf(['node', 'build.ts'], { PAC_PUBLIC_URL: '' })).toBeUndefined();
  });

  it('whitelists in appsscript.json the service whose origin the Excel manifest names', async () => {
    const env = { PAC_PUBLIC_URL: 'https://pac.example.ml:8443' };
    await buildSheets({ outDir: dir, service: serviceOf(['node', 'build.ts'], env) as string });
    const manifest = JSON.parse(await readFile(join(dir, 'appsscript.json'), 'utf8'));
    expect(manifest.urlFetchWhitelist).toEqual(['https://pac.example.ml:8443/']);
    const publicUrl = configFromEnv(env).publicUrl as string;
    expect(addinManifest({ url: publicUrl })).toContain(`<AppDomain>${publicUrl}</AppDomain>`);
    expect(manifest.urlFetchWhitelist[0]).toBe(`${publicUrl}/`);
  });
});
