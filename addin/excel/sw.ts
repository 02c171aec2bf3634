/**
 * The task pane's service worker, so that the pane opens on a computer that is offline: its own
 * files and Office.js (from Microsoft's CDN) are answered from the network when it answers within
 * a few seconds and from the cache otherwise, and every answer refreshes the cache. Calls to the
 * sync service's API are never touched — the pane's own storage handles being offline for those.
 * The cache name carries a hash of the build (see build.ts), so a new build replaces it.
 */
// Both are written by the build (esbuild `define`).
declare const PAC_BUILD: string;
declare const PAC_FILES: readonly string[];

const CACHE = `pac-addin-${PAC_BUILD}`;
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/';
const NETWORK_WAIT_MS = 4000;

interface WaitEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEventLike extends WaitEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: WaitEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  registration: { scope: string };
}

const worker = self as unknown as WorkerScope;

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok || response.type === 'opaque') await cache.put(request, response.clone());
    return response;
  });
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), NETWORK_WAIT_MS));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
  } catch {
    // Offline: fall back on the cache below.
  }
  const cached = await cache.match(request);
  return cached ?? network;
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PAC_FILES.map((f) => new URL(f, worker.registration.scope).href)))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('pac-addin-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = request.url;
  if (url.startsWith(worker.registration.scope) || url.startsWith(OFFICE_CDN))
    event.respondWith(networkFirst(request));
});
