/**
 * The service's own database for the commands that write to it (`pac token`, `pac plan new`):
 * opened from DATA_DIR or DATABASE_URL as `npm start` does, bootstrapped as a first start would be
 * (the shipped plan, and the administrator token printed once), closed afterwards. An unusable
 * DATA_DIR or DATABASE_URL is the store's French and English message and exit 2, not a crash.
 */
import { bootstrap } from '../bootstrap.ts';
import { configFromEnv } from '../config.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { StoreOpenError } from '../store/store-errors.ts';
import type { CommandContext } from './command.ts';
import { EXIT } from './output.ts';

export async function withServiceStore(
  ctx: CommandContext,
  run: (store: Store) => Promise<number>,
): Promise<number> {
  let store: Store;
  try {
    store = await openStore(configFromEnv());
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    ctx.io.err(error.message);
    return EXIT.unusable;
  }
  try {
    // A database the service has never opened gets the shipped plan first, as `npm start` does.
    const { adminToken } = await bootstrap(store);
    if (adminToken && !ctx.values.json)
      ctx.io.err(
        `Premier démarrage : jeton administrateur / first start: administrator token\n  ${adminToken}`,
      );
    return await run(store);
  } finally {
    await store.close();
  }
}
