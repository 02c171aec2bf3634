// The sidebar's side of google.script.run on its own: promises with their own handlers per call,
// failures as Errors, JSON both ways, Maps rebuilt, a template written sheet by sheet with
// progress, unreadable storage taken as absent, and a transport failure seen by the pane as offline.
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildTemplateSpec,
  type CellMark,
  type Connection,
  NetworkFailure,
  type PaneRequest,
  ServiceClient,
} from '#core';
import { SERVER_FUNCTIONS, type ServerFunction } from '../../addin/sheets/rpc.ts';
import { remoteHost, remoteStorage, remoteTransport } from '../../addin/sheets/sidebar/remote-ports.ts';
import { type ScriptRunner, scriptRunCaller } from '../../addin/sheets/sidebar/script-run.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';

type Answer = { value: unknown } | { error: unknown };

/** A google.script.run stand-in: records each call and answers it when the test says so. */
function recordingRunner(answer: (name: string, args: unknown[]) => Answer | Promise<Answer>) {
  const calls: { name: string; args: unknown[] }[] = [];
  const make = (ok?: (v: unknown) => void, fail?: (e: unknown) => void): ScriptRunner =>
    new Proxy({} as ScriptRunner, {
      get(_, prop) {
        if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => make(f, fail);
        if (prop === 'withFailureHandler') return (f: (e: unknown) => void) => make(ok, f);
        if (typeof prop !== 'string' || !(SERVER_FUNCTIONS as readonly string[]).includes(prop))
          return undefined;
        return (...args: unknown[]) => {
          calls.push({ name: prop, args });
          void Promise.resolve(answer(prop, args)).then((a) =>
            'value' in a ? ok?.(a.value) : fail?.(a.error),
          );
        };
      },
    });
  return { calls, runner: () => make() };
}

afterEach(() => {
  delete (globalThis as { google?: unknown }).google;
});

describe('scriptRunCaller', () => {
  it('resolves each call with its own answer, even when answers come back out of order', async () => {
    const gates: Record<string, (a: Answer) => void> = {};
    const { runner } = recordingRunner(
      (_, args) =>
        new Promise<Answer>((resolve) => {
          gates[String(args[0])] = resolve;
        }),
    );
    const call = scriptRunCaller(runner);
    const a = call('pacStorageGet', 'pac.lang');
    const b = call('pacStorageGet', 'pac.plan');
    gates['pac.plan']?.({ value: 'plan' });
    gates['pac.lang']?.({ value: 'lang' });
    expect(await Promise.all([a, b])).toEqual(['lang', 'plan']);
  });

  it("rejects with an Error carrying Apps Script's message", async () => {
    const { runner } = recordingRunner((name) =>
      name === 'pacSelectCell' ? { error: { message: 'No sheet "Nope"' } } : { error: 'Timed out' },
    );
    const call = scriptRunCaller(runner);
    await expect(call('pacSelectCell', 'Nope', 'A1')).rejects.toThrow(new Error('No sheet "Nope"'));
    await expect(call('pacReadWorkbook')).rejects.toThrow('Timed out');
    await expect(call('pacUnknown' as ServerFunction)).rejects.toThrow(
      'google.script.run has no function pacUnknown',
    );
  });

  it('uses the page’s google.script.run, and says so when there is none', async () => {
    const call = scriptRunCaller();
    await expect(call('pacReadWorkbook')).rejects.toThrow('google.script.run is not available');
    const { runner, calls } = recordingRunner(() => ({ value: 'null' }));
    (globalThis as { google?: unknown }).google = { script: { run: runner() } };
    expect(await call('pacReadSheet', 'Retirées')).toBe('null');
    expect(calls).toEqual([{ name: 'pacReadSheet', args: ['Retirées'] }]);
  });
});

