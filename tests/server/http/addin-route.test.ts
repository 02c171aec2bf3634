// /addin/*: the pane's files as a ministry's computer gets them — pages revalidated by ETag, the
// files they link with a content hash cached for a year, text gzipped, source maps only in
// development, a CSP that lets in Office.js's CDN and nothing else foreign — and the manifest made
// for PAC_PUBLIC_URL.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../../addin/excel/build.ts';
import { addinManifest } from '../../../server/manifest/addin-manifest.ts';
import { addinRoutes } from '../../../server/routes/static.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The route where the service mounts it. */
const mounted = (options: Parameters<typeof addinRoutes>[0]) =>
  new Hono().route('/addin', addinRoutes(options));

/** The CSP as { directive: sources }. */
function policy(header: string | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}

describe('the add-in route on a build of its own', () => {
  let dir: string;
  let dev: Hono;
  let production: Hono;
  let html: string;
  let scriptRef: string;

  beforeAll(async () => {
    // A build in a temporary directory: the pane's end-to-end test rebuilds dist/addin meanwhile.
    dir = await mkdtemp(join(tmpdir(), 'pac-addin-route-'));
    await buildAddin({ outDir: dir });
    dev = mounted({ dir, sourceMaps: true });
    production = mounted({ dir, sourceMaps: false });
    html = await readFile(join(dir, 'taskpane.html'), 'utf8');
    scriptRef = /<script src="(taskpane\.js\?v=[0-9a-f]{12})"><\/script>/.exec(html)?.[1] ?? '';
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('links the pane script, the browser check and the icon with a hash of their content', async () => {
    expect(scriptRef).not.toBe('');
    const bytes = await readFile(join(dir, 'taskpane.js'));
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    expect(scriptRef).toBe(`taskpane.js?v=${hash}`);
    expect(html).toMatch(/<script src="check-browser\.js\?v=[0-9a-f]{12}"><\/script>/);
    expect(html).toMatch(/href="assets\/icon-32\.png\?v=[0-9a-f]{12}"/);
    // No inline script: the CSP allows none.
    expect(html.match(/<script>/g)).toBeNull();
    const commands = await readFile(join(dir, 'commands.html'), 'utf8');
    expect(commands).toMatch(/<script src="commands\.js\?v=[0-9a-f]{12}"><\/script>/);
  });

  it('serves the pane page revalidated by ETag (304), under a CSP with Office.js as its only foreign source', async () => {
    const res = await dev.request('/addin/taskpane.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = policy(res.headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    const foreign = Object.values(csp)
      .flat()
      .filter((s) => /^https?:/.test(s));
    expect(new Set(foreign)).toEqual(new Set(['https://appsforoffice.microsoft.com']));
    // Office on the web shows the pane in its own iframe: nothing may forbid framing.
    expect(csp['frame-ancestors']).toBeUndefined();
    expect(res.headers.get('x-frame-options')).toBeNull();

    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await dev.request('/addin/taskpane.html', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    // The form a proxy hands back after compressing (a weak tag) matches too.
    expect(
      (await dev.request('/addin/taskpane.html', { headers: { 'if-none-match': `W/${etag}` } })).status,
    ).toBe(304);
    // /addin/ alone is the pane.
    expect(await (await dev.request('/addin/')).text()).toBe(html);
    expect(await (await dev.request('/addin')).text()).toBe(html);
  });

  it('caches the versioned pane script for a year and sends it gzipped, the same bytes unzipped', async () => {
    const plain = await dev.request(`/addin/${scriptRef}`);
    expect(plain.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const raw = Buffer.from(await plain.arrayBuffer());
    expect(raw.equals(await readFile(join(dir, 'taskpane.js')))).toBe(true);

    const res = await dev.request(`/addin/${scriptRef}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const zipped = Buffer.from(await res.arrayBuffer());
    expect(zipped.length).toBeLessThan(raw.length / 2);
    expect(gunzipSync(zipped).equals(raw)).toBe(true);
  });

  it('revalidates what is asked for without a version, and the service worker whatever its query', async () => {
    expect((await dev.request('/addin/taskpane.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await dev.request('/addin/sw.js?v=abc')).headers.get('cache-control')).toBe('no-cache');
    const icon = await dev.request(`/addin/${/href="(assets\/icon-32\.png\?v=[0-9a-f]+)"/.exec(html)?.[1]}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(icon.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(icon.headers.get('content-encoding')).toBeNull(); // PNG is compressed already
  });

  it('serves source maps in development only', async () => {
    expect((await dev.request('/addin/taskpane.js.map')).status).toBe(200);
    expect((await production.request('/addin/taskpane.js.map')).status).toBe(404);
    expect((await production.request('/addin/taskpane.html')).status).toBe(200);
  });

  it('reads nothing outside the build, and says how to build when there is nothing', async () => {
    for (const path of [
      '/addin/../package.json',
      '/addin/%2e%2e/package.json',
      '/addin/taskpane.ts',
      '/addin/nope.js',
      '/addin/%E0%A4%A.js',
    ])
      expect([path, (await dev.request(path)).status]).toEqual([path, 404]);
    const absent = await mounted({ dir: join(dir, 'absent') }).request('/addin/taskpane.html');
    expect(absent.status).toBe(404);
    expect(await absent.text()).toContain('npm run build:addin');
  });
});

describe('GET /addin/manifest.xml', () => {
  it('is the manifest for the public address and Id the service was started with', async () => {
    const id = '0f8c2f9e-4d1b-4c7a-9e35-6b2d8a1c7f40';
    const res = await mounted({ publicUrl: 'https://pac.example.org', addinId: id }).request(
      '/addin/manifest.xml',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toBe(addinManifest({ url: 'https://pac.example.org', id }));
    expect(xml).toContain(`<Id>${id}</Id>`);
    expect(xml).toContain('<SourceLocation DefaultValue="https://pac.example.org/addin/taskpane.html"/>');
  });

  it('says in French and English what to set when the service has no public address', async () => {
    const res = await mounted({}).request('/addin/manifest.xml');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toContain('PAC_PUBLIC_URL=https://');
    expect(text).toContain("Le manifeste du complément n'est servi que pour l'adresse publique");
    expect(text).toContain('The add-in manifest is served only');
  });
});
