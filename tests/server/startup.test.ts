// `npm start` for a newcomer: it listens on this machine only unless HOST says otherwise, prints
// the dashboard, pane, manifest and help addresses people will use and the exact commands that make
// the first tokens (which are run here as printed), and stops at once with a message in French and
// English — not a stack trace — on a wrong setting or a port already taken.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/main.ts';
import { configFromEnv } from '../../server/config.ts';
import { startupMessage } from '../../server/startup-message.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function facts(env: NodeJS.ProcessEnv) {
  return {
    config: configFromEnv(env),
    port: 3000,
    seededPlan: null,
    mirrorSpreadsheet: null,
    adminToken: null,
  };
}

/** The commands the message prints, as argument lists for `pac` (the shell's quotes removed). */
function pacCommands(message: string): { env: Record<string, string | undefined>; args: string[] }[] {
  return [...message.matchAll(/^ {4}(?:(DATA_DIR=\S+) )?npm run -s pac -- (.+)$/gm)].map((m) => ({
    env: m[1] ? { DATA_DIR: m[1].slice('DATA_DIR='.length) } : {},
    args: [...(m[2] as string).matchAll(/"([^"]*)"|(\S+)/g)].map((a) => (a[1] ?? a[2]) as string),
  }));
}

describe('the start-up message', () => {
  it('gives the public addresses when PAC_PUBLIC_URL is set', () => {
    const text = startupMessage(facts({ PAC_PUBLIC_URL: 'https://pac.example.ml' }));
    expect(text).toMatch(/dashboard +https:\/\/pac\.example\.ml\/\n/);
    expect(text).toMatch(/Excel pane +https:\/\/pac\.example\.ml\/addin\/taskpane\.html\n/);
    expect(text).toMatch(/add-in manifest +https:\/\/pac\.example\.ml\/addin\/manifest\.xml\n/);
    expect(text).toMatch(/planners' help +https:\/\/pac\.example\.ml\/aide\n/);
    expect(text).toContain('HOST=127.0.0.1 : ce poste seulement');
  });

  it('gives the local addresses otherwise, and says how to get a manifest', () => {
    const text = startupMessage(facts({ HOST: '0.0.0.0' }));
    expect(text).toContain('http://localhost:3000/addin/taskpane.html');
    expect(text).toContain('démarrez avec PAC_PUBLIC_URL=https://… pour le servir');
    expect(text).toContain('HOST=0.0.0.0 : toutes les interfaces');
    expect(startupMessage(facts({ DATABASE_URL: 'postgres://x@h/db' }))).toContain(
      'avec la même DATABASE_URL',
    );
  });

  it('prints token commands that work as printed, on the service’s own database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pac-startup-cmds-'));
    const saved = process.env.DATA_DIR;
    try {
      const commands = pacCommands(startupMessage(facts({ DATA_DIR: dataDir })));
      expect(commands.map((c) => c.args.slice(0, 4).join(' '))).toEqual([
        'token create --role consolidator',
        'token create --role ministry',
        'token create --role admin',
      ]);
      for (const { env, args } of commands) {
        expect(env).toEqual({ DATA_DIR: dataDir });
        process.env.DATA_DIR = env.DATA_DIR;
        const out: string[] = [];
        const code = await main(args, { out: (t) => out.push(t), err: () => {} });
        expect([args.join(' '), code, out.join('\n')]).toEqual([
          args.join(' '),
          0,
          expect.stringMatching(/Jeton créé : .*\n.*\n {2}pac_/),
        ]);
      }
    } finally {
      if (saved === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** `npm start`'s own entry point in a child process. */
function startService(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', HOST: '', PAC_PUBLIC_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Everything the process prints until it exits. */
function finished(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

/** An address of this machine other than loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('npm start', () => {
  let dataDir: string;
  let child: ChildProcess;
  let output = '';
  let port = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pac-startup-'));
    child = startService({ PORT: '0', DATA_DIR: dataDir });
    child.stdout?.on('data', (d) => {
      output += d;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up message:\n${output}`)), 30_000);
      child.stdout?.on('data', () => {
        if (output.includes('Jeton administrateur (affiché une seule fois')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    port = Number(/http:\/\/localhost:(\d+)\//.exec(output)?.[1]);
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells a newcomer where things are and what to do next, with the first administrator token', () => {
    expect(output).toContain(`sync service : http://localhost:${port}/ (HOST=127.0.0.1`);
    expect(output).toContain(`http://localhost:${port}/addin/taskpane.html`);
    expect(output).toContain(`http://localhost:${port}/aide`);
    expect(output).toContain('token create --role ministry --ministry MARCC --label "CPS MARCC"');
    expect(output).toMatch(/shown once\):\n {2}pac_\S+\n$/);
  });

  it('answers on 127.0.0.1', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
  });

  it('prints no token on a later start, only how to make one', async () => {
    const stopped = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await stopped;
    child = startService({ PORT: '0', DATA_DIR: dataDir });
    let again = '';
    child.stdout?.on('data', (d) => {
      again += d;
    });
    await expect.poll(() => again, { timeout: 30_000 }).toContain('--role admin --label "Administrateur"\n');
    expect(again).not.toContain('affiché une seule fois');
    expect(again).not.toMatch(/^ {2}pac_/m);
    // What tests and scripts wait for: the address, and no "Jeton administrateur" still to come.
    expect(again).not.toContain('Jeton administrateur');
    port = Number(/http:\/\/localhost:(\d+)\//.exec(again)?.[1]);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });

  it.skipIf(!lanAddress)(
    `is not reachable from the network by default${lanAddress ? '' : ' — skipped: this machine has no address but loopback'}`,
    async () => {
      await expect(fetch(`http://${lanAddress}:${port}/api/health`)).rejects.toThrow();
    },
  );
});

describe('npm start with a wrong setting', () => {
  it('stops with exit 2 and the reason in French and English when PAC_PUBLIC_URL is not an https origin', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pac-startup-bad-'));
    try {
      const r = await finished(
        startService({ PORT: '0', DATA_DIR: dataDir, PAC_PUBLIC_URL: 'http://pac.example.ml' }),
      );
      expect(r.code).toBe(2);
      expect(r.err).toContain("PAC_PUBLIC_URL : l'adresse doit commencer par https://");
      expect(r.err).toContain('PAC_PUBLIC_URL: the address must start with https://');
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.out).toBe('');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('stops with exit 2 and says so when its port is taken', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pac-startup-busy-'));
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const r = await finished(startService({ PORT: String(taken), DATA_DIR: dataDir }));
      expect(r.code).toBe(2);
      expect(r.err).toContain(`Impossible d'écouter sur 127.0.0.1:${taken}`);
      expect(r.err).toContain('le port est déjà pris');
      expect(r.err).toContain('the port is taken');
    } finally {
      busy.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
