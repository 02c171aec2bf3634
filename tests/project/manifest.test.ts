/**
 * manifest.xml is a valid Excel task-pane manifest: it validates offline against Microsoft's
 * published XSD (../shared/office-manifest-xsd, with xmllint) and office-addin-manifest reads it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const XSD = new URL('../../../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd', import.meta.url)
  .pathname;
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const missing = !hasXmllint
  ? 'xmllint (Debian libxml2-utils)'
  : !existsSync(XSD)
    ? `the schemas at ${XSD}`
    : null;

describe('manifest.xml', () => {
  it.skipIf(missing !== null)(
    `validates against the Office XSD${missing ? ` — skipped: needs ${missing}` : ''}`,
    () => {
      const out = execFileSync('xmllint', ['--noout', '--schema', XSD, 'manifest.xml'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      expect(out).toBe('');
    },
  );

  it.skipIf(missing !== null)('is refused by the same validation when an element is out of place', () => {
    const broken = spawnSync(
      'sh',
      [
        '-c',
        `sed 's#<DefaultLocale>#<Bogus/><DefaultLocale>#' manifest.xml | xmllint --noout --schema ${XSD} -`,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(broken.status).not.toBe(0);
  });

  it('is an Excel task pane, French first with English overrides, requiring ExcelApi 1.8', async () => {
    const manifest = await OfficeAddinManifest.readManifestFile(`${ROOT}/manifest.xml`);
    expect(manifest.officeAppType).toBe('TaskPaneApp');
    expect(manifest.defaultLocale).toBe('fr-FR');
    expect(manifest.hosts).toEqual(['Workbook']);
    expect(manifest.displayName).toMatch(/Plan d'action chiffré/);
    const xml = (await import('node:fs')).readFileSync(`${ROOT}/manifest.xml`, 'utf8');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.8"/>');
    expect(xml).toContain('Locale="en-US" Value="PAC – Costed action plan"');
  });
});
