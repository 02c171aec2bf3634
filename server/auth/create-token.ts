/**
 * Creating a token, the same way from the API and from `pac token create`: a ministry token must
 * name a ministry of the plan that sends returns (any spelling the document uses), other roles
 * none. Returns the stored row and the secret, which is shown once and never stored.
 */
import type { PlanIndex } from '#core';
import type { Actor, Role, Store, TokenRow } from '../store/store.ts';
import { issueToken } from './tokens.ts';

export interface TokenRequest {
  role: Role;
  ministry?: string | undefined;
  label: string;
  expiresAt?: string | undefined;
}

export type CreatedToken =
  | { ok: true; token: TokenRow; secret: string }
  | { ok: false; unknownMinistry: string };

export async function createToken(
  store: Store,
  index: PlanIndex,
  request: TokenRequest,
  actor: Actor,
): Promise<CreatedToken> {
  let ministry: string | null = null;
  if (request.ministry !== undefined) {
    ministry = index.resolveMinistry(request.ministry)?.[0] ?? null;
    if (!ministry || !index.plan.ministries.some((m) => m.code === ministry && m.returns)) {
      return { ok: false, unknownMinistry: request.ministry };
    }
  }
  const issued = issueToken();
  const token = await store.createToken(
    {
      id: issued.id,
      hash: issued.hash,
      role: request.role,
      ministry,
      label: request.label,
      expiresAt: request.expiresAt ?? null,
    },
    actor,
  );
  return { ok: true, token, secret: issued.token };
}

/** Ministries a token can be made for, for messages. */
export function returningMinistries(index: PlanIndex): string[] {
  return index.plan.ministries.filter((m) => m.returns).map((m) => m.code);
}
