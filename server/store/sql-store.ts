/**
 * The Store, written once in SQL that SQLite and PostgreSQL both accept, over the Db layer. Each
 * write runs in one transaction with its audit entry; writes that read before they write (the next
 * version number, the state a review starts from, the current plan) first take a lock on what they
 * depend on (lockKey: an advisory lock on PostgreSQL, the transaction's write lock on SQLite), so
 * several service instances on one PostgreSQL database number and review correctly.
 */
import type { Finding, Plan } from '#core';
import * as attempts from './attempts-sql.ts';
import { jsonEtag } from './canonical-json.ts';
import { type Db, lockKey, type SqlValue, toCount } from './db.ts';
import { migrate } from './migrations.ts';
import { sortableId } from './sortable-id.ts';
import {
  type Actor,
  type AddReviewResult,
  type AttemptLimits,
  type AttemptRow,
  type AttemptSummary,
  type AuditRow,
  type InsertSubmissionResult,
  type MirrorOutboxRow,
  type NewAttempt,
  type NewSubmission,
  type NewToken,
  PlanVersionExistsError,
  type PlanVersionRow,
  REVIEW_TARGET,
  type RecordAttemptResult,
  type ReturnSource,
  type ReturnState,
  type ReviewAction,
  type ReviewRow,
  type Role,
  reviewAllowed,
  type Store,
  type SubmissionRow,
  type SubmissionSummary,
  type TokenRow,
} from './store.ts';
import { isStoreBusy } from './store-errors.ts';

export interface SqlStoreOptions {
  /** The clock, for tests; timestamps are stored as ISO-8601 UTC text. */
  now?: () => Date;
}

/** A use of a token closer than this to the recorded one is not written (see touchToken). */
const TOUCH_GRANULARITY_MS = 60_000;

// Rows as the drivers return them. Booleans come back as 0/1 from SQLite.
interface PlanVersionDbRow {
  plan_id: string;
  version: string;
  published_at: string;
  published_by: string;
  etag: string;
  is_current: boolean | number;
  document?: string;
}

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

interface ReviewDbRow {
  id: string;
  submission_id: string;
  action: ReviewAction;
  comment: string | null;
  token_id: string | null;
  token_label: string;
  created_at: string;
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

const PLAN_COLUMNS = 'plan_id, version, published_at, published_by, etag, is_current';
const TOKEN_COLUMNS = 'id, role, ministry, label, created_at, expires_at, revoked_at, last_used_at';
const SUMMARY_COLUMNS = `s.id, s.ministry, s.version, s.plan_id, s.plan_version, s.client_key, s.payload_hash,
  s.source, s.file_name, s.error_count, s.warning_count, s.token_id, s.token_label, s.created_at,
  r.action AS review_action, r.comment AS review_comment, r.created_at AS reviewed_at,
  r.token_label AS reviewed_by`;
const FULL_COLUMNS = `${SUMMARY_COLUMNS}, s.payload, s.findings`;
/** A submission with its latest review, which gives its state. */
const SUBMISSIONS_WITH_STATE = `submissions s
  LEFT JOIN reviews r ON r.submission_id = s.id
   AND r.seq = (SELECT MAX(r2.seq) FROM reviews r2 WHERE r2.submission_id = s.id)`;
const REVIEW_COLUMNS = 'id, submission_id, action, comment, token_id, token_label, created_at';
const AUDIT_COLUMNS = 'id, at, token_id, token_label, role, action, target, plan_version, detail';
const MIRROR_COLUMNS = `target, change_seq, sent_seq, dirty_since, next_attempt_at, attempts, last_error,
  last_error_at, last_success_at, last_requests, runs, requests_total, lease_owner, lease_until`;

function planVersionRow(r: PlanVersionDbRow): PlanVersionRow {
  return {
    planId: r.plan_id,
    version: r.version,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    etag: r.etag,
    current: Boolean(r.is_current),
  };
}

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

function submissionRow(r: SubmissionDbRow): SubmissionRow {
  return {
    ...summaryRow(r),
    payload: JSON.parse(r.payload ?? 'null') as unknown,
    findings: JSON.parse(r.findings ?? '[]') as Finding[],
  };
}

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

/** Ministry codes sorted by code unit, the same on both databases whatever their collation. */
function byMinistry(a: { ministry: string }, b: { ministry: string }): number {
  return a.ministry < b.ministry ? -1 : a.ministry > b.ministry ? 1 : 0;
}

interface AuditEntry {
  action: string;
  target: string;
  planVersion: string | null;
  detail: unknown;
}

export class SqlStore implements Store {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(db: Db, options: SqlStoreOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  get dialect(): 'sqlite' | 'postgres' {
    return this.#db.dialect;
  }

  async migrate(): Promise<void> {
    await migrate(this.#db);
  }

  close(): Promise<void> {
    return this.#db.close();
  }

  #timestamp(): string {
    return this.#now().toISOString();
  }

  /** Every write calls this inside its own transaction, so the entry and the write stand or fall together. */
  async #audit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
    await tx.run(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      // Time-ordered, so entries of the same millisecond list in the order they were written.
      sortableId(),
      this.#timestamp(),
      actor.tokenId,
      actor.label,
      actor.role,
      entry.action,
      entry.target,
      entry.planVersion,
      JSON.stringify(entry.detail ?? null),
    ]);
  }

