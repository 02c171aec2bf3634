/**
 * The bad-input corpus (tests/fixtures/bad-input-corpus.ts, over a hundred named cases) sent to the
 * running service over real HTTP, on every backend: no answer is a 5xx, every refusal the service
 * writes is the catalogue's JSON in French and English, the service still answers afterwards, and
 * everything stored before the corpus — versions with their findings, reviews and files, the
 * plan, the tokens, the audit log, the consolidation — is exactly as it was.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { expect, it } from 'vitest';
import { indexPlan } from '#core';
import { type BadInput, badInputCorpus, type Sender } from '../../fixtures/bad-input-corpus.ts';
import { filledTemplate } from '../../fixtures/filled-template.ts';
import { describeEachBackend } from '../store/backends.ts';
import { listen, mjsReturn, type Service, SHIPPED_PLAN, startService } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const index = indexPlan(SHIPPED_PLAN);

/** What is stored, as the API gives it, minus what legitimately moves (a token's last use). */
async function snapshot(s: Service, admin: string): Promise<unknown> {
  const read = async (path: string) => {
    const r = await s.json(path, { token: admin });
    expect([path, r.status]).toEqual([path, 200]);
    return r.body;
  };
  const list = (await read('/api/returns')).returns as {
    ministry: string;
    version: number;
    source: string;
  }[];
  const versions = [];
  for (const v of list) {
    const one = await read(`/api/returns/${v.ministry}/${v.version}`);
    let file: string | null = null;
    if (v.source === 'xlsx') {
      const res = await s.call(`/api/returns/${v.ministry}/${v.version}/file`, { token: admin });
      file = createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex');
    }
    versions.push({ ...one, file });
  }
  const tokens = ((await read('/api/tokens')).tokens as Record<string, unknown>[]).map(
    ({ lastUsedAt: _moves, ...t }) => t,
  );
  return {
    list,
    versions,
    tokens,
    plan: await read('/api/plan/versions'),
    audit: await read('/api/audit?limit=500'),
    consolidated: await read('/api/consolidated'),
    periods: await read('/api/periods'),
  };
}

/**
 * One case over plain node:http rather than fetch: a service that answers an oversized body early
 * (413) and stops reading makes fetch fail on the write before it reads that answer; node:http
 * hands the answer over as soon as it arrives.
 */
async function send(base: string, c: BadInput, tokens: Record<Sender, string | null>) {
  const headers: Record<string, string> = { ...c.headers };
  const token = tokens[c.as];
  if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
  const body = typeof c.body === 'function' ? c.body() : c.body;
  if (body !== undefined && typeof body !== 'object')
    headers['content-length'] = String(Buffer.byteLength(body));
  else if (body instanceof Uint8Array) headers['content-length'] = String(body.byteLength);
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    // A fresh connection each: a connection the service closed after an early answer is not reused.
    const req = request(`${base}${c.path}`, { method: c.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => {
      answered = true;
    });
    // Writing on after the service has answered and closed is expected for an oversized body.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body === undefined) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else {
      const reader = body.getReader();
      const pump = async (): Promise<void> => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || req.destroyed) break;
          if (!req.write(value)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      };
      pump().catch(() => req.destroy());
    }
  });
}

