// The dashboard's client of the service: the bearer token and language on every call, and every
// failure turned into the words the page shows — the service's own FR/EN wording when it answered,
// the page's "the service does not answer" when nothing came back.
import { describe, expect, it } from 'vitest';
import { ServiceError, serviceClient } from '../../server/dashboard/browser/api.ts';
import { WORDING } from '../../server/dashboard/browser/wording.ts';

function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer();
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe('serviceClient', () => {
  it('sends the token and the language, and parses the JSON answer', async () => {
    const { calls, fetcher } = fakeFetch(() => Response.json({ role: 'consolidator' }));
    const c = serviceClient('pac_x.y', () => 'en', fetcher);
    expect(await c.get('/api/me')).toEqual({ role: 'consolidator' });
    expect(calls[0]?.init.headers).toMatchObject({
      authorization: 'Bearer pac_x.y',
      'accept-language': 'en',
    });
    expect(calls[0]?.init.cache).toBe('no-store');
  });

  it('posts JSON', async () => {
    const { calls, fetcher } = fakeFetch(() => Response.json({ ok: true }));
    await serviceClient('t', () => 'fr', fetcher).post('/api/x', { action: 'accept' });
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: '{"action":"accept"}' });
    expect(calls[0]?.init.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('turns a refusal into the service’s own words in both languages', async () => {
    const messages = { fr: 'Jeton inconnu.', en: 'Unknown token.' };
    const { fetcher } = fakeFetch(() =>
      Response.json(
        { error: { code: 'invalid_token', status: 401, message: messages.fr, messages } },
        { status: 401 },
      ),
    );
    const failure = await serviceClient('t', () => 'fr', fetcher)
      .get('/api/me')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure).toMatchObject({ status: 401, code: 'invalid_token', messages });
  });

  it('says the status when a proxy answers with a page of its own', async () => {
    const { fetcher } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const failure = await serviceClient('t', () => 'fr', fetcher)
      .get('/api/status')
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      status: 502,
      code: 'http_502',
      messages: { fr: 'HTTP 502', en: 'HTTP 502' },
    });
  });

  it('says the service does not answer when nothing came back', async () => {
    const { fetcher } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await serviceClient('t', () => 'fr', fetcher)
      .get('/api/status')
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      status: 0,
      code: 'network',
      messages: { fr: WORDING.fr.networkError, en: WORDING.en.networkError },
    });
  });

  it('downloads a file under the name the service gives it', async () => {
    const { fetcher } = fakeFetch(
      () =>
        new Response(new Uint8Array([1, 2, 3]), {
          headers: { 'content-disposition': 'attachment; filename="pac-consolide-2026-03-04.xlsx"' },
        }),
    );
    const file = await serviceClient('t', () => 'fr', fetcher).download(
      '/api/consolidated/workbook.xlsx',
      'x.xlsx',
    );
    expect(file.fileName).toBe('pac-consolide-2026-03-04.xlsx');
    expect(file.blob.size).toBe(3);
  });
});
