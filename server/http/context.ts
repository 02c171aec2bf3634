/** What every request carries through the app: the caller, once authenticated, and the language. */
import type { Lang } from '#core';
import type { Actor, ReturnSource, Role, TokenRow } from '../store/store.ts';

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
}

export interface AppEnv {
  Variables: {
    caller: Caller;
    lang: Lang;
    sending: Sending;
  };
}

export type { Role };