describeEachBackend('the bad-input corpus against the running service', (backend) => {
  it('gets no 5xx, only catalogue refusals, and leaves what was stored before untouched', async () => {
    const s = await startService(backend);
    const http = await listen(s);
    try {
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      const mef = await s.token('ministry', 'MEF', 'CPS MEF');
      const sp = await s.token('consolidator', undefined, 'Secrétariat permanent');
      const { bytes: validXlsx } = await filledTemplate(index, { ministry: 'MJS' });
      const { bytes: otherXlsx } = await filledTemplate(index, { ministry: 'MEF' });

      // Before: MJS sent JSON, then its file, accepted (so locked); MEF sent a return with warnings.
      expect((await s.json('/api/returns', { token: mjs, json: mjsReturn() })).status).toBe(201);
      const uploaded = await s.json('/api/returns/upload', {
        token: mjs,
        body: new Uint8Array(validXlsx),
        headers: { 'content-type': XLSX, 'x-file-name': 'retour-MJS.xlsx' },
      });
      expect(uploaded.status).toBe(201);
      const accepted = await s.json('/api/returns/MJS/2/review', { token: sp, json: { action: 'accept' } });
      expect(accepted.status).toBe(200);
      const mefReturn = {
        ...mjsReturn({ ministry: 'MEF' }),
        lines: [
          {
            activity: '1.3.1.4',
            nature: 'costed' as const,
            years: { 2022: 20, 2023: 30.5 },
            total: 50.5,
            national: 50.5,
            external: null,
            execution: [2022, 2023],
            comment: null,
          },
        ],
      };
      expect((await s.json('/api/returns', { token: mef, json: mefReturn })).status).toBe(201);
      // The execution follow-up's period the corpus sends to.
      expect((await s.json('/api/periods', { token: sp, json: { key: '2024' } })).status).toBe(201);
      const before = await snapshot(s, s.adminToken);

      const corpus = badInputCorpus({
        ministry: 'MJS',
        validXlsx,
        otherXlsx,
        maxJsonBytes: 1024 * 1024,
        maxUploadBytes: 2 * 1024 * 1024,
      });
      expect(corpus.length).toBeGreaterThanOrEqual(100);
      expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);

      const tokens: Record<Sender, string | null> = {
        ministry: mjs,
        'other-ministry': mef,
        consolidator: sp,
        admin: s.adminToken,
        none: null,
      };
      const answers: { name: string; status: number; code: string | null; harmless: boolean }[] = [];
      const notCatalogue: string[] = [];
      for (const c of corpus) {
        const r = await send(http.base, c, tokens);
        let code: string | null = null;
        if (r.type.includes('application/json') && r.status >= 400) {
          const error = (
            JSON.parse(r.text) as { error?: { code?: string; messages?: { fr?: string; en?: string } } }
          ).error;
          code = error?.code ?? null;
          if (!error?.code || !error.messages?.fr || !error.messages.en) notCatalogue.push(c.name);
        } else if (r.status >= 400 && r.status !== 431) {
          // 431: Node's HTTP parser refuses an oversized header before the app sees the request.
          notCatalogue.push(`${c.name} (${r.status} ${r.type})`);
        }
        answers.push({ name: c.name, status: r.status, code, harmless: c.harmless ?? false });
      }
      expect(answers.filter((a) => a.status >= 500)).toEqual([]);
      expect(notCatalogue).toEqual([]);
      expect(answers.filter((a) => a.status < 400 && !a.harmless)).toEqual([]);
      expect(s.logs).toEqual([]);

      // Afterwards: the service answers, and what was stored is exactly what it was.
      expect((await s.json('/api/health', { token: null })).status).toBe(200);
      expect(await snapshot(s, s.adminToken)).toEqual(before);
      // The corpus's refusals are the sending ministry's attempts, kept within bounds.
      const attempts = await s.json('/api/returns/MJS/attempts', { token: sp });
      expect(attempts.body.attempts.length).toBeGreaterThan(0);
      expect(attempts.body.attempts.length).toBeLessThanOrEqual(50);
      // And it still takes a good return.
      const next = await s.json('/api/returns', {
        token: mef,
        json: { ...mefReturn, lines: [{ ...mefReturn.lines[0], comment: 'deuxième envoi' }] },
      });
      expect(next.status).toBe(201);
    } finally {
      await http.close();
      await s.db.cleanup();
    }
  });

  it('answers 400 to a body that breaks off while it is read (JSON or file, counted or not)', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const broken = () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"ministry":"MJS","lines":['));
            controller.error(new Error('connexion coupée'));
          },
        });
      for (const [path, type] of [
        ['/api/returns', 'application/json'],
        ['/api/returns/upload', XLSX],
        ['/api/returns/upload', 'multipart/form-data; boundary=abcdefgh'],
      ]) {
        const res = await s.app.request(
          new Request(`http://pac.test${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${mjs}`, 'content-type': type as string },
            body: broken(),
            duplex: 'half',
          } as RequestInit),
        );
        const body = (await res.json()) as { error: { code: string } };
        expect([path, type, res.status, body.error.code]).toEqual([path, type, 400, 'unreadable_body']);
      }
      expect(s.logs).toEqual([]);
    } finally {
      await s.db.cleanup();
    }
  });
});
