/**
 * Ministries' execution returns (tables execution_returns, execution_files, execution_reviews,
 * migration 5), on the planning returns' terms (submissions-sql.ts, reviews-sql.ts): each accepted
 * send is a version numbered per (plan, period, ministry) under the ministry's lock, never modified;
 * its state is its latest review's; a seen client key is replayed or refused; an accepted latest
 * version locks the period's return until it is reopened.
 */
import type { Finding } from '#core';
import { type Clock, writeAudit } from './audit-sql.ts';
import { byMinistry, type Db, lockKey, type SqlValue } from './db.ts';
import { appendReview, type ReviewTable, reviewsOf } from './reviews-sql.ts';
import {
  type Actor,
  type AddExecutionReviewResult,
  type ExecutionReturnRow,
  type ExecutionReturnSummary,
  type InsertExecutionResult,
  type NewExecutionReturn,
  REVIEW_TARGET,
  type ReturnSource,
  type ReviewAction,
  type ReviewRow,
  reviewAllowed,
} from './store.ts';

interface ExecutionDbRow {
  id: string;
  plan_id: string;
  plan_version: string;
  period: string;
  ministry: string;
  version: number;
  client_key: string | null;
  payload_hash: string;
  source: ReturnSource;
  file_name: string | null;
  error_count: number;
  warning_count: number;
  token_id: string | null;
  token_label: string;
  created_at: string;
  findings: string;
  review_action: ReviewAction | null;
  review_comment: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  payload?: string;
}

const SUMMARY_COLUMNS = `e.id, e.plan_id, e.plan_version, e.period, e.ministry, e.version, e.client_key,
  e.payload_hash, e.source, e.file_name, e.error_count, e.warning_count, e.token_id, e.token_label,
  e.created_at, e.findings, r.action AS review_action, r.comment AS review_comment,
  r.created_at AS reviewed_at, r.token_label AS reviewed_by`;
/** A return with its latest review, which gives its state. */
const WITH_STATE = `execution_returns e
  LEFT JOIN execution_reviews r ON r.return_id = e.id
   AND r.seq = (SELECT MAX(r2.seq) FROM execution_reviews r2 WHERE r2.return_id = e.id)`;

const EXECUTION_REVIEWS: ReviewTable = { table: 'execution_reviews', parent: 'return_id' };

function summaryRow(r: ExecutionDbRow): ExecutionReturnSummary {
  return {
    id: r.id,
    planId: r.plan_id,
    planVersion: r.plan_version,
    period: r.period,
    ministry: r.ministry,
    version: Number(r.version),
    clientKey: r.client_key,
    payloadHash: r.payload_hash,
    source: r.source,
    fileName: r.file_name,
    errorCount: Number(r.error_count),
    warningCount: Number(r.warning_count),
    tokenId: r.token_id,
    tokenLabel: r.token_label,
    createdAt: r.created_at,
    state: r.review_action ? REVIEW_TARGET[r.review_action] : 'submitted',
    reviewComment: r.review_comment,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    findings: JSON.parse(r.findings) as Finding[],
  };
}

const fullRow = (r: ExecutionDbRow): ExecutionReturnRow => ({
  ...summaryRow(r),
  payload: JSON.parse(r.payload ?? 'null') as unknown,
});

