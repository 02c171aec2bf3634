// What the service adds for a deployment, through the whole app: `nosniff` on every API answer
// (success, refusal, unknown path), the manifest for PAC_PUBLIC_URL at /addin/manifest.xml, and the
// planners' help page at /aide (French) and /help (English) that the manifest's SupportUrl names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addinManifest } from '../../../server/manifest/addin-manifest.ts';
import { BACKENDS } from '../store/backends.ts';
import { type Service, startService } from './harness.ts';

describe('the service deployed at https://pac.example.org', () => {
  let s: Service;

  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number], {
      publicUrl: 'https://pac.example.org',
      contact: 'Secrétariat permanent <sp@example.org>, +223 20 00 00 00',
    });
  });

  afterAll(async () => {
    await s?.db.cleanup();
  });

  it('marks every API answer nosniff: a success, a refusal and an unknown path alike', async () => {
    for (const [path, token, status] of [
      ['/api/health', null, 200],
      ['/api/status', undefined, 200],
      ['/api/status', null, 401],
      ['/api/nope', undefined, 404],
    ] as const) {
      const res = await s.call(path, { token });
      expect([path, res.status, res.headers.get('x-content-type-options')]).toEqual([
        path,
        status,
        'nosniff',
      ]);
    }
    const bad = await s.call('/api/tokens', { json: { role: 'chef' } });
    expect([bad.status, bad.headers.get('x-content-type-options')]).toEqual([400, 'nosniff']);
    // A download, which its route builds as a Response of its own, and a 304 alike.
    const workbook = await s.call('/api/consolidated/workbook.xlsx');
    expect([workbook.status, workbook.headers.get('x-content-type-options')]).toEqual([200, 'nosniff']);
    const plan = await s.call('/api/plan');
    const again = await s.call('/api/plan', { headers: { 'if-none-match': plan.headers.get('etag') ?? '' } });
    expect([again.status, again.headers.get('x-content-type-options')]).toEqual([304, 'nosniff']);
  });

  it('serves the add-in manifest for its public address, without a token', async () => {
    const res = await s.call('/addin/manifest.xml', { token: null });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(addinManifest({ url: 'https://pac.example.org' }));
  });

  it('serves the planners’ help page in French at /aide, in English at /help, each linking the other', async () => {
    const fr = await s.call('/aide', { token: null });
    expect(fr.status).toBe(200);
    expect(fr.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await fr.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('PAC — aide pour les planificateurs des CPS');
    expect(page).toContain('<a href="https://pac.example.org/addin/manifest.xml">manifest.xml</a>');
    expect(page).toContain('<code>https://pac.example.org</code>');
    // The contact is text: its angle brackets are escaped, never markup.
    expect(page).toMatch(/Secrétariat permanent &(lt|#60);sp@example\.org&(gt|#62);, \+223 20 00 00 00/);
    expect(page).not.toContain('<sp@example.org>');
    expect(page).toContain('<a href="/help" hreflang="en" lang="en">English</a>');

    const en = await (await s.call('/help', { token: null })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('PAC — help for CPS planners');
    expect(en).toContain('<a href="/aide" hreflang="fr" lang="fr">Français</a>');
  });

  it('lets no script into the help page: its CSP allows only its own style sheet, by hash', async () => {
    const res = await s.call('/aide', { token: null });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('script-src');
    expect(await res.text()).not.toContain('<script');
  });
});

describe('the service without a public address', () => {
  let s: Service;

  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number]);
  });

  afterAll(async () => {
    await s?.db.cleanup();
  });

  it('explains how to get a manifest, and gives the help page with the address it was asked on', async () => {
    const manifest = await s.call('/addin/manifest.xml', { token: null });
    expect(manifest.status).toBe(404);
    expect(await manifest.text()).toContain('npm run pac -- manifest --url');
    const help = await (await s.call('/aide', { token: null })).text();
    expect(help).toContain('<code>http://localhost</code>');
    expect(help).toContain('le Secrétariat permanent qui vous a remis votre jeton');
  });
});
