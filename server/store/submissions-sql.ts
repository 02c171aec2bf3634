/**
 * Ministries' returns (tables submissions and submission_files): each accepted submission is one
 * version, numbered 1, 2, 3… per plan and ministry under the ministry's lock, never modified once
 * written. Where a plan is not named, every hosted plan's returns are read (one plan: as before).
 * A submission's state is not stored with it: it is its latest review's (reviews-sql.ts).
 */
import type { Finding, ReturnDocument } from '#core';
import { type Clock, writeAudit } from './audit-sql.ts';
import { byMinistry, type Db, lockKey, type SqlValue } from './db.ts';
import {
  type Actor,
  type InsertSubmissionResult,
  type NewSubmission,
  REVIEW_TARGET,
  type ReturnSource,
  type ReviewAction,
  type SubmissionRow,
  type SubmissionSummary,
  type SubmissionWithFindings,
} from './store.ts';

interface SubmissionDbRow {
  id: string;
  ministry: string;
  version: number;
  plan_id: string;
  plan_version: string;
  client_key: string | null;
  payload_hash: string;
  source: ReturnSource;
  file_name: string | null;
  error_count: number;
  warning_count: number;
  token_id: string | null;
  token_label: string;
  created_at: string;
  review_action: ReviewAction | null;
  review_comment: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  payload?: string;
  findings?: string;
}

const SUMMARY_COLUMNS = `s.id, s.ministry, s.version, s.plan_id, s.plan_version, s.client_key, s.payload_hash,
  s.source, s.file_name, s.error_count, s.warning_count, s.token_id, s.token_label, s.created_at,
  r.action AS review_action, r.comment AS review_comment, r.created_at AS reviewed_at,
  r.token_label AS reviewed_by`;
const FULL_COLUMNS = `${SUMMARY_COLUMNS}, s.payload, s.findings`;
/** A submission with its latest review, which gives its state. */
const SUBMISSIONS_WITH_STATE = `submissions s
  LEFT JOIN reviews r ON r.submission_id = s.id
   AND r.seq = (SELECT MAX(r2.seq) FROM reviews r2 WHERE r2.submission_id = s.id)`;

function summaryRow(r: SubmissionDbRow): SubmissionSummary {
  return {
    id: r.id,
    ministry: r.ministry,
    version: Number(r.version),
    planId: r.plan_id,
    planVersion: r.plan_version,
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
  };
}

function withFindings(r: SubmissionDbRow): SubmissionWithFindings {
  return { ...summaryRow(r), findings: JSON.parse(r.findings ?? '[]') as Finding[] };
}

function submissionRow(r: SubmissionDbRow): SubmissionRow {
  return { ...withFindings(r), payload: JSON.parse(r.payload ?? 'null') as ReturnDocument };
}

async function submissionWhere(db: Db, where: string, params: SqlValue[]): Promise<SubmissionRow | null> {
  const [r] = await db.query<SubmissionDbRow>(
    `SELECT ${FULL_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE ${where}`,
    params,
  );
  return r ? submissionRow(r) : null;
}

