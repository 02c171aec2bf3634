/**
 * The Excel add-in's manifest, made by server/manifest/addin-manifest.ts for any public address:
 * valid offline against Microsoft's published XSD (../shared/office-manifest-xsd, with xmllint)
 * for several addresses, every address in it built from the one given, and the repository's
 * manifest.xml exactly the generator's output for the development address — so they cannot drift.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, it } from 'vitest';
import { addinManifest, DEV_ADDIN_ID, DEV_PUBLIC_URL } from '../../server/manifest/addin-manifest.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const XSD = new URL('../../../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd', import.meta.url)
  .pathname;
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const missing = !hasXmllint
  ? 'xmllint (Debian libxml2-utils)'
  : !existsSync(XSD)
    ? `the schemas at ${XSD}`
    : null;
const skipNote = missing ? ` — skipped: needs ${missing}` : '';

/** xmllint's verdict on a manifest given as text: null when valid, else its complaint. */
function schemaErrors(xml: string): string | null {
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], { input: xml, encoding: 'utf8' });
  return run.status === 0 ? null : run.stderr;
}

/** Every address the manifest holds: attribute values and AppDomain texts that start with a scheme. */
function addresses(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue="|<AppDomain>)(https?:\/\/[^"<]+)/g)].map((m) => m[1] as string);
}

const ADDRESSES = [
  'https://pac.example.org',
  'https://pac.example.ml:8443',
  'https://xn--ministre-60a.ml', // an accented name, as a browser spells it
  'http://localhost:3000',
];

describe('the add-in manifest', () => {
  it('in the repository is the generator’s output for the development address', () => {
    const checkedIn = readFileSync(`${ROOT}/manifest.xml`, 'utf8');
    expect(checkedIn).toBe(addinManifest({ url: DEV_PUBLIC_URL }));
  });

  it('builds every address from the one given: pages, icons, AppDomain and the planners’ help page', () => {
    const xml = addinManifest({ url: 'https://pac.example.ml:8443' });
    const all = addresses(xml);
    expect(all).toHaveLength(15);
    expect(
      all.filter((a) => !a.startsWith('https://pac.example.ml:8443/') && a !== 'https://pac.example.ml:8443'),
    ).toEqual([]);
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<SupportUrl DefaultValue="https://pac.example.ml:8443/aide"/>');
    expect(xml).toContain('<AppDomain>https://pac.example.ml:8443</AppDomain>');
    expect(xml).toContain('<SourceLocation DefaultValue="https://pac.example.ml:8443/addin/taskpane.html"/>');
    expect(xml).toContain(
      '<bt:Url id="Commands.Url" DefaultValue="https://pac.example.ml:8443/addin/commands.html"/>',
    );
  });

  it('keeps the development Id unless given another, and refuses one that is not a GUID', () => {
    expect(addinManifest({ url: DEV_PUBLIC_URL })).toContain(`<Id>${DEV_ADDIN_ID}</Id>`);
    const id = '0f8c2f9e-4d1b-4c7a-9e35-6b2d8a1c7f40';
    expect(addinManifest({ url: DEV_PUBLIC_URL, id })).toContain(`<Id>${id}</Id>`);
    expect(() => addinManifest({ url: DEV_PUBLIC_URL, id: 'PAC-1' })).toThrow(/GUID/);
  });

  it('carries the package version as Office’s four-part version', () => {
    const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
    expect(addinManifest({ url: DEV_PUBLIC_URL })).toContain(`<Version>${version}.0</Version>`);
  });

  it.skipIf(missing !== null)(`in the repository validates against the Office XSD${skipNote}`, () => {
    const out = execFileSync('xmllint', ['--noout', '--schema', XSD, 'manifest.xml'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).toBe('');
  });

  it.skipIf(missing !== null)(
    `validates for every kind of address, with a port or another Id${skipNote}`,
    () => {
      for (const url of ADDRESSES) expect([url, schemaErrors(addinManifest({ url }))]).toEqual([url, null]);
      const other = addinManifest({
        url: 'https://pac.example.org',
        id: '0F8C2F9E-4D1B-4C7A-9E35-6B2D8A1C7F40',
      });
      expect(schemaErrors(other)).toBeNull();
    },
  );

  it.skipIf(missing !== null)(
    `is refused by the same validation when an element is out of place${skipNote}`,
    () => {
      const broken = addinManifest({ url: 'https://pac.example.org' }).replace(
        '<DefaultLocale>',
        '<Bogus/><DefaultLocale>',
      );
      expect(schemaErrors(broken)).toMatch(/Bogus/);
    },
  );

  it('is an Excel task pane, French first with English overrides, requiring ExcelApi 1.8', async () => {
    const manifest = await OfficeAddinManifest.readManifestFile(`${ROOT}/manifest.xml`);
    expect(manifest.officeAppType).toBe('TaskPaneApp');
    expect(manifest.defaultLocale).toBe('fr-FR');
    expect(manifest.hosts).toEqual(['Workbook']);
    expect(manifest.displayName).toMatch(/Plan d'action chiffré/);
    const xml = readFileSync(`${ROOT}/manifest.xml`, 'utf8');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.8"/>');
    expect(xml).toContain('Locale="en-US" Value="PAC – Costed action plan"');
  });
});
