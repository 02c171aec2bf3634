/**
 * Access tokens: `pac_<id>_<secret>` where the secret is 256 random bits. Only a SHA-256 hash of
 * the secret is stored; a presented token is looked up by its id and its hash compared in
 * constant time, so neither the database nor timing gives the secret away.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface IssuedToken {
  id: string;
  /** The full token, shown once to the person who asked for it. */
  token: string;
  hash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function issueToken(): IssuedToken {
  const id = randomUUID().replace(/-/g, '').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `pac_${id}_${secret}`, hash: hashSecret(secret) };
}

/** Splits a presented token; null when it is not shaped like one of ours. */
export function parseToken(token: string): { id: string; secret: string } | null {
  const m = /^pac_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return m ? { id: m[1] as string, secret: m[2] as string } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
