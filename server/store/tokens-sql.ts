/**
 * Access tokens (table tokens): only a hash of each secret is stored; creating and revoking are
 * audited, recording a use is not (it is cheap and never waits for a lock).
 */
import { type Clock, writeAudit } from './audit-sql.ts';
import { type Db, lockKey, toCount } from './db.ts';
import type { Actor, NewToken, Role, TokenRow } from './store.ts';
import { isStoreBusy } from './store-errors.ts';

/** A use of a token closer than this to the recorded one is not written (see touchToken). */
const TOUCH_GRANULARITY_MS = 60_000;

interface TokenDbRow {
  id: string;
  role: Role;
  ministry: string | null;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

const TOKEN_COLUMNS = 'id, role, ministry, label, created_at, expires_at, revoked_at, last_used_at';

function tokenRow(r: TokenDbRow): TokenRow {
  return {
    id: r.id,
    role: r.role,
    ministry: r.ministry,
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

async function insertToken(tx: Db, clock: Clock, token: NewToken, actor: Actor): Promise<TokenRow> {
  const createdAt = clock();
  await tx.run(
    `INSERT INTO tokens (id, hash, role, ministry, label, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [token.id, token.hash, token.role, token.ministry, token.label, createdAt, token.expiresAt],
  );
  // Never the hash: the audit log is readable by more people than the token table.
  await writeAudit(tx, clock, actor, {
    action: 'token.create',
    target: `token:${token.id}`,
    planVersion: null,
    detail: { role: token.role, ministry: token.ministry, label: token.label, expiresAt: token.expiresAt },
  });
  return {
    id: token.id,
    role: token.role,
    ministry: token.ministry,
    label: token.label,
    createdAt,
    expiresAt: token.expiresAt,
    revokedAt: null,
    lastUsedAt: null,
  };
}

export function createToken(db: Db, clock: Clock, token: NewToken, actor: Actor): Promise<TokenRow> {
  return db.transaction((tx) => insertToken(tx, clock, token, actor));
}

/** The token, unless one of its role exists already (revoked ones count): the first-start administrator. */
export function createFirstToken(
  db: Db,
  clock: Clock,
  token: NewToken,
  actor: Actor,
): Promise<TokenRow | null> {
  return db.transaction(async (tx) => {
    await lockKey(tx, `tokens:${token.role}`);
    const [row] = await tx.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM tokens WHERE role = $1', [
      token.role,
    ]);
    if (toCount(row?.n) > 0) return null;
    return insertToken(tx, clock, token, actor);
  });
}

export async function tokenByHash(db: Db, hash: string): Promise<TokenRow | null> {
  const [r] = await db.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = $1`, [hash]);
  return r ? tokenRow(r) : null;
}

export async function tokenForAuth(db: Db, id: string): Promise<{ token: TokenRow; hash: string } | null> {
  const [r] = await db.query<TokenDbRow & { hash: string }>(
    `SELECT ${TOKEN_COLUMNS}, hash FROM tokens WHERE id = $1`,
    [id],
  );
  return r ? { token: tokenRow(r), hash: r.hash } : null;
}

/** Oldest first. */
export async function listTokens(db: Db): Promise<TokenRow[]> {
  const rows = await db.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`);
  return rows.map(tokenRow);
}

export function revokeToken(db: Db, clock: Clock, id: string, actor: Actor): Promise<TokenRow | null> {
  return db.transaction(async (tx) => {
    // The condition on revoked_at makes a concurrent second revocation a no-op, not a second entry.
    const { changes } = await tx.run(
      'UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
      [id, clock()],
    );
    const [r] = await tx.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = $1`, [id]);
    if (!r) return null;
    if (changes > 0) {
      await writeAudit(tx, clock, actor, {
        action: 'token.revoke',
        target: `token:${id}`,
        planVersion: null,
        detail: { role: r.role, ministry: r.ministry, label: r.label },
      });
    }
    return tokenRow(r);
  });
}

export async function touchToken(
  db: Db,
  id: string,
  at: string,
  lastUsedAt: string | null = null,
): Promise<void> {
  const threshold = new Date(Date.parse(at) - TOUCH_GRANULARITY_MS).toISOString();
  // The use the caller just read is recent enough: no statement at all (a write, on every request).
  if (lastUsedAt !== null && lastUsedAt > threshold) return;
  try {
    await db.run(
      'UPDATE tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)',
      [id, at, threshold],
      // Every request authenticates: a read must not wait behind another process's write lock
      // for a time stamp. Skipped when locked; the next use records it.
      { wait: false },
    );
  } catch (error) {
    if (!isStoreBusy(error)) throw error;
  }
}

/** Revoked and expired tokens included. */
export async function countTokens(db: Db, role?: Role): Promise<number> {
  const [row] =
    role === undefined
      ? await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM tokens')
      : await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM tokens WHERE role = $1', [role]);
  return toCount(row?.n);
}
