/**
 * Versioned migrations on every backend: applied once, recorded, idempotent, safe when several
 * instances start together, all-or-nothing when one fails, and refusing a schema newer than the code.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration, migrate } from '../../../server/store/migrations.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { describeEachBackend, useFreshDatabase } from './backends.ts';

describe('the migration list', () => {
  it('has strictly increasing versions from 1 and a name for each', () => {
    // Strictly increasing, not consecutive: branches take their numbers ahead of being merged.
    expect(MIGRATIONS[0]?.version).toBe(1);
    MIGRATIONS.forEach((m, i) => {
      if (i > 0) expect(m.version).toBeGreaterThan((MIGRATIONS[i - 1] as Migration).version);
    });
    for (const m of MIGRATIONS) expect(m.name.length).toBeGreaterThan(0);
  });
});

describeEachBackend('migrations', (backend) => {
  const t = useFreshDatabase(backend, { migrate: false });

  async function recorded(): Promise<{ version: number; name: string }[]> {
    const rows = await t().db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    return rows.map((r) => ({ version: Number(r.version), name: r.name }));
  }

  it('applies every migration once, records it, and does nothing the second time', async () => {
    const { db } = t();
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    await t().store.migrate();
    expect(await recorded()).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    for (const table of [
      'plan_versions',
      'tokens',
      'submissions',
      'submission_files',
      'reviews',
      'audit_log',
      'submission_attempts',
    ]) {
      expect(await db.query(`SELECT * FROM ${table}`)).toEqual([]);
    }
  });

  it('migrates once when several instances start at the same moment', async () => {
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(t().config)));
    try {
      expect(await recorded()).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('applies a later migration on top of an existing schema', async () => {
    const { db } = t();
    await migrate(db);
    const next: Migration = {
      version: (MIGRATIONS.at(-1)?.version ?? 0) + 1,
      name: 'test column',
      sql: () => ['CREATE TABLE extra (x TEXT)'],
    };
    expect(await migrate(db, [...MIGRATIONS, next])).toEqual([next.version]);
    expect(await db.query('SELECT x FROM extra')).toEqual([]);
  });

  it('rolls everything back when a migration fails half-way', async () => {
    const { db } = t();
    const broken: Migration[] = [
      { version: 1, name: 'good', sql: () => ['CREATE TABLE good (x TEXT)'] },
      {
        version: 2,
        name: 'bad',
        sql: () => ['CREATE TABLE half (x TEXT)', 'CREATE TABLE syntax error here'],
      },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    await expect(db.query('SELECT x FROM good')).rejects.toThrow();
    await expect(db.query('SELECT x FROM half')).rejects.toThrow();
    // Nothing was recorded, so the real migrations still start from the beginning.
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses to run on a schema newer than the code', async () => {
    const { db } = t();
    await migrate(db);
    await db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
    await expect(migrate(db)).rejects.toThrow(/999/);
  });
});
