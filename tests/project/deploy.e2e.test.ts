/**
 * The README's deployment, for the public address https://pac.example.org: the manifest built for
 * it validates against the Office XSD; the service started with PAC_PUBLIC_URL serves that same
 * manifest; the example nginx configuration (server/deploy/nginx-pac.conf, with a certificate made
 * by openssl here and local ports) parses and runs in front of the service; and Chromium, with
 * pac.example.org mapped to that nginx, opens the manifest's SourceLocation and gets the pane and
 * its versioned scripts from that origin — no failed request, no CSP violation, the French pane
 * drawn. The systemd unit example is checked by systemd-analyze. Each tool missing skips its part
 * with a message naming it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/excel/build.ts';
import { bootstrap } from '../../server/bootstrap.ts';
import { createApp } from '../../server/http/app.ts';
import { addinManifest } from '../../server/manifest/addin-manifest.ts';
import { CHROMIUM_FLAGS, CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import { testConfig } from '../server/http/harness.ts';
import { BACKENDS, type TestDatabase } from '../server/store/backends.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NGINX_EXAMPLE = join(ROOT, 'server/deploy/nginx-pac.conf');
const SYSTEMD_EXAMPLE = join(ROOT, 'server/deploy/pac.service');
const XSD = fileURLToPath(
  new URL('../../../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd', import.meta.url),
);
const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/deploy/', import.meta.url));
const PUBLIC = 'https://pac.example.org';
const HOST = 'pac.example.org';

const has = (command: string, ...args: string[]) => spawnSync(command, args).status === 0;
const nginxMissing = has('nginx', '-v') ? null : 'nginx (Debian package "nginx")';
const opensslMissing = has('openssl', 'version') ? null : 'openssl (Debian package "openssl")';
const xmllintMissing = has('xmllint', '--version') ? null : 'xmllint (Debian package "libxml2-utils")';
const systemdMissing = has('systemd-analyze', '--version')
  ? null
  : 'systemd-analyze (Debian package "systemd")';
const skipNote = (...missing: (string | null)[]) => {
  const needs = missing.filter((m) => m !== null);
  return needs.length ? ` — skipped: needs ${needs.join(', ')}` : '';
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Proxy {
  dir: string;
  /** The nginx main configuration wrapping the example, as a Debian nginx.conf would include it. */
  conf: string;
  tlsPort: number;
  httpPort: number;
}

/**
 * The example as an operator would adapt it — their name, their certificate — plus this machine's
 * ports, inside a minimal main configuration that keeps every file nginx writes in `dir`. Each
 * substitution must find its text, so a change to the example's shape is noticed here.
 */
