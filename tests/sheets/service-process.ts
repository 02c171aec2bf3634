/**
 * The sync service for the Sheets add-on's tests, in its own process: the add-on's UrlFetchApp
 * fake blocks the test's thread while a request is out (./sync-http.ts), so the service cannot
 * share that thread. Started as `node --import tsx tests/sheets/service-process.ts <dataDir>`,
 * bootstrapped like `npm start` (shipped plan, first admin token) on a fresh SQLite directory; it
 * prints one JSON line { base, adminToken } once it listens, and stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { bootstrap } from '../../server/bootstrap.ts';
import { createApp } from '../../server/http/app.ts';
import { openStore } from '../../server/store/open-store.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: service-process.ts <dataDir>');
const store = await openStore({ dataDir, databaseUrl: undefined });
const { adminToken } = await bootstrap(store);
const app = createApp({
  store,
  config: {
    port: 0,
    dataDir,
    databaseUrl: undefined,
    maxJsonBytes: 8 * 1024 * 1024,
    maxUploadBytes: 10 * 1024 * 1024,
  },
  log: () => {},
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ base: `http://127.0.0.1:${port}`, adminToken })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => {
    void store.close().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
});
