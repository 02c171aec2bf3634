/**
 * The pane's HTTP in Excel: the browser's fetch, without cookies or cache, with a time limit so a
 * dead line is told as offline rather than left spinning. Any HTTP status resolves; only "no
 * answer" rejects, which is what the pane treats as offline (see PaneTransport in #core).
 */
import type { PaneRequest, PaneResponse, PaneTransport } from '#core';

export function fetchTransport(timeoutMs = 30_000): PaneTransport {
  return {
    async request(req: PaneRequest): Promise<PaneResponse> {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const res = await fetch(req.url, {
          method: req.method,
          headers: req.headers,
          ...(req.body !== undefined ? { body: req.body } : {}),
          credentials: 'omit',
          cache: 'no-store',
          signal: abort.signal,
        });
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        return { status: res.status, headers, body: await res.text() };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