async function nginxSetup(dir: string, servicePort: number): Promise<Proxy> {
  const [tlsPort, httpPort] = [await freePort(), await freePort()];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', join(dir, 'privkey.pem'), '-out', join(dir, 'fullchain.pem'),
    '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`,
  ], { stdio: 'pipe' }); // biome-ignore format: one openssl call
  let site = await readFile(NGINX_EXAMPLE, 'utf8');
  const replace = (from: string | RegExp, to: string) => {
    const found = typeof from === 'string' ? site.includes(from) : new RegExp(from.source).test(site);
    if (!found) throw new Error(`nginx-pac.conf no longer holds ${String(from)}`);
    site = site.replace(from, to);
  };
  replace(/server_name pac\.example\.ml;/g, `server_name ${HOST};`);
  replace('listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`);
  replace('listen 80;', `listen 127.0.0.1:${httpPort};`);
  replace(/ *listen \[::\]:\d+[^;]*;\n/g, ''); // this machine may have no IPv6
  replace('server 127.0.0.1:3000;', `server 127.0.0.1:${servicePort};`);
  replace('/etc/ssl/pac/fullchain.pem', join(dir, 'fullchain.pem'));
  replace('/etc/ssl/pac/privkey.pem', join(dir, 'privkey.pem'));
  await writeFile(join(dir, 'pac.conf'), site);
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/pac.conf;
}
`,
  );
  return { dir, conf, tlsPort, httpPort };
}

function nginxTest(proxy: Proxy, conf = proxy.conf) {
  return spawnSync('nginx', ['-t', '-p', proxy.dir, '-e', join(proxy.dir, 'error.log'), '-c', conf], {
    encoding: 'utf8',
  });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Call {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  /** Plain HTTP to nginx's port 80 server instead of HTTPS. */
  plain?: boolean;
}

/** A request to nginx as a computer that resolves pac.example.org to it would send it. */
function viaNginx(proxy: Proxy, path: string, call: Call = {}): Promise<Answer> {
  const request = call.plain ? httpRequest : httpsRequest;
  const headers: Record<string, string> = { host: HOST, ...call.headers };
  if (call.json !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: call.plain ? proxy.httpPort : proxy.tlsPort,
        path,
        method: call.method ?? (call.json === undefined ? 'GET' : 'POST'),
        headers,
        ...(call.plain ? {} : { servername: HOST, rejectUnauthorized: false }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(call.json === undefined ? undefined : JSON.stringify(call.json));
  });
}

describe.skipIf(xmllintMissing !== null)(`the manifest for ${PUBLIC}${skipNote(xmllintMissing)}`, () => {
  it('validates against the Office XSD', () => {
    const run = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], {
      input: addinManifest({ url: PUBLIC }),
      encoding: 'utf8',
    });
    expect([run.status, run.stderr.trim()]).toEqual([0, '- validates']);
  });
});

describe.skipIf(systemdMissing !== null)(`the systemd unit example${skipNote(systemdMissing)}`, () => {
  it('passes systemd-analyze verify', () => {
    const run = spawnSync('systemd-analyze', ['verify', SYSTEMD_EXAMPLE], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  });
});

describe.skipIf(nginxMissing !== null || opensslMissing !== null)(
  `the example nginx configuration${skipNote(nginxMissing, opensslMissing)}`,
  () => {
    let dir: string;
    let proxy: Proxy;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-nginx-'));
      await chmod(dir, 0o755); // nginx's workers may run as another user
      proxy = await nginxSetup(dir, 3000);
    });

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('parses (nginx -t), with a certificate and ports substituted', () => {
      const run = nginxTest(proxy);
      expect(run.stderr).toContain('syntax is ok');
      expect(run.stderr).toContain('test is successful');
      expect(run.status).toBe(0);
    });

    it('is refused by the same check when broken', async () => {
      const broken = (await readFile(join(dir, 'pac.conf'), 'utf8')).replace(
        'client_max_body_size 12m;',
        'client_max_body_size;',
      );
      await writeFile(join(dir, 'broken.conf'), broken);
      const main = (await readFile(proxy.conf, 'utf8')).replace('pac.conf', 'broken.conf');
      await writeFile(join(dir, 'broken-main.conf'), main);
      const run = nginxTest(proxy, join(dir, 'broken-main.conf'));
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('client_max_body_size');
    });
  },
);

const e2eMissing = [nginxMissing, opensslMissing, xmllintMissing, chromiumMissing];

describe.skipIf(e2eMissing.some((m) => m !== null))(
  `the pane at ${PUBLIC}, behind the example nginx, in Chromium${skipNote(...e2eMissing)}`,
  () => {
    let dir: string;
    let db: TestDatabase;
    let adminToken: string;
    let closeService: () => Promise<void>;
    let proxy: Proxy;
    let nginx: ReturnType<typeof spawn>;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-deploy-e2e-'));
      await chmod(dir, 0o755);
      await mkdir(SHOTS, { recursive: true });
      // The service as `PAC_PUBLIC_URL=https://pac.example.org NODE_ENV=production npm start` runs
      // it, on a fresh database and a build of the add-in of its own (other tests rebuild dist/).
      const addinDir = join(dir, 'addin');
      await buildAddin({ outDir: addinDir });
      db = await (BACKENDS[0] as (typeof BACKENDS)[number]).open();
      adminToken = (await bootstrap(db.store)).adminToken as string;
      const app = createApp({
        store: db.store,
        config: testConfig(db, { publicUrl: PUBLIC, sourceMaps: false }),
        addinDir,
        log: () => {},
      });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      closeService = () => new Promise<void>((resolve) => server.close(() => resolve()));

      const nginxDir = join(dir, 'nginx');
      await mkdir(nginxDir);
      await chmod(nginxDir, 0o755);
      proxy = await nginxSetup(nginxDir, (server.address() as AddressInfo).port);
      nginx = spawn('nginx', ['-p', nginxDir, '-e', join(nginxDir, 'error.log'), '-c', proxy.conf], {
        stdio: 'ignore',
      });
      for (let tries = 0; (await viaNginx(proxy, '/api/health').catch(() => null))?.status !== 200; tries++) {
        if (tries > 150)
          throw new Error(`nginx did not start: ${await readFile(join(nginxDir, 'error.log'), 'utf8')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        ...CHROMIUM_LAUNCH,
        // pac.example.org is this nginx, on its port; its certificate is the one made above.
        args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${proxy.tlsPort}`],
        ignoreHTTPSErrors: true,
        viewport: { width: 380, height: 900 },
        serviceWorkers: 'block',
        locale: 'fr-FR',
      });
      // Office.js comes from Microsoft's CDN; there is no Internet here, so a stand-in answers for it.
      await context.route('https://appsforoffice.microsoft.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
      );
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __csp: string[] }).__csp = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(
            `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          ),
        );
      });
      page = context.pages()[0] ?? (await context.newPage());
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      if (nginx && nginx.exitCode === null) {
        const exited = new Promise((resolve) => nginx.once('exit', resolve));
        nginx.kill('SIGQUIT');
        await exited;
      }
      await closeService?.();
      await db?.cleanup();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('serves the manifest built for its public address, which validates, and opens its pane from that origin', async () => {
      const served = await page.goto(`${PUBLIC}/addin/manifest.xml`);
      const xml = (await served?.text()) ?? '';
      expect(served?.status()).toBe(200);
      expect(xml).toBe(addinManifest({ url: PUBLIC }));
      const check = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], { input: xml, encoding: 'utf8' });
      expect(check.status).toBe(0);

      const source = /<SourceLocation DefaultValue="([^"]+)"\/>/.exec(xml)?.[1] ?? '';
      expect(source).toBe(`${PUBLIC}/addin/taskpane.html`);

      const requests: string[] = [];
      const failed: string[] = [];
      const bad: string[] = [];
      const responses = new Map<string, Record<string, string>>();
      page.on('request', (r) => requests.push(r.url()));
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      page.on('response', async (r) => {
        if (r.status() >= 400) bad.push(`${r.status()} ${r.url()}`);
        responses.set(r.url(), await r.allHeaders());
      });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });

      await page.goto(source);
      await expect.poll(() => page.getByRole('heading', { name: 'Connexion' }).count()).toBe(1);
      expect(await page.locator('h1').textContent()).toBe('PAC');
      // The pane takes the origin it was served from as the service's address.
      expect(await page.inputValue('#pac-service')).toBe(PUBLIC);

      // Connected through nginx with a ministry token: the pane's requests go to its own origin.
      const made = await viaNginx(proxy, '/api/tokens', {
        headers: { authorization: `Bearer ${adminToken}` },
        json: { role: 'ministry', ministry: 'MARCC', label: 'CPS MARCC' },
      });
      await page.fill('#pac-token', (JSON.parse(made.body.toString()) as { secret: string }).secret);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect
        .poll(() => page.locator('#pac-connection-status').textContent())
        .toBe('Connecté : CPS MARCC (MARCC)');
      await page.screenshot({ path: join(SHOTS, 'pane-at-public-url.png'), fullPage: true });
      expect(requests).toContainEqual(`${PUBLIC}/api/me`);

      expect(failed).toEqual([]);
      expect(bad).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      // Everything came from the public origin, but Office.js from its CDN.
      const foreign = requests.filter(
        (u) => !u.startsWith(`${PUBLIC}/`) && !u.startsWith('https://appsforoffice.microsoft.com/'),
      );
      expect(foreign).toEqual([]);
      const script = requests.find((u) =>
        /^https:\/\/pac\.example\.org\/addin\/taskpane\.js\?v=[0-9a-f]{12}$/.test(u),
      );
      expect(script).toBeDefined();
      expect(requests).toContainEqual(expect.stringMatching(/\/addin\/check-browser\.js\?v=[0-9a-f]{12}$/));

      // Through nginx: the page revalidated and locked down, its script gzipped and kept for a year.
      const pageHeaders = responses.get(source) ?? {};
      expect(pageHeaders['cache-control']).toBe('no-cache');
      expect(pageHeaders['content-security-policy']).toContain(
        "script-src 'self' https://appsforoffice.microsoft.com",
      );
      expect(pageHeaders['strict-transport-security']).toBe('max-age=31536000');
      const scriptHeaders = responses.get(script as string) ?? {};
      expect(scriptHeaders['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(scriptHeaders['content-encoding']).toBe('gzip');
    });

    it('keeps the API’s answers compressed and revalidated by ETag through nginx', async () => {
      const made = await viaNginx(proxy, '/api/tokens', {
        headers: { authorization: `Bearer ${adminToken}` },
        json: { role: 'ministry', ministry: 'MARCC', label: 'CPS MARCC' },
      });
      expect(made.status).toBe(201);
      const token = (JSON.parse(made.body.toString()) as { secret: string }).secret;
      const auth = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };

      const first = await viaNginx(proxy, '/api/plan?ministry=MARCC', { headers: auth });
      expect(first.status).toBe(200);
      expect(first.headers['content-encoding']).toBe('gzip');
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(gunzipSync(first.body).toString()).plan.ministries).toBeDefined();
      // nginx weakens the ETag of what it compresses; the service still recognises it.
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      const again = await viaNginx(proxy, '/api/plan?ministry=MARCC', {
        headers: { ...auth, 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    });

    it('sends plain HTTP to HTTPS', async () => {
      const answer = await viaNginx(proxy, '/addin/taskpane.html', { plain: true });
      expect(answer.status).toBe(301);
      expect(answer.headers.location).toBe(`https://${HOST}/addin/taskpane.html`);
    });
  },
);
