/**
 * The audit log's SQL (table audit_log): every write of the other aggregates records its entry
 * through `writeAudit`, inside its own transaction, so that the entry and the write stand or fall
 * together; reading is paged newest first.
 */
import type { Db } from './db.ts';
import { sortableId } from './sortable-id.ts';
import type { Actor, AuditRow } from './store.ts';

/** The time of a write as stored: ISO-8601 UTC text from the store's clock. */
export type Clock = () => string;

export interface AuditEntry {
  action: string;
  target: string;
  planVersion: string | null;
  detail: unknown;
}

interface AuditDbRow {
  id: string;
  at: string;
  token_id: string | null;
  token_label: string;
  role: string;
  action: string;
  target: string;
  plan_version: string | null;
  detail: string;
}

const AUDIT_COLUMNS = 'id, at, token_id, token_label, role, action, target, plan_version, detail';

function auditRow(r: AuditDbRow): AuditRow {
  return {
    id: r.id,
    at: r.at,
    tokenId: r.token_id,
    tokenLabel: r.token_label,
    role: r.role,
    action: r.action,
    target: r.target,
    planVersion: r.plan_version,
    detail: JSON.parse(r.detail) as unknown,
  };
}

/** Called by every write inside its own transaction (`tx`). */
export async function writeAudit(tx: Db, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.run(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    // Time-ordered, so entries of the same millisecond list in the order they were written.
    sortableId(),
    clock(),
    actor.tokenId,
    actor.label,
    actor.role,
    entry.action,
    entry.target,
    entry.planVersion,
    JSON.stringify(entry.detail ?? null),
  ]);
}

/** An entry for a write outside the other aggregates (e.g. a refused submission worth recording). */
export function recordAudit(db: Db, clock: Clock, entry: AuditEntry, actor: Actor): Promise<void> {
  return db.transaction((tx) => writeAudit(tx, clock, actor, entry));
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function listAudit(db: Db, filter: { limit: number; before?: string }): Promise<AuditRow[]> {
  const rows =
    filter.before === undefined
      ? await db.query<AuditDbRow>(
          `SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY at DESC, id DESC LIMIT $1`,
          [filter.limit],
        )
      : await db.query<AuditDbRow>(
          `SELECT ${AUDIT_COLUMNS} FROM audit_log
           WHERE (at, id) < (SELECT b.at, b.id FROM audit_log b WHERE b.id = $1)
           ORDER BY at DESC, id DESC LIMIT $2`,
          [filter.before, filter.limit],
        );
  return rows.map(auditRow);
}
