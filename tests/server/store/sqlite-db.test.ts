/**
 * The SQLite adapter's own promises: durable settings, `$N` placeholders, and transactions that
 * nothing else can run inside, although better-sqlite3 is synchronous and the interface is async.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDb, type SqliteDb, toSqlitePlaceholders } from '../../../server/store/sqlite-db.ts';
import { StoreUnavailableError } from '../../../server/store/store-errors.ts';

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

  it('opens with a WAL journal, foreign keys and a lock wait of its own', () => {
    expect(db.pragma('journal_mode')).toBe('wal');
    // NORMAL: SQLite writes the WAL at each commit without syncing it; the adapter syncs it off
    // the event loop before answering (see "answers a write only once the WAL is synced" below).
    expect(db.pragma('synchronous')).toBe(1);
    expect(db.pragma('foreign_keys')).toBe(1);
    // The wait for another process's lock is the adapter's, on timers: SQLite's own busy_timeout
    // would sleep inside the call and stop the event loop (see the lock tests below).
    expect(db.pragma('busy_timeout')).toBe(0);
    expect(db.lockWaitMs).toBeGreaterThanOrEqual(1000);
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

  describe('group commit', () => {
    /** What another process sees: a plain connection of its own, outside the adapter. */
    let reader: Database.Database;
    beforeEach(() => {
      reader = new Database(join(dir, 'test.sqlite'), { readonly: true });
    });
    afterEach(() => reader.close());
    const seen = () =>
      (reader.prepare('SELECT a FROM t ORDER BY a').all() as { a: string }[]).map((r) => r.a);

    it('commits the transactions of one turn together, answering none before the commit', async () => {
      const names = Array.from({ length: 10 }, (_, i) => `tx${String(i).padStart(2, '0')}`);
      const seenWhenAnswered: string[][] = [];
      await Promise.all(
        names.map((name) =>
          db
            .transaction(async (t) => {
              await t.run('INSERT INTO t (a) VALUES ($1)', [name]);
              return name;
            })
            .then((value) => {
              expect(value).toBe(name);
              seenWhenAnswered.push(seen());
            }),
        ),
      );
      // Answered only once committed, and all in one commit: the first answer already sees all ten.
      expect(seenWhenAnswered).toEqual(names.map(() => names));
    });

    it('rolls back a failing transaction alone; the others of its batch commit', async () => {
      const results = await Promise.allSettled(
        ['one', 'two', 'three'].map((name) =>
          db.transaction(async (t) => {
            await t.run('INSERT INTO t (a) VALUES ($1)', [name]);
            await sleep(1); // a real await inside, as the store's transactions have
            if (name === 'two') throw new Error('refused');
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(seen()).toEqual(['one', 'three']);
    });

    it('runs the others again when SQLite undoes the whole batch (disk full): only the failing one fails', async () => {
      await db.run('INSERT INTO t (a) VALUES ($1)', ['kept']);
      await db.query(`PRAGMA max_page_count = ${db.pragma('page_count') as number}`);
      const results = await Promise.allSettled([
        db.transaction((t) => t.run('INSERT INTO t (a) VALUES ($1)', ['small 1'])),
        db.transaction((t) => t.run('INSERT INTO t (b) VALUES ($1)', [new Uint8Array(64 * 1024)])),
        db.transaction((t) => t.run('INSERT INTO t (a) VALUES ($1)', ['small 2'])),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ kind: 'disk_full' });
      expect(seen()).toEqual(['kept', 'small 1', 'small 2']);
      await db.query('PRAGMA max_page_count = 1073741823');
    });
  });

  describe('answers a write only once the WAL is synced, without holding the event loop meanwhile', () => {
    /** A sync of the WAL the test lets finish (or fail) when it wants. */
    function heldSyncs() {
      const asked: { path: string; finish: () => void; fail: (e: Error) => void }[] = [];
      const syncFile = (path: string) =>
        new Promise<void>((resolve, reject) => asked.push({ path, finish: resolve, fail: reject }));
      return { asked, syncFile };
    }
    const until = async (ready: () => boolean) => {
      for (let i = 0; i < 200 && !ready(); i++) await sleep(5);
      expect(ready()).toBe(true);
    };
    let watched: SqliteDb;
    let syncs: ReturnType<typeof heldSyncs>;
    beforeEach(() => {
      syncs = heldSyncs();
      watched = openSqliteDb(join(dir, 'test.sqlite'), { syncFile: syncs.syncFile });
    });
    afterEach(async () => {
      for (const s of syncs.asked) s.finish();
      await watched.close();
    });
    /** What another process sees. */
    const rows = () => {
      const other = new Database(join(dir, 'test.sqlite'), { readonly: true });
      try {
        return other.prepare('SELECT a FROM t').all();
      } finally {
        other.close();
      }
    };

    it('a transaction: committed first, answered after the sync of its WAL file', async () => {
      let answered = false;
      const tx = watched
        .transaction(async (t) => t.run("INSERT INTO t (a) VALUES ('x')"))
        .then(() => {
          answered = true;
        });
      await until(() => syncs.asked.length === 1);
      expect(syncs.asked[0]?.path).toBe(`${watched.file}-wal`);
      // Committed (another process would see it), not yet answered; the event loop runs on.
      expect(rows()).toEqual([{ a: 'x' }]);
      await sleep(20);
      expect(answered).toBe(false);
      // The mutex is free while the sync runs: other work goes on.
      expect(await watched.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
      syncs.asked[0]?.finish();
      await tx;
      expect(answered).toBe(true);
    });

    it('a failed sync: the write is not acknowledged (503, "down"), nor any later one', async () => {
      const tx = watched.transaction(async (t) => t.run("INSERT INTO t (a) VALUES ('x')"));
      await until(() => syncs.asked.length === 1);
      syncs.asked[0]?.fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      const error = await tx.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).kind).toBe('down');
      // Committed but unconfirmed, and so is every later write: the kernel may have dropped pages
      // it could not write and call the next sync a success.
      expect(rows()).toEqual([{ a: 'x' }]);
      await expect(watched.run("INSERT INTO t (a) VALUES ('y')")).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(syncs.asked).toHaveLength(1);
      // Reads go on, and so does recording a token's use (a write not worth waiting for).
      expect(await watched.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 2 }]);
      await expect(watched.run("UPDATE t SET a = 'z' WHERE a = 'y'", [], { wait: false })).resolves.toEqual({
        changes: 1,
      });
    });

    it('a statement that writes waits for a sync; a read does not ask for one', async () => {
      expect(await watched.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
      expect(syncs.asked).toHaveLength(0);
      let answered = false;
      const write = watched.run("INSERT INTO t (a) VALUES ('y')").then(() => {
        answered = true;
      });
      await until(() => syncs.asked.length === 1);
      await sleep(10);
      expect(answered).toBe(false);
      syncs.asked[0]?.finish();
      await write;
      const returning = watched.query<{ a: string }>("UPDATE t SET a = 'z' RETURNING a");
      await until(() => syncs.asked.length === 2);
      syncs.asked[1]?.finish();
      expect(await returning).toEqual([{ a: 'z' }]);
    });
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

  describe('when another connection holds the write lock (as another process would)', () => {
    let other: Database.Database;

    beforeEach(() => {
      // A plain better-sqlite3 connection, not sharing the adapter's mutex: to the adapter it is
      // another process holding BEGIN IMMEDIATE.
      other = new Database(join(dir, 'test.sqlite'));
      other.exec("INSERT INTO t (a) VALUES ('before')");
      other.exec('BEGIN IMMEDIATE');
      other.exec("INSERT INTO t (a) VALUES ('uncommitted elsewhere')");
    });

    afterEach(() => {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    });

    it('reads on, and a write waits on timers — the event loop keeps running — until the lock is released', async () => {
      expect(await db.query('SELECT a FROM t')).toEqual([{ a: 'before' }]);
      const events: string[] = [];
      const write = db
        .transaction(async (t) => {
          await t.run("INSERT INTO t (a) VALUES ('after')");
        })
        .then(() => events.push('write done'));
      // Timers fire and reads answer while the write waits: nothing is blocked synchronously.
      await sleep(50);
      events.push('timer fired');
      expect(await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
      events.push('read answered');
      other.exec('COMMIT');
      await write;
      expect(events).toEqual(['timer fired', 'read answered', 'write done']);
      expect((await db.query<{ a: string }>('SELECT a FROM t ORDER BY rowid')).map((r) => r.a)).toEqual([
        'before',
        'uncommitted elsewhere',
        'after',
      ]);
    });

    it('gives up with "busy" after its lock wait, having written nothing; a skippable write gives up at once', async () => {
      const impatient = openSqliteDb(join(dir, 'test.sqlite'), { lockWaitMs: 100 });
      try {
        const failed = await impatient.run("INSERT INTO t (a) VALUES ('x')").catch((e: unknown) => e);
        expect(failed).toBeInstanceOf(StoreUnavailableError);
        expect(failed).toMatchObject({ kind: 'busy', retryAfterSeconds: expect.any(Number) });
        const tx = await impatient
          .transaction((t) => t.run("INSERT INTO t (a) VALUES ('y')"))
          .catch((e: unknown) => e);
        expect(tx).toMatchObject({ kind: 'busy' });
        const skipped = await db
          .run("INSERT INTO t (a) VALUES ('z')", [], { wait: false })
          .catch((e: unknown) => e);
        expect(skipped).toMatchObject({ kind: 'busy' });
        other.exec('ROLLBACK');
        expect(await db.query('SELECT a FROM t')).toEqual([{ a: 'before' }]);
      } finally {
        await impatient.close();
      }
    });
  });

  it('says "disk_full" when the database cannot grow, keeps nothing of the failed transaction, and works again once there is room', async () => {
    await db.run('INSERT INTO t (a) VALUES ($1)', ['kept']);
    const pages = db.pragma('page_count') as number;
    await db.query(`PRAGMA max_page_count = ${pages}`);
    const failed = await db
      .transaction(async (t) => {
        await t.run('INSERT INTO t (a) VALUES ($1)', ['small']);
        await t.run('INSERT INTO t (b) VALUES ($1)', [new Uint8Array(64 * 1024)]);
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect(failed).toMatchObject({ kind: 'disk_full' });
    expect(await db.query('SELECT a FROM t')).toEqual([{ a: 'kept' }]);
    await db.query('PRAGMA max_page_count = 1073741823');
    await db.run('INSERT INTO t (b) VALUES ($1)', [new Uint8Array(64 * 1024)]);
    expect(await db.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 2 }]);
  });
});
