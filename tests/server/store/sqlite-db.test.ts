/**
 * The SQLite adapter's own promises: durable settings, `$N` placeholders, and transactions that
 * nothing else can run inside, although better-sqlite3 is synchronous and the interface is async.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb, type SqliteDb, toSqlitePlaceholders } from '../../../server/store/sqlite-db.ts';

describe('SQLite adapter', () => {
  let dir: string;
  let db: SqliteDb;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pac-sqlite-'));
    db = openSqliteDb(join(dir, 'test.sqlite'));
    await db.run('CREATE TABLE t (a TEXT, b BLOB)');
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens with a WAL journal synced at every commit, foreign keys and a busy timeout', () => {
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(db.pragma('synchronous')).toBe(2); // FULL
    expect(db.pragma('foreign_keys')).toBe(1);
    expect(db.pragma('busy_timeout')).toBeGreaterThanOrEqual(1000);
  });

  it('rewrites $N placeholders to ?N, reused and out of order', async () => {
    expect(toSqlitePlaceholders('VALUES ($1, $2, $10, $1)')).toBe('VALUES (?1, ?2, ?10, ?1)');
    await db.run('INSERT INTO t (b, a) VALUES ($2, $1)', ['x', new Uint8Array([0, 255])]);
    expect(await db.query('SELECT a, b FROM t WHERE a = $1 OR a = $1', ['x'])).toEqual([
      { a: 'x', b: Buffer.from([0, 255]) },
    ]);
  });

  it('makes statements from elsewhere wait until an open transaction has finished', async () => {
    const events: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.run("INSERT INTO t (a) VALUES ('uncommitted')");
      events.push('tx wrote');
      await sleep(30); // a real await: other requests get the event loop here
      events.push('tx failing');
      throw new Error('rolled back');
    });
    await sleep(5);
    const read = db.query<{ n: number }>('SELECT COUNT(*) AS n FROM t').then((rows) => {
      events.push('read');
      return rows;
    });
    await expect(tx).rejects.toThrow('rolled back');
    expect(await read).toEqual([{ n: 0 }]);
    expect(events).toEqual(['tx wrote', 'tx failing', 'read']);
  });

  it('shares the lock with another connection to the same file in this process', async () => {
    const other = openSqliteDb(join(dir, 'test.sqlite'));
    try {
      const tx = db.transaction(async (t) => {
        await t.run("INSERT INTO t (a) VALUES ('x')");
        await sleep(20);
      });
      await sleep(5);
      expect(await other.query('SELECT a FROM t')).toEqual([{ a: 'x' }]);
      await tx;
    } finally {
      await other.close();
    }
  });

  it('refuses the transaction handle once the transaction has ended', async () => {
    let leaked: Parameters<Parameters<SqliteDb['transaction']>[0]>[0] | undefined;
    await db.transaction(async (t) => {
      leaked = t;
    });
    await expect(leaked?.query('SELECT 1')).rejects.toThrow(/after its transaction ended/);
  });

  it('fails loudly, instead of waiting forever, when the database handle is used inside its own transaction', async () => {
    await expect(
      db.transaction(async () => {
        await db.query('SELECT 1');
      }),
    ).rejects.toThrow(/use the tx handle/);
  });
});
