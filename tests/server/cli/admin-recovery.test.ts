// A lost first administrator token: whoever runs the service's machine makes a new one with
// `pac token create --role admin` on the same database, and the service accepts it for what only
// an administrator may do. On SQLite, and on PostgreSQL when PAC_TEST_PG_URL is set.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bootstrap } from '../../../server/bootstrap.ts';
import { main } from '../../../server/cli/main.ts';
import { createApp } from '../../../server/http/app.ts';
import { testConfig } from '../http/harness.ts';
import { describeEachBackend, type TestDatabase } from '../store/backends.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describeEachBackend('pac token create --role admin after the first token was lost', (backend) => {
  let db: TestDatabase;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

  beforeEach(async () => {
    db = await backend.open();
    // The service's first start: the administrator token is shown once… and then lost.
    const first = await bootstrap(db.store);
    expect(first.adminToken).toMatch(/^pac_/);
    // The command works on the database the service uses, named as npm start names it.
    process.env.DATA_DIR = db.config.dataDir;
    if (db.config.databaseUrl) process.env.DATABASE_URL = db.config.databaseUrl;
    else delete process.env.DATABASE_URL;
  });

  afterEach(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await db.cleanup();
  });

  it('makes a new administrator token the service accepts for administrator work', async () => {
    const r = await run(['token', 'create', '--role', 'admin', '--label', 'Administrateur']);
    expect(r.code).toBe(0);
    // Not a first start: no second "first" token is printed.
    expect(r.err).toBe('');
    expect(r.out).toContain('(admin, « Administrateur »)');
    const secret = /\n {2}(pac_\S+)/.exec(r.out)?.[1] as string;

    const app = createApp({ store: db.store, config: testConfig(db) });
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
    const listed = await app.request('/api/tokens', { headers });
    expect(listed.status).toBe(200);
    const tokens = ((await listed.json()) as { tokens: { role: string; label: string }[] }).tokens;
    expect(tokens.filter((t) => t.role === 'admin').map((t) => t.label)).toEqual(
      expect.arrayContaining(['Administrateur (premier démarrage)', 'Administrateur']),
    );
    const made = await app.request('/api/tokens', {
      method: 'POST',
      headers,
      body: JSON.stringify({ role: 'consolidator', label: 'Secrétariat permanent' }),
    });
    expect(made.status).toBe(201);
  });
});
