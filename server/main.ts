/**
 * `npm start`: the sync service on its embedded default (a SQLite file under DATA_DIR, or
 * PostgreSQL with DATABASE_URL), seeded with the shipped plan, listening on HOST:PORT. Prints where
 * it listens, what to do next (./startup-message.ts) and, on first start only, the administrator
 * token. A wrong setting stops it at once with a message saying which.
 */
import { serve } from '@hono/node-server';
import { bootstrap } from './bootstrap.ts';
import { type Config, configFromEnv } from './config.ts';
import { createApp } from './http/app.ts';
import { mirrorFromConfig } from './mirror/mirror.ts';
import { consolidatedWorkbookSource } from './mirror/workbook-source.ts';
import { checkThreads, inThread } from './returns/check-threads.ts';
import { startupMessage } from './startup-message.ts';
import { openStore } from './store/open-store.ts';
import { StoreOpenError } from './store/store-errors.ts';

let config: Config;
try {
  config = configFromEnv();
} catch (error) {
  // A setting is wrong: say which and how to fix it, without a stack trace, before touching anything.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
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
// JSON returns are checked on worker threads, so that the event loop keeps answering meanwhile.
const checker = config.checkThreads ? checkThreads(config.checkThreads) : inThread;
const app = createApp({ store, config, onChange: mirror?.onChange, checker });
await mirror?.start();

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  // One write, so that whoever reads the output sees the addresses and the token together.
  process.stdout.write(
    startupMessage({
      config,
      port: info.port,
      seededPlan,
      mirrorSpreadsheet: mirror?.spreadsheetId ?? null,
      adminToken,
    }),
  );
});
server.on('error', (error: NodeJS.ErrnoException) => {
  const where = `${config.host}:${config.port}`;
  const why =
    error.code === 'EADDRINUSE'
      ? `le port est déjà pris (un autre service PAC ?) : choisissez-en un autre avec PORT / the port is taken: pick another with PORT`
      : `${error.code ?? error.message} : vérifiez HOST et PORT / check HOST and PORT`;
  console.error(`Impossible d'écouter sur ${where} / cannot listen on ${where} — ${why}`);
  process.exit(2);
});

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal} : arrêt du service…`);
  server.close(() => {
    // The mirror first: a send in progress gives its lease back, to resume at the next start.
    void (mirror?.stop() ?? Promise.resolve())
      .then(() => checker.close())
      .then(() => store.close())
      .then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
