// `pac manifest`: the add-in's manifest for a public address, written to a file or printed, with
// the development Id or another GUID; a wrong address or Id is refused with exit 2 and a message
// that says what to write, in French or English.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { addinManifest, DEV_ADDIN_ID } from '../../../server/manifest/addin-manifest.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('pac manifest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pac-manifest-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the manifest for the address given, with the development Id by default', async () => {
    const file = join(dir, 'manifest.xml');
    const r = await run(['manifest', '--url', 'https://pac.example.ml/', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Manifeste écrit : ${file}`);
    expect(r.out).toContain('Adresse : https://pac.example.ml');
    expect(r.out).toContain(`${DEV_ADDIN_ID} (celui du développement`);
    expect(await readFile(file, 'utf8')).toBe(addinManifest({ url: 'https://pac.example.ml' }));
  });

  it('sets the Id a ministry gives its own deployment', async () => {
    const file = join(dir, 'ministere.xml');
    const id = '0f8c2f9e-4d1b-4c7a-9e35-6b2d8a1c7f40';
    const r = await run([
      'manifest',
      '--url',
      'https://pac.example.ml:8443',
      '--id',
      id,
      '-o',
      file,
      '--json',
    ]);
    expect(JSON.parse(r.out)).toEqual({ url: 'https://pac.example.ml:8443', id, file });
    expect(await readFile(file, 'utf8')).toBe(addinManifest({ url: 'https://pac.example.ml:8443', id }));
  });

  it('prints the manifest, byte for byte, without -o', async () => {
    const printed: string[] = [];
    const code = await main(['manifest', '--url', 'https://pac.example.org'], {
      out: (t) => printed.push(`${t}\n`),
      err: () => {},
    });
    expect(code).toBe(0);
    expect(printed.join('')).toBe(addinManifest({ url: 'https://pac.example.org' }));
  });

  it('refuses a missing or wrong address and an Id that is not a GUID, with exit 2', async () => {
    const missing = await run(['manifest']);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('--url')]);
    const path = await run(['manifest', '--url', 'https://intranet.gouv.ml/pac']);
    expect([path.code, path.err]).toEqual([2, expect.stringContaining('ni chemin, ni paramètre')]);
    const http = await run(['manifest', '--url', 'http://pac.example.ml', '--lang', 'en']);
    expect([http.code, http.err]).toEqual([
      2,
      expect.stringContaining('--url: the address must start with https://'),
    ]);
    const id = await run(['manifest', '--url', 'https://pac.example.ml', '--id', 'PAC-2026']);
    expect([id.code, id.err]).toEqual([2, expect.stringContaining("« PAC-2026 » n'est pas un GUID")]);
    // The example it gives is itself a fresh GUID, ready to use.
    expect(id.err).toMatch(/par exemple [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/);
    const unwritable = await run([
      'manifest',
      '--url',
      'https://pac.example.ml',
      '-o',
      join(dir, 'absent', 'm.xml'),
    ]);
    expect([unwritable.code, unwritable.err]).toEqual([2, expect.stringContaining("Impossible d'écrire")]);
  });

  it('is listed in the help', async () => {
    expect((await run(['--help'])).out).toContain(
      'manifest --url https://ADRESSE [--id GUID] [-o manifest.xml]',
    );
  });
});
