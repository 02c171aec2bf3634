/**
 * The consolidators' reviews of a version (table reviews): accept, return with a comment, reopen.
 * Appended only; a version's state is its latest review's. The state a review starts from is read
 * under the ministry's lock, the one its submissions take, so two consolidators cannot both act on
 * the same state.
 */
import { type Clock, writeAudit } from './audit-sql.ts';
import { type Db, lockKey } from './db.ts';
import {
  type Actor,
  type AddReviewResult,
  REVIEW_TARGET,
  type ReturnState,
  type ReviewAction,
  type ReviewRow,
  reviewAllowed,
} from './store.ts';
import { summaryById } from './submissions-sql.ts';

interface ReviewDbRow {
  id: string;
  parent_id: string;
  action: ReviewAction;
  comment: string | null;
  token_id: string | null;
  token_label: string;
  created_at: string;
}

/** Where a kind of return keeps its reviews: planning returns here, execution returns in execution-sql.ts. */
export interface ReviewTable {
  table: 'reviews' | 'execution_reviews';
  /** The column naming the reviewed version. */
  parent: 'submission_id' | 'return_id';
}

const PLANNING: ReviewTable = { table: 'reviews', parent: 'submission_id' };

function reviewRow(r: ReviewDbRow): ReviewRow {
  return {
    id: r.id,
    submissionId: r.parent_id,
    action: r.action,
    comment: r.comment,
    tokenId: r.token_id,
    tokenLabel: r.token_label,
    createdAt: r.created_at,
  };
}

/** Appends a review as the next of its version's (the caller holds the version's lock). */
export async function appendReview(
  tx: Db,
  t: ReviewTable,
  clock: Clock,
  review: { id: string; parentId: string; action: ReviewAction; comment: string | null },
  actor: Actor,
): Promise<ReviewRow> {
  const [{ next } = { next: 1 }] = await tx.query<{ next: number }>(
    `SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM ${t.table} WHERE ${t.parent} = $1`,
    [review.parentId],
  );
  const createdAt = clock();
  await tx.run(
    `INSERT INTO ${t.table} (id, ${t.parent}, seq, action, comment, token_id, token_label, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      review.id,
      review.parentId,
      Number(next),
      review.action,
      review.comment,
      actor.tokenId,
      actor.label,
      createdAt,
    ],
  );
  return {
    id: review.id,
    submissionId: review.parentId,
    action: review.action,
    comment: review.comment,
    tokenId: actor.tokenId,
    tokenLabel: actor.label,
    createdAt,
  };
}

/** A version's reviews, oldest first. */
export async function reviewsOf(db: Db, t: ReviewTable, parentId: string): Promise<ReviewRow[]> {
  const rows = await db.query<ReviewDbRow>(
    `SELECT id, ${t.parent} AS parent_id, action, comment, token_id, token_label, created_at
     FROM ${t.table} WHERE ${t.parent} = $1 ORDER BY seq`,
    [parentId],
  );
  return rows.map(reviewRow);
}

export function addReview(
  db: Db,
  clock: Clock,
  review: { id: string; submissionId: string; action: ReviewAction; comment: string | null },
  actor: Actor,
): Promise<AddReviewResult> {
  return db.transaction(async (tx): Promise<AddReviewResult> => {
    const [owner] = await tx.query<{ ministry: string }>('SELECT ministry FROM submissions WHERE id = $1', [
      review.submissionId,
    ]);
    if (!owner) return { kind: 'not_found' };
    // The same lock as the ministry's submissions: the state read below cannot change before the
    // review is written.
    await lockKey(tx, `ministry:${owner.ministry}`);
    const before = await summaryById(tx, review.submissionId);
    if (!before) return { kind: 'not_found' };
    if (!reviewAllowed(before.state, review.action)) return { kind: 'not_allowed', submission: before };
    const added = await appendReview(
      tx,
      PLANNING,
      clock,
      { id: review.id, parentId: review.submissionId, action: review.action, comment: review.comment },
      actor,
    );
    const { createdAt } = added;
    const to: ReturnState = REVIEW_TARGET[review.action];
    await writeAudit(tx, clock, actor, {
      action: `review.${review.action}`,
      target: `submission:${review.submissionId}`,
      planVersion: before.planVersion,
      detail: {
        ministry: before.ministry,
        version: before.version,
        from: before.state,
        to,
        comment: review.comment,
      },
    });
    return {
      kind: 'added',
      review: added,
      submission: {
        ...before,
        state: to,
        reviewComment: review.comment,
        reviewedAt: createdAt,
        reviewedBy: actor.label,
      },
    };
  });
}

/** Oldest first. */
export function reviews(db: Db, submissionId: string): Promise<ReviewRow[]> {
  return reviewsOf(db, PLANNING, submissionId);
}