/** One submission without its payload and findings, with its state; for the reviews' own checks. */
export async function summaryById(db: Db, id: string): Promise<SubmissionSummary | null> {
  const [r] = await db.query<SubmissionDbRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE s.id = $1`,
    [id],
  );
  return r ? summaryRow(r) : null;
}

/**
 * Numbers the version and writes the submission, its file and an audit entry atomically. Few
 * statements, since on PostgreSQL each is a round trip made while holding the ministry's lock:
 * the latest version gives both the lock state and the next number, a seen key is looked up by its
 * index alone, and the new row is answered from what was written rather than read back.
 */
export function insertSubmission(
  db: Db,
  clock: Clock,
  input: NewSubmission,
  actor: Actor,
): Promise<InsertSubmissionResult> {
  return db.transaction(async (tx): Promise<InsertSubmissionResult> => {
    // Serialises this ministry's submissions across every instance (all plans: a coarser lock than
    // needed, and simpler); the UNIQUE constraints on (plan_id, ministry, version) and (plan_id,
    // ministry, client_key) stay as backstops.
    await lockKey(tx, `ministry:${input.ministry}`);
    const [latest] = await listSubmissions(tx, { planId: input.planId, ministry: input.ministry, limit: 1 });
    // An accepted version would be silently replaced by a new one; a retry of the accepted
    // submission itself is still answered below.
    if (latest?.state === 'accepted' && (input.clientKey === null || latest.clientKey !== input.clientKey)) {
      return { kind: 'locked', submission: latest };
    }
    if (input.clientKey !== null) {
      const [seen] = await tx.query<SubmissionDbRow>(
        `SELECT ${SUMMARY_COLUMNS}, s.findings FROM ${SUBMISSIONS_WITH_STATE}
         WHERE s.plan_id = $1 AND s.ministry = $2 AND s.client_key = $3`,
        [input.planId, input.ministry, input.clientKey],
      );
      const existing = seen ? withFindings(seen) : null;
      if (existing) {
        return {
          kind: existing.payloadHash === input.payloadHash ? 'replayed' : 'key_reused',
          submission: existing,
        };
      }
    }
    const version = (latest?.version ?? 0) + 1;
    const createdAt = clock();
    await tx.run(
      `INSERT INTO submissions (id, ministry, version, plan_id, plan_version, client_key, payload_hash, source,
         file_name, payload, findings, error_count, warning_count, token_id, token_label, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        input.id,
        input.ministry,
        version,
        input.planId,
        input.planVersion,
        input.clientKey,
        input.payloadHash,
        input.source,
        input.fileName,
        input.payloadJson ?? JSON.stringify(input.payload ?? null),
        JSON.stringify(input.findings),
        input.errorCount,
        input.warningCount,
        actor.tokenId,
        actor.label,
        createdAt,
      ],
    );
    if (input.file !== null) {
      await tx.run('INSERT INTO submission_files (submission_id, bytes) VALUES ($1, $2)', [
        input.id,
        input.file,
      ]);
    }
    await writeAudit(tx, clock, actor, {
      action: 'submission.create',
      target: `submission:${input.id}`,
      planVersion: input.planVersion,
      detail: {
        ministry: input.ministry,
        version,
        planId: input.planId,
        source: input.source,
        fileName: input.fileName,
        fileBytes: input.file?.byteLength ?? null,
        clientKey: input.clientKey,
        payloadHash: input.payloadHash,
        errorCount: input.errorCount,
        warningCount: input.warningCount,
      },
    });
    return {
      kind: 'created',
      submission: {
        id: input.id,
        ministry: input.ministry,
        version,
        planId: input.planId,
        planVersion: input.planVersion,
        clientKey: input.clientKey,
        payloadHash: input.payloadHash,
        source: input.source,
        fileName: input.fileName,
        errorCount: input.errorCount,
        warningCount: input.warningCount,
        tokenId: actor.tokenId,
        tokenLabel: actor.label,
        createdAt,
        state: 'submitted',
        reviewComment: null,
        reviewedAt: null,
        reviewedBy: null,
        findings: input.findings,
      },
    };
  });
}

export function submission(db: Db, id: string): Promise<SubmissionRow | null> {
  return submissionWhere(db, 's.id = $1', [id]);
}

export async function submissionFile(db: Db, id: string): Promise<Uint8Array | null> {
  const [r] = await db.query<{ bytes: Uint8Array }>(
    'SELECT bytes FROM submission_files WHERE submission_id = $1',
    [id],
  );
  return r ? r.bytes : null;
}

/** A version of a ministry's return on the plan `planId` (not named: the newest such version). */
export async function submissionByVersion(
  db: Db,
  ministry: string,
  version: number,
  planId?: string,
): Promise<SubmissionRow | null> {
  if (planId !== undefined) {
    return submissionWhere(db, 's.plan_id = $1 AND s.ministry = $2 AND s.version = $3', [
      planId,
      ministry,
      version,
    ]);
  }
  const [r] = await db.query<SubmissionDbRow>(
    `SELECT ${FULL_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE s.ministry = $1 AND s.version = $2
     ORDER BY s.created_at DESC LIMIT 1`,
    [ministry, version],
  );
  return r ? submissionRow(r) : null;
}

/**
 * Newest first (one ministry of one plan: highest version first). Without payloads and findings.
 */
export async function listSubmissions(
  db: Db,
  filter: { planId?: string; ministry?: string; limit?: number },
): Promise<SubmissionSummary[]> {
  // A limit keeps "the latest version of this ministry" one row, however many versions it has.
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(1, Math.floor(filter.limit))}`;
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.planId !== undefined) {
    params.push(filter.planId);
    where.push(`s.plan_id = $${params.length}`);
  }
  if (filter.ministry !== undefined) {
    params.push(filter.ministry);
    where.push(`s.ministry = $${params.length}`);
  }
  const order =
    filter.ministry === undefined || filter.planId === undefined
      ? 's.created_at DESC, s.version DESC, s.id DESC'
      : 's.version DESC';
  const rows = await db.query<SubmissionDbRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE}
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}${limit}`,
    params,
  );
  return rows.map(summaryRow);
}

/** The latest version of each ministry that has submitted on a plan (not named: on each plan), by ministry code. */
export async function latestSubmissions(db: Db, planId?: string): Promise<SubmissionRow[]> {
  const latest = `s.version = (SELECT MAX(m.version) FROM submissions m
     WHERE m.ministry = s.ministry AND m.plan_id = s.plan_id)`;
  const rows =
    planId === undefined
      ? await db.query<SubmissionDbRow>(
          `SELECT ${FULL_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE ${latest}`,
        )
      : await db.query<SubmissionDbRow>(
          `SELECT ${FULL_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE s.plan_id = $1 AND ${latest}`,
          [planId],
        );
  return rows.map(submissionRow).sort(byMinistry);
}
