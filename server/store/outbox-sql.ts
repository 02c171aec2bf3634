/**
 * The Google Sheets mirror's outbox (table mirror_outbox): one row per target, coalescing every
 * change since the last successful send, and the lease that lets one worker (one instance) send
 * at a time. Every function is one statement, so each is atomic on its own and none holds a
 * transaction open while Google is being called; server/mirror/outbox-worker.ts says how the
 * worker uses them.
 */
import type { Db } from './db.ts';
import type { MirrorOutboxRow } from './store.ts';

interface MirrorOutboxDbRow {
  target: string;
  change_seq: number;
  sent_seq: number;
  dirty_since: string | null;
  next_attempt_at: string | null;
  attempts: number;
  last_error: string | null;
  last_error_at: string | null;
  last_success_at: string | null;
  last_requests: number | null;
  runs: number;
  requests_total: number;
  lease_owner: string | null;
  lease_until: string | null;
}

const MIRROR_COLUMNS = `target, change_seq, sent_seq, dirty_since, next_attempt_at, attempts, last_error,
  last_error_at, last_success_at, last_requests, runs, requests_total, lease_owner, lease_until`;

function mirrorOutboxRow(r: MirrorOutboxDbRow): MirrorOutboxRow {
  return {
    target: r.target,
    changeSeq: Number(r.change_seq),
    sentSeq: Number(r.sent_seq),
    dirtySince: r.dirty_since,
    nextAttemptAt: r.next_attempt_at,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    lastSuccessAt: r.last_success_at,
    lastRequests: r.last_requests === null ? null : Number(r.last_requests),
    runs: Number(r.runs),
    requestsTotal: Number(r.requests_total),
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
  };
}

export async function enqueueMirror(db: Db, target: string, at: string, dueAt: string): Promise<void> {
  await db.run(
    `INSERT INTO mirror_outbox (target, change_seq, dirty_since, next_attempt_at) VALUES ($1, 1, $2, $3)
     ON CONFLICT (target) DO UPDATE SET
       change_seq = mirror_outbox.change_seq + 1,
       next_attempt_at = CASE WHEN mirror_outbox.dirty_since IS NULL THEN excluded.next_attempt_at
                              ELSE mirror_outbox.next_attempt_at END,
       dirty_since = COALESCE(mirror_outbox.dirty_since, excluded.dirty_since)`,
    [target, at, dueAt],
  );
}

export async function claimMirror(
  db: Db,
  target: string,
  owner: string,
  at: string,
  leaseUntil: string,
): Promise<MirrorOutboxRow | null> {
  // One UPDATE decides: on PostgreSQL a concurrent claimer waits for the row lock, then re-reads
  // the lease it finds taken; on SQLite writers are serialised anyway.
  const [r] = await db.query<MirrorOutboxDbRow>(
    `UPDATE mirror_outbox SET lease_owner = $2, lease_until = $4, runs = runs + 1
     WHERE target = $1 AND dirty_since IS NOT NULL AND next_attempt_at <= $3
       AND (lease_until IS NULL OR lease_until <= $3)
     RETURNING ${MIRROR_COLUMNS}`,
    [target, owner, at, leaseUntil],
  );
  return r ? mirrorOutboxRow(r) : null;
}

export async function completeMirror(
  db: Db,
  target: string,
  owner: string,
  result: { claimedSeq: number; claimedAt: string; at: string; nextDueAt: string; requests: number },
): Promise<boolean> {
  const { changes } = await db.run(
    `UPDATE mirror_outbox SET
       sent_seq = $3,
       dirty_since = CASE WHEN change_seq > $3 THEN $4 ELSE NULL END,
       next_attempt_at = CASE WHEN change_seq > $3 THEN $6 ELSE NULL END,
       attempts = 0, last_error = NULL, last_error_at = NULL,
       last_success_at = $5, last_requests = $7, requests_total = requests_total + $7,
       lease_owner = NULL, lease_until = NULL
     WHERE target = $1 AND lease_owner = $2`,
    [target, owner, result.claimedSeq, result.claimedAt, result.at, result.nextDueAt, result.requests],
  );
  return changes > 0;
}

export async function failMirror(
  db: Db,
  target: string,
  owner: string,
  result: { at: string; nextDueAt: string; error: string; requests: number },
): Promise<boolean> {
  const { changes } = await db.run(
    `UPDATE mirror_outbox SET
       attempts = attempts + 1, next_attempt_at = $4, last_error = $5, last_error_at = $3,
       requests_total = requests_total + $6, lease_owner = NULL, lease_until = NULL
     WHERE target = $1 AND lease_owner = $2`,
    [target, owner, result.at, result.nextDueAt, result.error, result.requests],
  );
  return changes > 0;
}

export async function releaseMirror(db: Db, target: string, owner: string): Promise<void> {
  await db.run(
    // The run did not happen as far as the counters go.
    `UPDATE mirror_outbox SET lease_owner = NULL, lease_until = NULL, runs = runs - 1
     WHERE target = $1 AND lease_owner = $2`,
    [target, owner],
  );
}

export async function mirrorOutbox(db: Db, target: string): Promise<MirrorOutboxRow | null> {
  const [r] = await db.query<MirrorOutboxDbRow>(
    `SELECT ${MIRROR_COLUMNS} FROM mirror_outbox WHERE target = $1`,
    [target],
  );
  return r ? mirrorOutboxRow(r) : null;
}
