/**
 * An unusable DATA_DIR at start: the real service process (`server/main.ts`, as `npm start` runs
 * it) prints what is wrong in French and in English, with no stack trace, and exits with 2.
 *
 * The tests run as root, who may write almost anywhere, so "cannot write" is made real with what
 * stops root too: a path under a regular file, a directory under /proc (no new entries there, for
 * anyone), a read-only tmpfs mount (when this machine lets the tests mount one), and the service
 * started as the unprivileged user `nobody` (when the tests run as root) for "no permission".
 */
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(dataDir: string, options: SpawnOptions = {}): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
    // It started after all: stop it, the test fails on the exit code.
    if (stdout.includes('http://localhost:')) child.kill('SIGTERM');
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Exit 2, the French then the English sentence naming DATA_DIR, and no stack trace. */
function expectRefused(exit: Exit, dataDir: string, fr: string, en: string): void {
  expect(exit.code).toBe(2);
  expect(exit.stdout).toBe('');
  expect(exit.stderr).toContain(`DATA_DIR (« ${dataDir} »)`);
  expect(exit.stderr).toContain(`DATA_DIR ("${dataDir}")`);
  expect(exit.stderr).toContain(fr);
  expect(exit.stderr).toContain(en);
  expect(exit.stderr).not.toMatch(/^\s+at /m);
  expect(exit.stderr.trim().split('\n')).toHaveLength(1);
}

/** Mounting a read-only tmpfs needs root and a kernel that lets this container mount. */
function mountReadOnly(dir: string): boolean {
  if (!isRoot) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir]).status === 0;
}

describe('an unusable DATA_DIR at start', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pac-data-dir-'));
    // Reachable by the unprivileged user below: what it must not do is write, not find the place.
    chmodSync(dir, 0o755);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a regular file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    expectRefused(await start(file), file, "n'est pas un dossier utilisable", 'is not a usable directory');
  });

  it('lies under a regular file (root cannot create it either)', async () => {
    const file = join(dir, 'another-file');
    writeFileSync(file, 'x');
    const under = join(file, 'data');
    expectRefused(await start(under), under, "n'est pas un dossier utilisable", 'is not a usable directory');
  });

  it.skipIf(!existsSync('/proc/self'))('cannot be created, even by root (under /proc)', async () => {
    const inProc = '/proc/pac-data';
    expectRefused(
      await start(inProc),
      inProc,
      'Impossible de créer le dossier',
      'Cannot create the directory',
    );
  });

  it('holds a pac.sqlite that is a directory', async () => {
    const data = join(dir, 'dir-db');
    mkdirSync(join(data, 'pac.sqlite'), { recursive: true });
    expectRefused(await start(data), data, 'y est un dossier', 'there is a directory');
  });

  it('holds a pac.sqlite that is not a database', async () => {
    const data = join(dir, 'not-db');
    mkdirSync(data);
    writeFileSync(
      join(data, 'pac.sqlite'),
      'PK\u0003\u0004 un classeur rangé au mauvais endroit'.repeat(200),
    );
    expectRefused(
      await start(data),
      data,
      "n'est pas une base SQLite lisible",
      'is not a readable SQLite database',
    );
  });

  it.skipIf(!isRoot)(
    `is not writable by the service's user (started as uid ${NOBODY}; skipped unless the tests run as root)`,
    async () => {
      const data = join(dir, 'root-only');
      mkdirSync(data, { mode: 0o755 });
      const exit = await start(join(data, 'data'), { uid: NOBODY, gid: NOBODY });
      expectRefused(exit, join(data, 'data'), "n'a pas le droit d'écrire", 'may not write to');
    },
  );

  it('is on a read-only file system (a read-only tmpfs; skipped when this machine cannot mount one)', async (ctx) => {
    const mount = join(dir, 'ro');
    mkdirSync(mount);
    if (!mountReadOnly(mount)) {
      ctx.skip('needs root and permission to mount a tmpfs');
      return;
    }
    try {
      expectRefused(await start(mount), mount, 'est en lecture seule', 'is read-only');
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});
