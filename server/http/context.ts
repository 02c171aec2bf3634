/** What every request carries through the app: the caller, once authenticated, and the language. */
import type { Lang } from '#core';
import type { Actor, Role, TokenRow } from '../store/store.ts';

export interface Caller {
  token: TokenRow;
  actor: Actor;
}

export interface AppEnv {
  Variables: {
    caller: Caller;
    lang: Lang;
  };
}

export type { Role };
