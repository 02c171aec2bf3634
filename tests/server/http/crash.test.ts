/**
 * The real service process (`server/main.ts`, as `npm start` runs it) killed with SIGKILL in the
 * middle of a burst of concurrent submissions: after a restart every acknowledged submission is
 * there, intact, each ministry's versions run 1..n with no hole, and a client retrying what was
 * not acknowledged (same Idempotency-Key) never creates a second copy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Backend } from '../store/backends.ts';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  adminToken: string | null;
  exited: Promise<void>;
}

function startProcess(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.stdout?.on('data', (d) => {
      out += d;
      const url = /http:\/\/localhost:(\d+)\//.exec(out);
      const waitsForToken = out.includes('Jeton administrateur') && !/\n {2}pac_\S+\n/.test(out);
      if (url && !waitsForToken) {
        resolve({
          child,
          url: `http://127.0.0.1:${url[1]}`,
          adminToken: /\n {2}(pac_\S+)\n/.exec(out)?.[1] ?? null,
          exited,
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`service exited (${code}) before listening: ${err}`)));
  });
}

async function post(url: string, token: string, body: unknown, key?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body, checked by the assertions that read it
  return { status: res.status, body: (await res.json()) as any };
}

async function get(url: string, token: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body, checked by the assertions that read it
  return (await res.json()) as any;
}

/** Submission n of the burst: a distinct comment makes each one a distinct version. */
const submission = (n: number) => {
  const doc = mjsReturn();
  const [first] = doc.lines;
  if (first) first.comment = `envoi ${n}`;
  return doc;
};

async function crashTest(backend: Backend) {
  const db = await backend.open();
  const env: Record<string, string> = db.config.databaseUrl
    ? { DATABASE_URL: db.config.databaseUrl }
    : { DATA_DIR: db.config.dataDir };
  try {
    const first = await startProcess(env);
    const admin = first.adminToken as string;
    expect(admin).toMatch(/^pac_/);
    const created = await post(`${first.url}/api/tokens`, admin, {
      role: 'ministry',
      ministry: 'MJS',
      label: 'CPS MJS',
    });
    const token = created.body.secret as string;

    const acknowledged = new Map<number, number>(); // n → version
    const sent = Array.from({ length: 60 }, (_, n) => n);
    let killed = false;
    await Promise.all(
      sent.map(async (n) => {
        try {
          const r = await post(`${first.url}/api/returns`, token, submission(n), `burst-0000-${n}`);
          if (r.status === 201) acknowledged.set(n, r.body.receipt.version);
          if (acknowledged.size >= 15 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          // The connection died with the process: this one was never acknowledged.
        }
      }),
    );
    await first.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(15);
    expect(acknowledged.size).toBeLessThan(sent.length); // the kill did cut the burst

    const second = await startProcess(env);
    try {
      expect(second.adminToken).toBeNull(); // shown on the very first start only
      const list = (await get(`${second.url}/api/returns?ministry=MJS`, admin)).returns as {
        version: number;
      }[];
      const versions = list.map((r) => r.version).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
      for (const [n, version] of acknowledged) {
        const stored = await get(`${second.url}/api/returns/MJS/${version}`, admin);
        expect(stored.return.payload.lines[0].comment).toBe(`envoi ${n}`);
        expect(stored.return.payload.lines).toHaveLength(3);
      }
      // Clients retry what was not acknowledged: each gets its own version exactly once.
      const before = versions.length;
      const retried = sent.filter((n) => !acknowledged.has(n));
      const results = await Promise.all(
        retried.map((n) => post(`${second.url}/api/returns`, token, submission(n), `burst-0000-${n}`)),
      );
      expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
      const after = (await get(`${second.url}/api/returns?ministry=MJS`, admin)).returns.length;
      expect(after).toBe(before + results.filter((r) => r.status === 201).length);
      expect(after).toBe(sent.length);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    await db.cleanup();
  }
}

describeEachBackend('the service killed during a burst of submissions', (backend) => {
  it(
    'keeps every acknowledged submission intact and never duplicates a retried one',
    () => crashTest(backend),
    120_000,
  );
});
