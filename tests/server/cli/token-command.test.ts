// `pac token`: tokens made at the machine work against the service on the same database, once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { configFromEnv } from '../../../server/config.ts';
import { createApp } from '../../../server/http/app.ts';
import { openStore } from '../../../server/store/open-store.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function me(token: string) {
  const store = await openStore(configFromEnv());
  try {
    const res = await createApp({ store, config: configFromEnv() }).request('/api/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  } finally {
    await store.close();
  }
}

describe('pac token', () => {
  const saved = process.env.DATA_DIR;
  beforeAll(() => {
    process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'pac-token-cli-'));
  });
  afterAll(() => {
    process.env.DATA_DIR = saved;
  });

  it('creates a ministry token (any spelling of the ministry), printed once, that the service accepts', async () => {
    const r = await run([
      'token',
      'create',
      '--role',
      'ministry',
      '--ministry',
      'MRN-APR',
      '--label',
      'CPS MRN',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('jeton administrateur'); // a database never opened before: first start
    const secret = /\n {2}(pac_\S+)/.exec(r.out)?.[1] as string;
    expect(r.out).toContain('Jeton créé');
    expect(r.out).toContain('(ministry MRN, « CPS MRN »)');
    expect(await me(secret)).toMatchObject({
      status: 200,
      body: { role: 'ministry', ministry: { code: 'MRN' }, label: 'CPS MRN' },
    });

    const id = /Jeton créé : ([0-9a-f]+)/.exec(r.out)?.[1] as string;
    const listed = await run(['token', 'list', '--json']);
    expect(JSON.parse(listed.out).tokens.map((t: { id: string }) => t.id)).toContain(id);
    expect(listed.out).not.toContain(secret.slice(-20));

    expect((await run(['token', 'revoke', id])).out).toContain('révoqué');
    expect((await me(secret)).status).toBe(401);
  });

  it('refuses what it cannot do with a French message and exit 2', async () => {
    const unknown = await run(['token', 'create', '--role', 'ministry', '--ministry', 'XYZ', '--label', 'x']);
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('Ministère inconnu « XYZ »')]);
    expect((await run(['token', 'create', '--role', 'ministry', '--label', 'x'])).err).toContain(
      '--ministry',
    );
    expect((await run(['token', 'create', '--role', 'chef', '--label', 'x'])).err).toContain('Rôle inconnu');
    expect((await run(['token', 'revoke', 'absent'])).code).toBe(2);
    expect(
      (await run(['token', 'create', '--role', 'consolidator', '--label', 'SP', '--expires', 'demain'])).err,
    ).toContain('expiration');
    expect((await run(['token'])).err).toContain('Usage');
  });

  it('says in French and English why DATA_DIR is unusable, and exits 2', async () => {
    const dir = process.env.DATA_DIR as string;
    const file = join(dir, 'un-fichier');
    writeFileSync(file, 'pas un dossier');
    process.env.DATA_DIR = file;
    try {
      const r = await run(['token', 'list']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`DATA_DIR (« ${file} ») n'est pas un dossier utilisable`);
      expect(r.err).toContain(`DATA_DIR ("${file}") is not a usable directory`);
    } finally {
      process.env.DATA_DIR = dir;
    }
  });

  it('speaks English with --lang en', async () => {
    const r = await run(['token', 'create', '--role', 'consolidator', '--label', 'SP', '--lang', 'en']);
    expect(r.out).toContain('Token created');
  });
});