describe('the remote ports', () => {
  it('rebuilds the formulas of imported sheets as Maps', async () => {
    const wire = [
      { grid: { sheet: 'Plan', rows: [['', 1500, null]] }, formulas: [[1, [[2, 'SUM(B1,B1)']]]] },
    ];
    const { runner } = recordingRunner(() => ({ value: JSON.stringify(wire) }));
    const progress: number[][] = [];
    const [content] = await remoteHost(scriptRunCaller(runner)).readSheetsForImport((d, t) =>
      progress.push([d, t]),
    );
    expect(content?.grid.rows).toEqual([['', 1500, null]]);
    expect(content?.formulas.get(1)?.get(2)).toBe('SUM(B1,B1)');
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('writes a template in one call per sheet between a start and an end, telling progress', async () => {
    const { runner, calls } = recordingRunner(() => ({ value: '' }));
    const spec = buildTemplateSpec(shippedPlan(), {
      ministry: 'MARCC',
      lang: 'fr',
      generatedAt: '2026-01-15T09:00:00Z',
    });
    const progress: string[] = [];
    await remoteHost(scriptRunCaller(runner)).writeWorkbook(spec, (d, t) => progress.push(`${d}/${t}`));
    expect(calls.map((c) => c.name)).toEqual([
      'pacBeginWrite',
      ...spec.sheets.map(() => 'pacWriteSheet'),
      'pacEndWrite',
    ]);
    expect(JSON.parse(String(calls[0]?.args[0]))).toEqual({ sheets: spec.sheets.map((s) => s.name) });
    expect(JSON.parse(String(calls[2]?.args[0]))).toEqual(spec.sheets[1]);
    expect(JSON.parse(String(calls.at(-1)?.args[0])).sheets[4]).toEqual({
      key: 'lists',
      name: 'Listes',
      state: 'hidden',
    });
    expect(progress).toEqual(['0/8', '1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
  });

  it('sends marks and selections as the server functions take them', async () => {
    const { runner, calls } = recordingRunner(() => ({ value: '' }));
    const host = remoteHost(scriptRunCaller(runner));
    const marks: CellMark[] = [{ sheet: 'Saisie', range: 'G9', severity: 'error' }];
    await host.markCells(marks);
    await host.selectCell('Saisie', 'G9');
    expect(calls).toEqual([
      { name: 'pacMarkCells', args: [JSON.stringify(marks)] },
      { name: 'pacSelectCell', args: ['Saisie', 'G9'] },
    ]);
  });

  it('stores JSON, and takes what cannot be read back as absent', async () => {
    const stored = new Map<string, string>([
      ['pac.lang', '"en"'],
      ['pac.plan', '{not json'],
    ]);
    const { runner } = recordingRunner((name, args) => {
      const key = String(args[0]);
      if (name === 'pacStorageGet') return { value: stored.get(key) ?? null };
      if (name === 'pacStorageSet') stored.set(key, String(args[1]));
      else stored.delete(key);
      return { value: '' };
    });
    const storage = remoteStorage(scriptRunCaller(runner));
    expect(await storage.get('pac.lang')).toBe('en');
    expect(await storage.get('pac.plan')).toBeNull();
    expect(await storage.get('pac.receipt')).toBeNull();
    await storage.set('pac.receipt', { version: 3 });
    expect(stored.get('pac.receipt')).toBe('{"version":3}');
    await storage.remove('pac.receipt');
    expect(stored.has('pac.receipt')).toBe(false);
  });

  it('hands the answer over as it came, and a failure to the pane as offline', async () => {
    const seen: PaneRequest[] = [];
    let down = false;
    const { runner } = recordingRunner((_, args) => {
      seen.push(JSON.parse(String(args[0])));
      if (down) return { error: { message: 'Address unavailable: https://pac.example.org/api/me' } };
      return {
        value: JSON.stringify({
          status: 401,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            error: { code: 'token_invalid', messages: { fr: 'Jeton refusé', en: 'Token refused' } },
          }),
        }),
      };
    });
    const connection: Connection = { service: 'https://pac.example.org', token: 'secret' };
    const client = new ServiceClient(remoteTransport(scriptRunCaller(runner)), connection, 'fr');
    await expect(client.me()).rejects.toMatchObject({ status: 401, code: 'token_invalid' });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: 'https://pac.example.org/api/me',
      headers: { authorization: 'Bearer secret', 'accept-language': 'fr' },
    });
    down = true;
    await expect(client.me()).rejects.toBeInstanceOf(NetworkFailure);
  });
});
