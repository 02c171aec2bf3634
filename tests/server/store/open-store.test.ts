/** Choosing the database from the configuration, as the service does at start. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, openStore } from '../../../server/store/open-store.ts';

describe('openStore', () => {
  it('uses pac.sqlite under the data directory, creating it, and migrates', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pac-open-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const store = await openStore({ dataDir, databaseUrl: '' });
      expect(store.dialect).toBe('sqlite');
      expect(existsSync(join(dataDir, 'pac.sqlite'))).toBe(true);
      expect(await store.listPlanVersions()).toEqual([]);
      await store.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('recognises PostgreSQL URLs and refuses other schemes without echoing credentials', async () => {
    expect(isPostgresUrl('postgres://u:p@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u:p@h/db')).toBe(true);
    expect(isPostgresUrl('mysql://u:p@h/db')).toBe(false);
    const attempt = openStore({ dataDir: tmpdir(), databaseUrl: 'mysql://user:secret@host/db' });
    await expect(attempt).rejects.toThrow(/postgres:\/\//);
    await expect(attempt).rejects.not.toThrow(/secret/);
  });
});
