/**
 * Bearer-token authentication and role guards. A token is found by its id, its secret compared
 * in constant time with the stored hash, refused when revoked or expired, and its last use
 * recorded.
 */
import type { MiddlewareHandler } from 'hono';
import { parseToken, secretMatches } from '../auth/tokens.ts';
import type { Store } from '../store/store.ts';
import type { AppEnv, Caller, Role } from './context.ts';
import { ApiError } from './errors.ts';

export function authenticate(store: Store, now: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new ApiError('unauthenticated');
    const parsed = parseToken(m[1] as string);
    const found = parsed ? await store.tokenForAuth(parsed.id) : null;
    const at = now().toISOString();
    if (
      !parsed ||
      !found ||
      !secretMatches(parsed.secret, found.hash) ||
      found.token.revokedAt !== null ||
      (found.token.expiresAt !== null && found.token.expiresAt <= at)
    ) {
      throw new ApiError('invalid_token');
    }
    await store.touchToken(found.token.id, at, found.token.lastUsedAt);
    const caller: Caller = {
      token: found.token,
      actor: { tokenId: found.token.id, label: found.token.label, role: found.token.role },
    };
    c.set('caller', caller);
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { token } = c.get('caller');
    if (!roles.includes(token.role)) {
      throw new ApiError('forbidden', { roles: roles.join(' / '), role: token.role });
    }
    await next();
  };
}

/** A ministry token sees only its own ministry; other roles see every ministry. */
export function assertMinistryAccess(caller: Caller, ministry: string): void {
  if (caller.token.role === 'ministry' && caller.token.ministry !== ministry) {
    throw new ApiError('wrong_ministry', { own: caller.token.ministry ?? '?', ministry });
  }
}