async function summariesWhere(db: Db, where: string, params: SqlValue[]): Promise<ExecutionReturnSummary[]> {
  const rows = await db.query<ExecutionDbRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${WITH_STATE} WHERE ${where}`,
    params,
  );
  return rows.map(summaryRow);
}

export function insertExecutionReturn(
  db: Db,
  clock: Clock,
  input: NewExecutionReturn,
  actor: Actor,
): Promise<InsertExecutionResult> {
  return db.transaction(async (tx): Promise<InsertExecutionResult> => {
    // The ministry's lock, the one its reviews take: the latest state cannot change under us.
    await lockKey(tx, `execution:${input.planId}/${input.period}/${input.ministry}`);
    const scope = 'e.plan_id = $1 AND e.period = $2 AND e.ministry = $3';
    const [latest] = await summariesWhere(tx, `${scope} ORDER BY e.version DESC LIMIT 1`, [
      input.planId,
      input.period,
      input.ministry,
    ]);
    if (latest?.state === 'accepted' && (input.clientKey === null || latest.clientKey !== input.clientKey))
      return { kind: 'locked', execution: latest };
    if (input.clientKey !== null) {
      const [seen] = await summariesWhere(tx, `${scope} AND e.client_key = $4`, [
        input.planId,
        input.period,
        input.ministry,
        input.clientKey,
      ]);
      if (seen)
        return { kind: seen.payloadHash === input.payloadHash ? 'replayed' : 'key_reused', execution: seen };
    }
    const version = (latest?.version ?? 0) + 1;
    const createdAt = clock();
    await tx.run(
      `INSERT INTO execution_returns (id, plan_id, plan_version, period, ministry, version, client_key,
         payload_hash, source, file_name, payload, findings, error_count, warning_count, token_id,
         token_label, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        input.id,
        input.planId,
        input.planVersion,
        input.period,
        input.ministry,
        version,
        input.clientKey,
        input.payloadHash,
        input.source,
        input.fileName,
        input.payloadJson,
        JSON.stringify(input.findings),
        input.errorCount,
        input.warningCount,
        actor.tokenId,
        actor.label,
        createdAt,
      ],
    );
    if (input.file !== null)
      await tx.run('INSERT INTO execution_files (return_id, bytes) VALUES ($1, $2)', [input.id, input.file]);
    await writeAudit(tx, clock, actor, {
      action: 'execution.create',
      target: `execution:${input.id}`,
      planVersion: input.planVersion,
      detail: {
        planId: input.planId,
        period: input.period,
        ministry: input.ministry,
        version,
        source: input.source,
        fileName: input.fileName,
        fileBytes: input.file?.byteLength ?? null,
        clientKey: input.clientKey,
        payloadHash: input.payloadHash,
        errorCount: input.errorCount,
        warningCount: input.warningCount,
      },
    });
    const { payloadJson: _stored, file: _file, ...rest } = input;
    return {
      kind: 'created',
      execution: {
        ...rest,
        version,
        tokenId: actor.tokenId,
        tokenLabel: actor.label,
        createdAt,
        state: 'submitted',
        reviewComment: null,
        reviewedAt: null,
        reviewedBy: null,
      },
    };
  });
}

export async function executionReturn(db: Db, id: string): Promise<ExecutionReturnRow | null> {
  const [r] = await db.query<ExecutionDbRow>(
    `SELECT ${SUMMARY_COLUMNS}, e.payload FROM ${WITH_STATE} WHERE e.id = $1`,
    [id],
  );
  return r ? fullRow(r) : null;
}

export async function executionReturnFile(db: Db, id: string): Promise<Uint8Array | null> {
  const [r] = await db.query<{ bytes: Uint8Array }>(
    'SELECT bytes FROM execution_files WHERE return_id = $1',
    [id],
  );
  return r ? r.bytes : null;
}

export async function executionReturns(
  db: Db,
  planId: string,
  period: string,
): Promise<ExecutionReturnRow[]> {
  const rows = await db.query<ExecutionDbRow>(
    `SELECT ${SUMMARY_COLUMNS}, e.payload FROM ${WITH_STATE}
     WHERE e.plan_id = $1 AND e.period = $2 ORDER BY e.version DESC`,
    [planId, period],
  );
  return rows.map(fullRow).sort(byMinistry);
}

export function addExecutionReview(
  db: Db,
  clock: Clock,
  review: { id: string; returnId: string; action: ReviewAction; comment: string | null },
  actor: Actor,
): Promise<AddExecutionReviewResult> {
  return db.transaction(async (tx): Promise<AddExecutionReviewResult> => {
    const [owner] = await tx.query<{ plan_id: string; period: string; ministry: string }>(
      'SELECT plan_id, period, ministry FROM execution_returns WHERE id = $1',
      [review.returnId],
    );
    if (!owner) return { kind: 'not_found' };
    await lockKey(tx, `execution:${owner.plan_id}/${owner.period}/${owner.ministry}`);
    const [before] = await summariesWhere(tx, 'e.id = $1', [review.returnId]);
    if (!before) return { kind: 'not_found' };
    if (!reviewAllowed(before.state, review.action)) return { kind: 'not_allowed', execution: before };
    const row = await appendReview(
      tx,
      EXECUTION_REVIEWS,
      clock,
      { id: review.id, parentId: review.returnId, action: review.action, comment: review.comment },
      actor,
    );
    const { createdAt } = row;
    const to = REVIEW_TARGET[review.action];
    await writeAudit(tx, clock, actor, {
      action: `execution.review.${review.action}`,
      target: `execution:${review.returnId}`,
      planVersion: before.planVersion,
      detail: {
        period: before.period,
        ministry: before.ministry,
        version: before.version,
        from: before.state,
        to,
      },
    });
    return {
      kind: 'added',
      review: row,
      execution: {
        ...before,
        state: to,
        reviewComment: review.comment,
        reviewedAt: createdAt,
        reviewedBy: actor.label,
      },
    };
  });
}

export function executionReviews(db: Db, returnId: string): Promise<ReviewRow[]> {
  return reviewsOf(db, EXECUTION_REVIEWS, returnId);
}
