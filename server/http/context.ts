/**
 * What the app and its routes share: the dependencies every route module is built from
 * (RouteDeps), and what every request carries through the app (the caller, once authenticated,
 * the language, what a return's send has told so far). Routes import this, never app.ts.
 */
import type { Lang } from '#core';
import type { Config } from '../config.ts';
import type { PlanCache } from '../plan/plan-cache.ts';
import type { ReturnChecker } from '../returns/check-threads.ts';
import type { Actor, ReturnSource, Role, Store, TokenRow } from '../store/store.ts';

export interface AppDeps {
  store: Store;
  config: Config;
  now?: () => Date;
  /** Told after every accepted change, e.g. to refresh the Google Sheet mirror. */
  onChange?: (what: { kind: 'submission' | 'review' | 'plan'; ministry?: string }) => void;
  log?: (message: string) => void;
  /** Where the built add-in is (dist/addin by default); a test serves a build of its own. */
  addinDir?: string;
  /** Where returns (JSON, uploaded workbooks) are checked: on the event loop by default, on worker threads in `npm start`. */
  checker?: ReturnChecker;
}

/** What a route module is given: the app's dependencies with their defaults filled in, and the plan cache. */
export interface RouteDeps extends Required<Omit<AppDeps, 'addinDir'>> {
  plans: PlanCache;
}

export interface Caller {
  token: TokenRow;
  actor: Actor;
}

/** What a return's route has learnt about the send so far, kept if it is refused (server/returns/attempts.ts). */
export interface Sending {
  source: ReturnSource;
  fileName: string | null;
  planId: string | null;
  planVersion: string | null;
  /** The execution period the send is for; absent for a planning return. */
  period?: string | null;
}

export interface AppEnv {
  Variables: {
    caller: Caller;
    lang: Lang;
    sending: Sending;
  };
}

export type { Role };
