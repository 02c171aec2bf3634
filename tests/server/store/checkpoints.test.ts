/**
 * SQLite's checkpoints on a thread of their own (server/store/checkpoints.ts): the service's
 * connection stops checkpointing inside its commits (on the event loop) once the thread runs, the
 * thread copies the WAL into the database file, and both connections close in the right order.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpoints, checkpointStep } from '../../../server/store/checkpoints.ts';
import { openSqliteDb } from '../../../server/store/sqlite-db.ts';

const KB = 1024;
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pac-checkpoints-'));
  file = join(dir, 'db.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !ready(); i++) await sleep(10);
  if (!ready()) throw new Error(`never happened: ${what}`);
}

describe('checkpointStep', () => {
  it('copies the WAL into the database file, and brings a WAL grown past the limit back to its start', () => {
    const writer = new Database(file);
    const checkpointer = new Database(file);
    try {
      writer.pragma('journal_mode = WAL');
      writer.pragma('wal_autocheckpoint = 0');
      writer.exec('CREATE TABLE t (v TEXT)');
      const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 100; i++) insert.run('x'.repeat(10 * KB));
      const before = statSync(file).size;
      expect(checkpointStep(checkpointer, 1_000_000)).toBe('passive');
      expect(statSync(file).size).toBeGreaterThan(before + 900 * KB);

      for (let i = 0; i < 100; i++) insert.run('y'.repeat(10 * KB));
      const walPages = () => (writer.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? 0;
      expect(checkpointStep(checkpointer, 10)).toBe('restart');
      insert.run('after the restart');
      // The next commit wrote the WAL from its start: one transaction's pages, not the 250 before.
      expect(walPages()).toBeLessThan(10);
      expect(writer.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 201 });
    } finally {
      checkpointer.close();
      writer.close();
    }
  });
});

describe('the service connection with its checkpoint thread', () => {
  it('leaves checkpoints to the thread once busy, and closes the thread before itself', async () => {
    const db = openSqliteDb(file, { checkpoints: { afterCommits: 3, everyMs: 10 } });
    await db.run('CREATE TABLE t (v TEXT)');
    const write = (v: string) => db.transaction((tx) => tx.run('INSERT INTO t (v) VALUES ($1)', [v]));
    expect(db.pragma('wal_autocheckpoint')).toBe(1000); // SQLite's own, until the thread runs
    for (let i = 0; i < 3; i++) await write(`small ${i}`);
    await until(
      () => db.pragma('wal_autocheckpoint') === 0,
      'the connection leaves checkpoints to the thread',
    );

    // 2 MB: half of what would make the connection checkpoint by itself (1000 pages).
    const before = statSync(file).size;
    for (let i = 0; i < 200; i++) await write('z'.repeat(10 * KB));
    await until(() => statSync(file).size > before + 1800 * KB, 'the thread copies the WAL into the file');
    expect(await db.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 203 }]);

    await db.close();
    // The last connection to close checkpoints the WAL and removes it: the thread's closed first.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 203 });
    reopened.close();
  });
});

describe('a checkpoint thread that cannot work', () => {
  it('leaves the connection checkpointing itself, and is not started again', async () => {
    const settings: number[] = [];
    // A directory is no database: the thread fails as it opens it.
    const checkpoints = new Checkpoints(dir, { afterCommits: 1, everyMs: 10, restartFrames: 100 }, (pages) =>
      settings.push(pages),
    );
    checkpoints.committed();
    expect(checkpoints.inThread).toBe(true);
    await until(() => settings.length > 0, 'the failed thread is noticed');
    expect(settings).toEqual([1000]);
    expect(checkpoints.inThread).toBe(false);
    checkpoints.committed();
    expect(checkpoints.inThread).toBe(false);
    await checkpoints.close();
  });
});
