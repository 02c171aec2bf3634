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
  submission_id: string;
  action: ReviewAction;
  comment: string | null;
  token_id: string | null;
  token_label: string;
  created_at: string;
}

const REVIEW_COLUMNS = 'id, submission_id, action, comment, token_id, token_label, created_at';

function reviewRow(r: ReviewDbRow): ReviewRow {
  return {
    id: r.id,
    submissionId: r.submission_id,
    action: r.action,
    comment: r.comment,
    tokenId: r.token_id,
    tokenLabel: r.token_label,
    createdAt: r.created_at,
  };
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
    const [{ next } = { next: 1 }] = await tx.query<{ next: number }>(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM reviews WHERE submission_id = $1',
      [review.submissionId],
    );
    const createdAt = clock();
    await tx.run(
      `INSERT INTO reviews (id, submission_id, seq, action, comment, token_id, token_label, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        review.id,
        review.submissionId,
        Number(next),
        review.action,
        review.comment,
        actor.tokenId,
        actor.label,
        createdAt,
      ],
    );
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
      review: {
        id: review.id,
        submissionId: review.submissionId,
        action: review.action,
        comment: review.comment,
        tokenId: actor.tokenId,
        tokenLabel: actor.label,
        createdAt,
      },
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
export async function reviews(db: Db, submissionId: string): Promise<ReviewRow[]> {
  const rows = await db.query<ReviewDbRow>(
    `SELECT ${REVIEW_COLUMNS} FROM reviews WHERE submission_id = $1 ORDER BY seq`,
    [submissionId],
  );
  return rows.map(reviewRow);
}
