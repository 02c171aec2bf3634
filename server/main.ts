/**
 * `npm start`: the sync service on its embedded default (a SQLite file under DATA_DIR, or
 * PostgreSQL with DATABASE_URL), seeded with the shipped plan. Prints its address and, on first
 * start only, the administrator token.
 */
import { serve } from '@hono/node-server';
import { bootstrap } from './bootstrap.ts';
import { configFromEnv } from './config.ts';
import { createApp } from './http/app.ts';
import { mirrorFromConfig } from './mirror/mirror.ts';
import { consolidatedWorkbookSource } from './mirror/workbook-source.ts';
import { openStore } from './store/open-store.ts';
import { StoreOpenError } from './store/store-errors.ts';

const config = configFromEnv();
const store = await openStore(config).catch((error: unknown) => {
  // DATA_DIR unusable, PostgreSQL unreachable…: said in French and English, exit 2 as for any
  // unusable input; anything else is a bug and keeps its stack trace.
  if (!(error instanceof StoreOpenError)) throw error;
  console.error(error.message);
  process.exit(2);
});
const { seededPlan, adminToken } = await bootstrap(store);
// The Google Sheet mirror (server/mirror, README): none unless GOOGLE_SHEETS_SPREADSHEET_ID is set.
const mirror = await mirrorFromConfig(config, { store, buildWorkbook: consolidatedWorkbookSource(store) });
const app = createApp({ store, config, onChange: mirror?.onChange });
await mirror?.start();

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.dataDir}/pac.sqlite`;
  // One write, so that whoever reads the output sees the address and the token together.
  const lines = [`PAC — service de synchronisation sur http://localhost:${info.port}/ (base : ${where})`];
  if (seededPlan) lines.push(`Plan chargé : ${seededPlan}`);
  if (mirror) lines.push(`Miroir Google Sheets : classeur ${mirror.spreadsheetId}`);
  if (adminToken) {
    lines.push(
      '',
      'Jeton administrateur (affiché une seule fois, conservez-le) / administrator token (shown once):',
      `  ${adminToken}`,
      '',
    );
  }
  console.log(lines.join('\n'));
});

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal} : arrêt du service…`);
  server.close(() => {
    // The mirror first: a send in progress gives its lease back, to resume at the next start.
    void (mirror?.stop() ?? Promise.resolve()).then(() => store.close()).then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