  // Plan versions

  async #planWhere(where: string, params: SqlValue[]): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
    const [r] = await this.#db.query<PlanVersionDbRow>(
      `SELECT ${PLAN_COLUMNS}, document FROM plan_versions WHERE ${where}`,
      params,
    );
    return r ? { row: planVersionRow(r), plan: JSON.parse(r.document ?? 'null') as Plan } : null;
  }

  currentPlan(): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
    return this.#planWhere('is_current', []);
  }

  planVersion(version: string, planId?: string): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
    return planId === undefined
      ? this.#planWhere(
          'version = $1 AND plan_id = (SELECT c.plan_id FROM plan_versions c WHERE c.is_current)',
          [version],
        )
      : this.#planWhere('plan_id = $1 AND version = $2', [planId, version]);
  }

  async listPlanVersions(): Promise<PlanVersionRow[]> {
    const rows = await this.#db.query<PlanVersionDbRow>(
      `SELECT ${PLAN_COLUMNS} FROM plan_versions ORDER BY seq DESC`,
    );
    return rows.map(planVersionRow);
  }

  publishPlan(plan: Plan, actor: Actor): Promise<PlanVersionRow> {
    const { id: planId, version } = plan.plan;
    return this.#db.transaction(async (tx) => {
      // One publisher at a time, or two could each clear the flag and set their own.
      await lockKey(tx, 'plan');
      const [exists] = await tx.query(
        'SELECT 1 AS x FROM plan_versions WHERE plan_id = $1 AND version = $2',
        [planId, version],
      );
      if (exists) throw new PlanVersionExistsError(planId, version);
      const [previous] = await tx.query<{ plan_id: string; version: string }>(
        'SELECT plan_id, version FROM plan_versions WHERE is_current',
      );
      const [{ next } = { next: 1 }] = await tx.query<{ next: number }>(
        'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM plan_versions',
      );
      const publishedAt = this.#timestamp();
      const etag = jsonEtag(plan);
      await tx.run('UPDATE plan_versions SET is_current = FALSE WHERE is_current');
      await tx.run(
        `INSERT INTO plan_versions (plan_id, version, seq, published_at, published_by, etag, is_current, document)
         VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)`,
        [planId, version, Number(next), publishedAt, actor.label, etag, JSON.stringify(plan)],
      );
      await this.#audit(tx, actor, {
        action: 'plan.publish',
        target: `plan:${planId}@${version}`,
        planVersion: version,
        detail: {
          planId,
          version,
          etag,
          previous: previous ? `${previous.plan_id}@${previous.version}` : null,
          activities: plan.activities.length,
        },
      });
      return { planId, version, publishedAt, publishedBy: actor.label, etag, current: true };
    });
  }

  // Tokens

  async #insertToken(tx: Db, token: NewToken, actor: Actor): Promise<TokenRow> {
    const createdAt = this.#timestamp();
    await tx.run(
      `INSERT INTO tokens (id, hash, role, ministry, label, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [token.id, token.hash, token.role, token.ministry, token.label, createdAt, token.expiresAt],
    );
    // Never the hash: the audit log is readable by more people than the token table.
    await this.#audit(tx, actor, {
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

  createToken(token: NewToken, actor: Actor): Promise<TokenRow> {
    return this.#db.transaction((tx) => this.#insertToken(tx, token, actor));
  }

  createFirstToken(token: NewToken, actor: Actor): Promise<TokenRow | null> {
    return this.#db.transaction(async (tx) => {
      await lockKey(tx, `tokens:${token.role}`);
      const [row] = await tx.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM tokens WHERE role = $1', [
        token.role,
      ]);
      if (toCount(row?.n) > 0) return null;
      return this.#insertToken(tx, token, actor);
    });
  }

  async tokenByHash(hash: string): Promise<TokenRow | null> {
    const [r] = await this.#db.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = $1`, [
      hash,
    ]);
    return r ? tokenRow(r) : null;
  }

  async tokenForAuth(id: string): Promise<{ token: TokenRow; hash: string } | null> {
    const [r] = await this.#db.query<TokenDbRow & { hash: string }>(
      `SELECT ${TOKEN_COLUMNS}, hash FROM tokens WHERE id = $1`,
      [id],
    );
    return r ? { token: tokenRow(r), hash: r.hash } : null;
  }

  async listTokens(): Promise<TokenRow[]> {
    const rows = await this.#db.query<TokenDbRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`,
    );
    return rows.map(tokenRow);
  }

  revokeToken(id: string, actor: Actor): Promise<TokenRow | null> {
    return this.#db.transaction(async (tx) => {
      // The condition on revoked_at makes a concurrent second revocation a no-op, not a second entry.
      const { changes } = await tx.run(
        'UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
        [id, this.#timestamp()],
      );
      const [r] = await tx.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = $1`, [id]);
      if (!r) return null;
      if (changes > 0) {
        await this.#audit(tx, actor, {
          action: 'token.revoke',
          target: `token:${id}`,
          planVersion: null,
          detail: { role: r.role, ministry: r.ministry, label: r.label },
        });
      }
      return tokenRow(r);
    });
  }

  async touchToken(id: string, at: string): Promise<void> {
    const threshold = new Date(Date.parse(at) - TOUCH_GRANULARITY_MS).toISOString();
    try {
      await this.#db.run(
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

  async countTokens(role?: Role): Promise<number> {
    const [row] =
      role === undefined
        ? await this.#db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM tokens')
        : await this.#db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM tokens WHERE role = $1', [role]);
    return toCount(row?.n);
  }

  // Returns

  async #submissionWhere(db: Db, where: string, params: SqlValue[]): Promise<SubmissionRow | null> {
    const [r] = await db.query<SubmissionDbRow>(
      `SELECT ${FULL_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE ${where}`,
      params,
    );
    return r ? submissionRow(r) : null;
  }

  async #summaryWhere(db: Db, where: string, params: SqlValue[]): Promise<SubmissionSummary | null> {
    const [r] = await db.query<SubmissionDbRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE} WHERE ${where}`,
      params,
    );
    return r ? summaryRow(r) : null;
  }

  insertSubmission(input: NewSubmission, actor: Actor): Promise<InsertSubmissionResult> {
    return this.#db.transaction(async (tx): Promise<InsertSubmissionResult> => {
      // Serialises this ministry's submissions across every instance; the UNIQUE constraints on
      // (ministry, version) and (ministry, client_key) stay as backstops.
      await lockKey(tx, `ministry:${input.ministry}`);
      if (input.clientKey !== null) {
        const existing = await this.#submissionWhere(tx, 's.ministry = $1 AND s.client_key = $2', [
          input.ministry,
          input.clientKey,
        ]);
        if (existing) {
          return {
            kind: existing.payloadHash === input.payloadHash ? 'replayed' : 'key_reused',
            submission: existing,
          };
        }
      }
      const [{ next } = { next: 1 }] = await tx.query<{ next: number }>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM submissions WHERE ministry = $1',
        [input.ministry],
      );
      const version = Number(next);
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
          JSON.stringify(input.payload ?? null),
          JSON.stringify(input.findings),
          input.errorCount,
          input.warningCount,
          actor.tokenId,
          actor.label,
          this.#timestamp(),
        ],
      );
      if (input.file !== null) {
        await tx.run('INSERT INTO submission_files (submission_id, bytes) VALUES ($1, $2)', [
          input.id,
          input.file,
        ]);
      }
      await this.#audit(tx, actor, {
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
      const submission = await this.#submissionWhere(tx, 's.id = $1', [input.id]);
      if (!submission) throw new Error(`submission ${input.id} not found right after insertion`);
      return { kind: 'created', submission };
    });
  }

  submission(id: string): Promise<SubmissionRow | null> {
    return this.#submissionWhere(this.#db, 's.id = $1', [id]);
  }

  async submissionFile(id: string): Promise<Uint8Array | null> {
    const [r] = await this.#db.query<{ bytes: Uint8Array }>(
      'SELECT bytes FROM submission_files WHERE submission_id = $1',
      [id],
    );
    return r ? r.bytes : null;
  }

  submissionByVersion(ministry: string, version: number): Promise<SubmissionRow | null> {
    return this.#submissionWhere(this.#db, 's.ministry = $1 AND s.version = $2', [ministry, version]);
  }

  async listSubmissions(filter: { ministry?: string; limit?: number }): Promise<SubmissionSummary[]> {
    // A limit keeps "the latest version of this ministry" one row, however many versions it has.
    const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(1, Math.floor(filter.limit))}`;
    const rows =
      filter.ministry === undefined
        ? await this.#db.query<SubmissionDbRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE}
             ORDER BY s.created_at DESC, s.version DESC, s.id DESC${limit}`,
          )
        : await this.#db.query<SubmissionDbRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE}
             WHERE s.ministry = $1 ORDER BY s.version DESC${limit}`,
            [filter.ministry],
          );
    return rows.map(summaryRow);
  }

  async latestSubmissions(): Promise<SubmissionRow[]> {
    const rows = await this.#db.query<SubmissionDbRow>(
      `SELECT ${FULL_COLUMNS} FROM ${SUBMISSIONS_WITH_STATE}
       WHERE s.version = (SELECT MAX(m.version) FROM submissions m WHERE m.ministry = s.ministry)`,
    );
    return rows.map(submissionRow).sort(byMinistry);
  }

  // Refused attempts

  recordAttempt(input: NewAttempt, actor: Actor, limits: AttemptLimits): Promise<RecordAttemptResult> {
    return attempts.recordAttempt(this.#db, this.#now(), input, actor, limits);
  }

  listAttempts(ministry: string): Promise<AttemptSummary[]> {
    return attempts.listAttempts(this.#db, ministry);
  }

  attempt(ministry: string, id: string): Promise<AttemptRow | null> {
    return attempts.attempt(this.#db, ministry, id);
  }

  latestAttempts(): Promise<AttemptSummary[]> {
    return attempts.latestAttempts(this.#db);
  }

  // Reviews

  addReview(
    review: { id: string; submissionId: string; action: ReviewAction; comment: string | null },
    actor: Actor,
  ): Promise<AddReviewResult> {
    return this.#db.transaction(async (tx): Promise<AddReviewResult> => {
      const [owner] = await tx.query<{ ministry: string }>('SELECT ministry FROM submissions WHERE id = $1', [
        review.submissionId,
      ]);
      if (!owner) return { kind: 'not_found' };
      // The same lock as the ministry's submissions: the state read below cannot change before the
      // review is written.
      await lockKey(tx, `ministry:${owner.ministry}`);
      const before = await this.#summaryWhere(tx, 's.id = $1', [review.submissionId]);
      if (!before) return { kind: 'not_found' };
      if (!reviewAllowed(before.state, review.action)) return { kind: 'not_allowed', submission: before };
      const [{ next } = { next: 1 }] = await tx.query<{ next: number }>(
        'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM reviews WHERE submission_id = $1',
        [review.submissionId],
      );
      const createdAt = this.#timestamp();
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
      await this.#audit(tx, actor, {
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

  async reviews(submissionId: string): Promise<ReviewRow[]> {
    const rows = await this.#db.query<ReviewDbRow>(
      `SELECT ${REVIEW_COLUMNS} FROM reviews WHERE submission_id = $1 ORDER BY seq`,
      [submissionId],
    );
    return rows.map(reviewRow);
  }

  // Audit

  async audit(filter: { limit: number; before?: string }): Promise<AuditRow[]> {
    const rows =
      filter.before === undefined
        ? await this.#db.query<AuditDbRow>(
            `SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY at DESC, id DESC LIMIT $1`,
            [filter.limit],
          )
        : await this.#db.query<AuditDbRow>(
            `SELECT ${AUDIT_COLUMNS} FROM audit_log
             WHERE (at, id) < (SELECT b.at, b.id FROM audit_log b WHERE b.id = $1)
             ORDER BY at DESC, id DESC LIMIT $2`,
            [filter.before, filter.limit],
          );
    return rows.map(auditRow);
  }

  recordAudit(entry: AuditEntry, actor: Actor): Promise<void> {
    return this.#db.transaction((tx) => this.#audit(tx, actor, entry));
  }

  // Google Sheets mirror outbox. Every method is one statement, so each is atomic on its own and
  // none holds a transaction open while Google is being called.

  async enqueueMirror(target: string, at: string, dueAt: string): Promise<void> {
    await this.#db.run(
      `INSERT INTO mirror_outbox (target, change_seq, dirty_since, next_attempt_at) VALUES ($1, 1, $2, $3)
       ON CONFLICT (target) DO UPDATE SET
         change_seq = mirror_outbox.change_seq + 1,
         next_attempt_at = CASE WHEN mirror_outbox.dirty_since IS NULL THEN excluded.next_attempt_at
                                ELSE mirror_outbox.next_attempt_at END,
         dirty_since = COALESCE(mirror_outbox.dirty_since, excluded.dirty_since)`,
      [target, at, dueAt],
    );
  }

  async claimMirror(
    target: string,
    owner: string,
    at: string,
    leaseUntil: string,
  ): Promise<MirrorOutboxRow | null> {
    // One UPDATE decides: on PostgreSQL a concurrent claimer waits for the row lock, then re-reads
    // the lease it finds taken; on SQLite writers are serialised anyway.
    const [r] = await this.#db.query<MirrorOutboxDbRow>(
      `UPDATE mirror_outbox SET lease_owner = $2, lease_until = $4, runs = runs + 1
       WHERE target = $1 AND dirty_since IS NOT NULL AND next_attempt_at <= $3
         AND (lease_until IS NULL OR lease_until <= $3)
       RETURNING ${MIRROR_COLUMNS}`,
      [target, owner, at, leaseUntil],
    );
    return r ? mirrorOutboxRow(r) : null;
  }

  async completeMirror(
    target: string,
    owner: string,
    result: { claimedSeq: number; claimedAt: string; at: string; nextDueAt: string; requests: number },
  ): Promise<boolean> {
    const { changes } = await this.#db.run(
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

  async failMirror(
    target: string,
    owner: string,
    result: { at: string; nextDueAt: string; error: string; requests: number },
  ): Promise<boolean> {
    const { changes } = await this.#db.run(
      `UPDATE mirror_outbox SET
         attempts = attempts + 1, next_attempt_at = $4, last_error = $5, last_error_at = $3,
         requests_total = requests_total + $6, lease_owner = NULL, lease_until = NULL
       WHERE target = $1 AND lease_owner = $2`,
      [target, owner, result.at, result.nextDueAt, result.error, result.requests],
    );
    return changes > 0;
  }

  async releaseMirror(target: string, owner: string): Promise<void> {
    await this.#db.run(
      // The run did not happen as far as the counters go.
      `UPDATE mirror_outbox SET lease_owner = NULL, lease_until = NULL, runs = runs - 1
       WHERE target = $1 AND lease_owner = $2`,
      [target, owner],
    );
  }

  async mirrorOutbox(target: string): Promise<MirrorOutboxRow | null> {
    const [r] = await this.#db.query<MirrorOutboxDbRow>(
      `SELECT ${MIRROR_COLUMNS} FROM mirror_outbox WHERE target = $1`,
      [target],
    );
    return r ? mirrorOutboxRow(r) : null;
  }
}

export function createSqlStore(db: Db, options?: SqlStoreOptions): Store {
  return new SqlStore(db, options);
}
