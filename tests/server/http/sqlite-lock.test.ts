/**
 * Another process holding the SQLite file's write lock (tests/server/store/lock-holder.ts, a real
 * second process running BEGIN IMMEDIATE) must not freeze the service: over real HTTP, health,
 * status and lists answer while the lock is held and a submission waits for it — the proof that
 * the wait does not block the event loop is that those answers arrive before the waiting write
 * has settled — the write then goes through once the lock is released; a write that waits longer
 * than its lock wait gets 503 with Retry-After, stores nothing, and is not counted as the
 * ministry's refused attempt.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../../server/store/open-store.ts';
import { BACKENDS } from '../store/backends.ts';
import { type Listening, listen, mjsReturn, type Service, startService } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOLDER = fileURLToPath(new URL('../store/lock-holder.ts', import.meta.url));
const sqlite = BACKENDS.find((b) => b.name === 'sqlite');
if (!sqlite) throw new Error('no SQLite backend');

interface Holder {
  child: ChildProcess;
  release(): Promise<void>;
}

/** Starts the holder and resolves once it holds the lock. */
function holdLock(file: string): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const released = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`holder exited ${code}: ${err}`))));
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('locked\n')) {
        resolve({
          child,
          release: () => {
            child.stdin?.end('go\n');
            return released;
          },
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`holder exited ${code} before locking: ${err}`)));
  });
}

async function withService(
  lockWaitMs: number,
  run: (s: Service, http: Listening, file: string) => Promise<void>,
): Promise<void> {
  const s = await startService(sqlite as NonNullable<typeof sqlite>, {}, { lockWaitMs });
  const http = await listen(s);
  try {
    await run(s, http, join(s.db.config.dataDir, SQLITE_FILE_NAME));
  } finally {
    await http.close();
    await s.db.cleanup();
  }
}

async function fetchJson(url: string, token: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body, checked by the assertions that read it
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('another process holding the SQLite write lock', () => {
  it('lets reads go on while a write waits on timers, and the write goes through once the lock is released', async () => {
    // A long lock wait, so the write is surely still waiting while the reads are made.
    await withService(20_000, async (s, { base }, file) => {
      const mjs = await s.token('ministry', 'MJS');
      const sp = await s.token('consolidator');
      const holder = await holdLock(file);
      let released = false;
      try {
        let writeSettled = false;
        const write = fetchJson(`${base}/api/returns`, mjs, {
          method: 'POST',
          body: JSON.stringify(mjsReturn()),
        }).finally(() => {
          writeSettled = true;
        });
        // Each of these authenticates (a token use is a write, skipped while locked) and reads.
        const health = await fetch(`${base}/api/health`);
        expect(health.status).toBe(200);
        expect((await fetchJson(`${base}/api/status`, sp)).status).toBe(200);
        expect((await fetchJson(`${base}/api/returns`, sp)).body.returns).toEqual([]);
        expect((await fetchJson(`${base}/api/me`, mjs)).status).toBe(200);
        expect(writeSettled).toBe(false);

        await holder.release();
        released = true;
        const done = await write;
        expect(done.status).toBe(201);
        expect(done.body.receipt.version).toBe(1);
      } finally {
        if (!released) await holder.release();
      }
    });
  });

  it('answers 503 with Retry-After to a write that waits too long, stores nothing, and takes the write once released', async () => {
    await withService(300, async (s, { base }, file) => {
      const mjs = await s.token('ministry', 'MJS');
      const holder = await holdLock(file);
      let released = false;
      try {
        const busy = await fetchJson(`${base}/api/returns`, mjs, {
          method: 'POST',
          body: JSON.stringify(mjsReturn()),
        });
        expect(busy.status).toBe(503);
        expect(busy.body.error.code).toBe('database_busy');
        expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(busy.body.error.messages.fr).toContain("rien n'a été enregistré");
        expect(busy.body.error.messages.en).toContain('nothing was recorded');
        await holder.release();
        released = true;
      } finally {
        if (!released) await holder.release();
      }
      expect((await fetchJson(`${base}/api/returns`, mjs)).body.returns).toEqual([]);
      // The service's own trouble is not the ministry's refused attempt.
      expect((await fetchJson(`${base}/api/returns/MJS/attempts`, mjs)).body.attempts).toEqual([]);
      const again = await fetchJson(`${base}/api/returns`, mjs, {
        method: 'POST',
        body: JSON.stringify(mjsReturn()),
      });
      expect(again.status).toBe(201);
      expect(s.logs).toEqual([]);
    });
  });
});
