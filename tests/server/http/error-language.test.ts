/**
 * Errors in the language the client asked for, all the way down: the field messages of a 400 (zod's
 * own French or English wording), the words a message is built from (no French inside an English
 * message), and the OpenAPI document's description of every refusal, which names what varies
 * instead of printing "undefined".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../store/backends.ts';
import { type Service, startService } from './harness.ts';

const FR = { 'accept-language': 'fr-FR,fr' };
const EN = { 'accept-language': 'en-GB,en' };
/** Letters and marks English text does not use; any one of them in an English message is French left in. */
const FRENCH = /[àâçéèêëîïôûùüÿœ«»]|\b(du|des|les|une?|attendu|reçu|ou)\b/i;

describe('errors in the request’s language', () => {
  let s: Service;
  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number]);
  });
  afterAll(async () => {
    await s?.db.cleanup();
  });

  const messages = (body: { error: { details: { issues: { path: string; message: string }[] } } }) =>
    Object.fromEntries(body.error.details.issues.map((i) => [i.path, i.message]));

  it('words the field errors of a 400 body in French by default and in English on request', async () => {
    const bad = { role: 'chef', label: '' };
    const fr = await s.json('/api/tokens', { json: bad, headers: FR });
    const en = await s.json('/api/tokens', { json: bad, headers: EN });
    expect([fr.status, en.status]).toEqual([400, 400]);
    expect(messages(fr.body)).toEqual({
      role: expect.stringMatching(/^Option invalide : une valeur parmi/),
      label: expect.stringMatching(/^Trop petit : chaîne de caractères doit avoir >=1 caractères/),
    });
    expect(messages(en.body)).toEqual({
      role: expect.stringMatching(/^Invalid option: expected one of/),
      label: expect.stringMatching(/^Too small: expected string to have >=1 characters/),
    });
    expect(JSON.stringify(en.body.error.details)).not.toMatch(FRENCH);
    // ?lang=en wins over the header, as for the message itself.
    const asked = await s.json('/api/tokens?lang=en', { json: bad, headers: FR });
    expect(messages(asked.body).role).toMatch(/^Invalid option/);
  });

  it('keeps the request’s half of a rule the schema words in both languages', async () => {
    const body = { role: 'ministry', label: 'CPS' };
    const fr = await s.json('/api/tokens', { json: body, headers: FR });
    const en = await s.json('/api/tokens', { json: body, headers: EN });
    expect(messages(fr.body)).toEqual({ ministry: 'un jeton « ministry » a un ministère, les autres non' });
    expect(messages(en.body)).toEqual({ ministry: 'a ministry token has a ministry, others do not' });
  });

  it('words the field errors of a bad query the same way', async () => {
    const token = await s.token('consolidator');
    const fr = await s.json('/api/returns/MEF/diff?from=un&to=2', { token, headers: FR });
    const en = await s.json('/api/returns/MEF/diff?from=un&to=2', { token, headers: EN });
    expect(messages(fr.body).from).toMatch(/^Entrée invalide : nombre attendu/);
    expect(messages(en.body).from).toMatch(/^Invalid input: expected number/);
  });

  it('builds an English message from English words: a missing version, a wrong content type', async () => {
    const token = await s.token('consolidator');
    const missing = await s.json('/api/returns/MEF/9', { token, headers: EN });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("Not found: version 9 of MEF's return.");
    expect(missing.body.error.messages.fr).toBe('Introuvable : version 9 du retour de MEF.');
    const typed = await s.json('/api/tokens', {
      method: 'POST',
      body: 'x',
      headers: { ...EN, 'content-type': 'text/plain' },
    });
    expect(typed.status).toBe(415);
    expect(typed.body.error.message).toBe(
      'Content type "text/plain" is not accepted here: expected application/json.',
    );
    for (const body of [missing.body, typed.body]) expect(body.error.message).not.toMatch(FRENCH);
  });
});

describe('the OpenAPI document', () => {
  let doc: Record<string, unknown>;
  let s: Service;
  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number]);
    doc = (await s.json('/api/openapi.json', { token: null })).body;
  });
  afterAll(async () => {
    await s?.db.cleanup();
  });

  it('says "undefined" nowhere: what varies in a message is named in braces', () => {
    expect(JSON.stringify(doc).match(/undefined/g) ?? []).toEqual([]);
    const notFound = (
      doc as { paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>> }
    ).paths['/api/returns/{ministry}/{version}']?.get?.responses['404']?.description;
    expect(notFound).toBe('not_found — Introuvable : {what}. / Not found: {what}.');
  });

  it('describes every refusal of a status, not only the last one listed', () => {
    const paths = doc as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    };
    const forbidden = paths.paths['/api/returns']?.post?.responses['403']?.description ?? '';
    expect(forbidden).toContain('wrong_ministry — ');
    expect(forbidden).toContain('activities_not_owned — ');
  });
});
