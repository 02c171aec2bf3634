// The dashboard's route: the three built files at the root of the service, gzipped for slow lines,
// revalidated by ETag, cached for good when their link carries the build's hash, under a strict
// CSP — and nothing else: /api/* keeps its JSON answers (an unknown API path is still a JSON 404)
// and /addin/* its own route.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../server/dashboard/build.ts';
import { dashboardRoutes } from '../../server/routes/dashboard.ts';
import { type Service, startService } from '../server/http/harness.ts';
import { BACKENDS } from '../server/store/backends.ts';

describe('the dashboard route on a build of its own', () => {
  let dir: string;
  let app: ReturnType<typeof dashboardRoutes>;

  beforeAll(async () => {
    // A build in a temporary directory: the end-to-end test rebuilds dist/dashboard meanwhile.
    dir = await mkdtemp(join(tmpdir(), 'pac-dashboard-route-'));
    const files = await buildDashboard({ outDir: dir });
    expect(files.map((f) => f.name)).toEqual(['index.html', 'dashboard.js', 'dashboard.css']);
    app = dashboardRoutes(dir);
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the page at the root, under a CSP that allows only its own script and styles', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toMatch(/<script defer src="dashboard\.js\?v=[0-9a-f]{12}"><\/script>/);
    expect(html).not.toContain('__PAC_VERSION__');
  });

  it('sends the files gzipped to a browser that accepts it, and the same bytes otherwise', async () => {
    const plain = new Uint8Array(await (await app.request('/dashboard.js')).arrayBuffer());
    const res = await app.request('/dashboard.js?v=abc', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const zipped = new Uint8Array(await res.arrayBuffer());
    expect(zipped.length).toBeLessThan(plain.length / 2);
    expect(Buffer.from(gunzipSync(zipped)).equals(Buffer.from(plain))).toBe(true);
  });

  it('answers 304 to a browser that already has the page', async () => {
    const etag = (await app.request('/')).headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await app.request('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves only its three files', async () => {
    for (const path of ['/index.html', '/dashboard.js.map', '/../package.json', '/main.ts'])
      expect([path, (await app.request(path)).status]).toEqual([path, 404]);
  });

  it('says how to build the page when it is not built', async () => {
    const res = await dashboardRoutes(join(dir, 'absent')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:dashboard');
  });
});

describe('the dashboard mounted in the service', () => {
  let s: Service;

  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number]);
  });

  afterAll(async () => {
    await s.db.cleanup();
  });

  it('leaves an unknown API path a JSON 404, and an API call without a token a JSON 401', async () => {
    const unknown = await s.json('/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const anonymous = await s.json('/api/status', { token: null });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthenticated']);
    const elsewhere = await s.json('/tableau/inconnu', { token: null });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'not_found']);
  });

  it('answers the root with the page (or how to build it), without a token', async () => {
    const res = await s.call('/', { token: null });
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('content-type') ?? '').toMatch(/^text\/(html|plain)/);
  });

  it('leaves /addin/* to the add-in', async () => {
    const res = await s.call('/addin/taskpane.html', { token: null });
    const body = await res.text();
    // Built or not (its own test builds it), the add-in's route answers — never the dashboard.
    expect(body).toMatch(res.status === 200 ? /taskpane\.js/ : /build:addin/);
  });
});
