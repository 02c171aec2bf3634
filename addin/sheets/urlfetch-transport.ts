/// <reference types="google-apps-script" />
/**
 * The add-on's HTTP to the sync service: the only file that calls UrlFetchApp. The sidebar cannot
 * call the service itself (its page is served from Google's sandbox domain, and the service does
 * not answer cross-origin requests), so its requests travel through google.script.run to here.
 *
 * UrlFetchApp is synchronous and throws on any status ≥ 400 unless `muteHttpExceptions` is set:
 * with it, every answer the service gives (304, 401, 422, 503…) comes back as a response for the
 * pane to read, and only "no answer at all" (DNS, refused connection, timeout) throws — which the
 * pane treats as offline, as PaneTransport says. Content-Type goes through UrlFetchApp's own
 * `contentType` option, the one it honours for the payload.
 */
import type { PaneRequest, PaneResponse } from '#core';

function urlFetchApp(): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  return (globalThis as unknown as { UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp }).UrlFetchApp;
}

export function urlFetch(req: PaneRequest): PaneResponse {
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() === 'content-type') contentType = value;
    else headers[name] = value;
  }
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: req.method === 'POST' ? 'post' : 'get',
    headers,
    muteHttpExceptions: true,
    followRedirects: true,
    validateHttpsCertificates: true,
  };
  if (req.body !== undefined) params.payload = req.body;
  if (contentType !== undefined) params.contentType = contentType;
  const res = urlFetchApp().fetch(req.url, params);
  const out: Record<string, string> = {};
  // A header sent several times (Set-Cookie, Vary) comes as an array; the pane reads single ones.
  for (const [name, value] of Object.entries(res.getAllHeaders() as Record<string, unknown>)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { status: res.getResponseCode(), headers: out, body: res.getContentText('UTF-8') };
}
