/**
 * A full disk, for real, on each backend: the service answers 507 with Retry-After and a message
 * saying nothing was stored and to retry later (never "internal"), stores nothing, keeps answering
 * reads, still answers a refused return with its own refusal (the attempt simply cannot be kept),
 * and takes returns again once there is room.
 *
 * SQLite: the database may not grow past its current size (PRAGMA max_page_count), which makes
 * SQLite fail with SQLITE_FULL exactly as a full disk does. PostgreSQL: the tables a submission
 * writes are moved to a tablespace on a small tmpfs that is then filled up, so the server itself
 * meets ENOSPC and reports SQLSTATE 53100; this needs root, mount, and the PostgreSQL server on
 * this machine, and is skipped otherwise.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ReturnDocument } from '#core';
import { BACKENDS, PG_SKIP_REASON, PG_URL } from '../store/backends.ts';
import { mjsReturn, type Service, startService } from './harness.ts';

/** Comments of random text: rows too big for the room left in the database's existing pages. */
function bulkyReturn(): ReturnDocument {
  const doc = mjsReturn();
  for (const line of doc.lines) line.comment = randomBytes(1000).toString('hex');
  return doc;
}

function withErrors(): ReturnDocument {
  const doc = mjsReturn();
  if (doc.lines[0]) doc.lines[0].total = 999;
  return doc;
}

/** With the disk full: 507, nothing stored, reads still served, refusals still said; then room again. */
async function fullDiskStory(
  s: Service,
  disk: { fill: () => Promise<void>; makeRoom: () => Promise<void> },
): Promise<void> {
  const mjs = await s.token('ministry', 'MJS');
  const sp = await s.token('consolidator');
  await disk.fill();
  const full = await s.json('/api/returns', { token: mjs, json: bulkyReturn() });
  expect(full.status).toBe(507);
  expect(full.body.error.code).toBe('storage_full');
  expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(full.body.error.messages.fr).toContain("rien n'a été enregistré");
  expect(full.body.error.messages.fr).toContain('Réessayez plus tard');
  expect(full.body.error.messages.en).toContain('nothing was recorded');
  expect((await s.json('/api/health', { token: null })).status).toBe(200);
  expect((await s.json('/api/returns?ministry=MJS', { token: sp })).body.returns).toEqual([]);
  // The refusal is still answered as such, whether or not its trace found room; nothing "internal".
  const refused = await s.json('/api/returns', { token: mjs, json: withErrors() });
  expect(refused.status).toBe(422);
  expect(s.logs.filter((l) => !l.includes('attempt of MJS not recorded'))).toEqual([]);

  await disk.makeRoom();
  const again = await s.json('/api/returns', { token: mjs, json: bulkyReturn() });
  expect(again.status).toBe(201);
  expect(again.body.receipt.version).toBe(1);
}

describe('a full disk', () => {
  it('SQLite (SQLITE_FULL): 507, nothing stored, and returns are taken again once there is room', async () => {
    const sqlite = BACKENDS.find((b) => b.name === 'sqlite');
    if (!sqlite) throw new Error('no SQLite backend');
    const s = await startService(sqlite);
    try {
      const db = s.db.db;
      await fullDiskStory(s, {
        fill: async () => {
          const [row] = await db.query<{ page_count: number }>('PRAGMA page_count');
          await db.query(`PRAGMA max_page_count = ${Number(row?.page_count)}`);
        },
        makeRoom: async () => {
          await db.query('PRAGMA max_page_count = 1073741823');
        },
      });
    } finally {
      await s.db.cleanup();
    }
  });

  const postgres = BACKENDS.find((b) => b.name === 'postgres');
  const local = PG_URL ? ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(PG_URL).hostname) : false;
  const postgresUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const why = !postgres
    ? PG_SKIP_REASON
    : !local
      ? 'needs the PostgreSQL server on this machine (PAC_TEST_PG_URL on localhost)'
      : process.getuid?.() !== 0 || postgresUser.status !== 0
        ? 'needs root and the postgres system user (to mount a tmpfs for a tablespace)'
        : null;

  it.skipIf(why !== null)(
    `PostgreSQL (SQLSTATE 53100 from a real ENOSPC)${why ? ` — skipped: ${why}` : ''}`,
    async (ctx) => {
      const mount = mkdtempSync(join(tmpdir(), 'pac-pg-full-'));
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]).status !== 0) {
        rmSync(mount, { recursive: true, force: true });
        ctx.skip('this machine does not let the tests mount a tmpfs');
        return;
      }
      const uid = Number(postgresUser.stdout.trim());
      const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      const space = `pac_full_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      let s: Service | undefined;
      try {
        const tablespaceDir = join(mount, 'pg');
        spawnSync('mkdir', [tablespaceDir]);
        chownSync(tablespaceDir, uid, gid);
        await admin.query(`CREATE TABLESPACE ${space} LOCATION '${tablespaceDir}'`);
        s = await startService(postgres as NonNullable<typeof postgres>);
        const service = s;
        // Everything a submission (and a refused attempt) writes lives on the small disk.
        for (const table of ['submissions', 'submission_files', 'audit_log', 'submission_attempts']) {
          await service.db.db.run(`ALTER TABLE ${table} SET TABLESPACE ${space}`);
          await service.db.db.run(`ALTER INDEX IF EXISTS ${table}_pkey SET TABLESPACE ${space}`);
        }
        const filler = join(mount, 'filler');
        await fullDiskStory(service, {
          fill: async () => {
            const { bavail, bsize } = statfsSync(mount);
            writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)));
          },
          makeRoom: async () => rmSync(filler),
        });
      } finally {
        await s?.db.cleanup();
        await admin.query(`DROP TABLESPACE IF EXISTS ${space}`).catch(() => {});
        await admin.end();
        spawnSync('umount', [mount]);
        rmSync(mount, { recursive: true, force: true });
      }
    },
  );
});
