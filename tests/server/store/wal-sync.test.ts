/**
 * WalSync, the SQLite adapter's sync of its WAL off the event loop: a write is answered only after
 * a sync that began after it, syncs asked for while one runs share the next one, and after a failed
 * sync no write is answered at all.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../server/store/store-errors.ts';
import { WalSync } from '../../../server/store/wal-sync.ts';

/** A sync function whose calls the test finishes or fails one by one. */
function controlled() {
  const calls: { finish: () => void; fail: (e: Error) => void }[] = [];
  const sync = () => new Promise<void>((resolve, reject) => calls.push({ finish: resolve, fail: reject }));
  return { calls, sync };
}
const settled = (p: Promise<unknown>) => {
  const state = { done: false, error: null as unknown };
  p.then(
    () => {
      state.done = true;
    },
    (e: unknown) => {
      state.done = true;
      state.error = e;
    },
  );
  return state;
};
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('WalSync', () => {
  it('answers those who asked during a sync with the next one, started after it, and shared', async () => {
    const { calls, sync } = controlled();
    const wal = new WalSync('/db-wal', sync);
    const first = settled(wal.durable());
    const second = settled(wal.durable());
    const third = settled(wal.durable());
    expect(calls).toHaveLength(1); // the second sync waits for the first to end
    calls[0]?.finish();
    await turn();
    expect(first.done).toBe(true);
    // The first sync may have begun before their writes: they wait for the next one.
    expect([second.done, third.done]).toEqual([false, false]);
    expect(calls).toHaveLength(2);
    calls[1]?.finish();
    await turn();
    expect([second.done, third.done]).toEqual([true, true]);
    // Nothing running: the next caller starts a sync at once.
    void wal.durable();
    expect(calls).toHaveLength(3);
    calls[2]?.finish();
  });

  it('after a failed sync, refuses every write as the store being down, without syncing again', async () => {
    const { calls, sync } = controlled();
    const wal = new WalSync('/db-wal', sync);
    const first = settled(wal.durable());
    const second = settled(wal.durable());
    calls[0]?.fail(new Error('EIO'));
    await turn();
    await turn();
    expect(first.error).toBeInstanceOf(StoreUnavailableError);
    expect((first.error as StoreUnavailableError).kind).toBe('down');
    // Queued behind the failed sync: refused too, and no sync was tried for it (the kernel may
    // report the next one as a success for pages it dropped).
    expect(second.error).toBe(first.error);
    const later = settled(wal.durable());
    await turn();
    expect(later.error).toBe(first.error);
    expect(calls).toHaveLength(1);
  });

  it('syncs a real WAL through one descriptor, and has nothing to sync before a WAL exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-wal-'));
    try {
      const none = new WalSync(join(dir, 'none-wal'));
      await expect(none.durable()).resolves.toBeUndefined();
      await none.close();
      writeFileSync(join(dir, 'db-wal'), 'frames');
      const wal = new WalSync(join(dir, 'db-wal'));
      const open = () => readdirSync('/proc/self/fd').length;
      const before = open();
      await wal.durable();
      await wal.durable();
      expect(open()).toBe(before + 1); // one descriptor, kept between syncs
      await wal.close();
      expect(open()).toBe(before);
      const broken = new WalSync(join(dir, 'db-wal', 'not-a-dir'));
      await expect(broken.durable()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
