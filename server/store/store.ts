/**
 * What the sync service keeps, behind one interface with two implementations on one SQL code
 * path: a SQLite file (the embedded default) and PostgreSQL (DATABASE_URL). Returns, reviews and
 * audit entries are only ever added: nothing is overwritten or deleted. Every write that changes
 * state records an audit entry in the same transaction.
 *
 * The implementation is sql-store.ts (one module of SQL per aggregate over ./db.ts); open-store.ts
 * picks the database from the configuration.
 */
import type { Finding, Plan, ReturnDocument } from '#core';

export type Role = 'admin' | 'consolidator' | 'ministry';

export interface TokenRow {
  id: string;
  role: Role;
  /** Bound ministry code for a ministry token; null for the other roles. */
  ministry: string | null;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Who did something, as recorded in the audit log and on each submission. */
export interface Actor {
  tokenId: string | null;
  label: string;
  role: Role | 'system';
}

export interface PlanVersionRow {
  planId: string;
  version: string;
  publishedAt: string;
  publishedBy: string;
  /** Strong validator of the plan document, for ETag / If-None-Match. */
  etag: string;
  current: boolean;
}

/** Thrown by publishPlan when the plan already has that version: versions are never replaced. */
export class PlanVersionExistsError extends Error {
  readonly planId: string;
  readonly version: string;
  constructor(planId: string, version: string) {
    super(`Plan ${planId} version ${version} already exists`);
    this.name = 'PlanVersionExistsError';
    this.planId = planId;
    this.version = version;
  }
}

export interface NewToken {
  id: string;
  /** SHA-256 of the secret; the secret itself is never stored. */
  hash: string;
  role: Role;
  ministry: string | null;
  label: string;
  expiresAt: string | null;
}

export type ReturnState = 'submitted' | 'returned' | 'accepted';
export type ReturnSource = 'json' | 'xlsx' | 'google-sheet';

/** A submission without its payload and findings: what lists and status pages need. */
export interface SubmissionSummary {
  id: string;
  ministry: string;
  /** 1, 2, 3… per plan and ministry. */
  version: number;
  planId: string;
  planVersion: string;
  /** Idempotency key chosen by the client (clientId or Idempotency-Key). */
  clientKey: string | null;
  /** SHA-256 of the canonical payload, to tell a replay from a reused key. */
  payloadHash: string;
  source: ReturnSource;
  fileName: string | null;
  errorCount: number;
  warningCount: number;
  tokenId: string | null;
  tokenLabel: string;
  createdAt: string;
  /** Derived from the latest review: submitted until reviewed. */
  state: ReturnState;
  reviewComment: string | null;
  reviewedAt: string | null;
  /** Token label of the latest review's author. */
  reviewedBy: string | null;
}

/** A submission with its findings but without its payload: what a receipt is made of. */
export interface SubmissionWithFindings extends SubmissionSummary {
  findings: Finding[];
}

/** One accepted submission: one version of a ministry's return. Never modified once written. */
export interface SubmissionRow extends SubmissionWithFindings {
  /**
   * The return document as received (sent as JSON, or the lines read from the file): validated
   * before it was written and never modified since, so it is read back as typed, not checked again.
   */
  payload: ReturnDocument;
}

export interface NewSubmission {
  id: string;
  ministry: string;
  planId: string;
  planVersion: string;
  clientKey: string | null;
  payloadHash: string;
  source: ReturnSource;
  fileName: string | null;
  /**
   * The return document as received: as an object (`payload`), or as the JSON text the caller has
   * made already (`payloadJson`, the canonical text its hash was taken from), stored as it is.
   */
  payload?: ReturnDocument;
  payloadJson?: string;
  /** The original uploaded file, kept so nothing sent is ever lost. */
  file: Uint8Array | null;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
}

export type ReviewAction = 'accept' | 'return' | 'reopen';

export interface ReviewRow {
  id: string;
  submissionId: string;
  action: ReviewAction;
  comment: string | null;
  tokenId: string | null;
  tokenLabel: string;
  createdAt: string;
}

/** The state a review action leads to. */
export const REVIEW_TARGET: Record<ReviewAction, ReturnState> = {
  accept: 'accepted',
  return: 'returned',
  reopen: 'submitted',
};

/**
 * Whether a review action may follow the current state. An accepted version is locked until it is
 * reopened; there is nothing to reopen in a version that is merely submitted. A returned version
 * may be accepted after all, or returned again with a new comment.
 */
export function reviewAllowed(state: ReturnState, action: ReviewAction): boolean {
  if (state === 'accepted') return action === 'reopen';
  if (state === 'submitted') return action !== 'reopen';
  return true;
}

export type AddReviewResult =
  /** `submission` as it stands after the review. */
  | { kind: 'added'; review: ReviewRow; submission: SubmissionSummary }
  | { kind: 'not_found' }
  /** The action may not follow the submission's state (see reviewAllowed); nothing is written. */
  | { kind: 'not_allowed'; submission: SubmissionSummary };

export interface AuditRow {
  id: string;
  at: string;
  tokenId: string | null;
  tokenLabel: string;
  role: string;
  action: string;
  target: string;
  planVersion: string | null;
  detail: unknown;
}

/** The submission in each answer comes without its payload: the caller sent it. */
export type InsertSubmissionResult =
  | { kind: 'created'; submission: SubmissionWithFindings }
  /** Same client key, same payload: the original is returned, nothing is written. */
  | { kind: 'replayed'; submission: SubmissionWithFindings }
  /** Same client key, different payload. */
  | { kind: 'key_reused'; submission: SubmissionWithFindings }
  /**
   * The ministry's latest version (`submission`) is accepted, hence locked until it is reopened:
   * nothing is written. A retry with the accepted version's own client key is answered instead.
   */
  | { kind: 'locked'; submission: SubmissionSummary };

/**
 * A refused submission (the checks found errors, the file was unusable, another ministry's
 * activities, an outdated plan, a malformed body…): kept so that a ministry whose sends keep
 * failing shows on the board. Not a version; the file's bytes are never kept.
 */
export interface AttemptSummary {
  /** Time-ordered. */
  id: string;
  /** The sending token's ministry. */
  ministry: string;
  /** The plan the return said it was made on, when it could be read. */
  planId: string | null;
  planVersion: string | null;
  source: ReturnSource;
  fileName: string | null;
  /** The execution period the send was for; null for a planning return. */
  period: string | null;
  /** The error catalogue's code of the refusal (server/http/errors.ts), with its wording. */
  code: string;
  messages: { fr: string; en: string };
  /** The true counts, even when only the first findings are stored. */
  errorCount: number;
  warningCount: number;
  findingCount: number;
  tokenId: string | null;
  tokenLabel: string;
  createdAt: string;
}

export interface AttemptRow extends AttemptSummary {
  /** The first MAX_STORED_FINDINGS findings, errors first (attempts-sql.ts). */
  findings: Finding[];
  /** What else the refusal said (the body's issues, the file's problem…), capped likewise. */
  details: unknown;
}

/** What the caller gives; the store adds the id, the time, the sender and the true finding count. */
export type NewAttempt = Omit<
  AttemptRow,
  'id' | 'findingCount' | 'tokenId' | 'tokenLabel' | 'createdAt' | 'period'
> & { period?: string | null };

/** How many refused attempts are kept, so that a sending loop cannot fill the disk. */
export interface AttemptLimits {
  /** Attempts recorded per token within `windowMs`; beyond, nothing more is recorded. */
  perToken: number;
  windowMs: number;
  /** Attempts kept per ministry, the latest ones: older ones are deleted as new ones come. */
  keepPerMinistry: number;
}

export type RecordAttemptResult =
  | { kind: 'recorded'; attempt: AttemptSummary }
  /** The token already has `perToken` attempts in the window; retry after that many seconds. */
  | { kind: 'rate_limited'; retryAfterSeconds: number };

// Execution follow-up (periods-sql.ts, execution-sql.ts)

/** A reporting period of one plan, opened by a consolidator: a year ("2026") or a half ("2026-S1"). */
export interface PeriodRow {
  planId: string;
  key: string;
  year: number;
  semester: 1 | 2 | null;
  deadline: string | null;
  openedAt: string;
  /** The opening token's label. */
  openedBy: string;
  closedAt: string | null;
}

export type NewPeriod = Pick<PeriodRow, 'planId' | 'key' | 'year' | 'semester' | 'deadline'>;

export type OpenPeriodResult = { kind: 'opened'; period: PeriodRow } | { kind: 'exists'; period: PeriodRow };

/** One version of a ministry's execution return for a period, without its payload. */
export interface ExecutionReturnSummary {
  id: string;
  planId: string;
  planVersion: string;
  period: string;
  ministry: string;
  /** 1, 2, 3… per (plan, period, ministry). */
  version: number;
  clientKey: string | null;
  payloadHash: string;
  source: ReturnSource;
  fileName: string | null;
  errorCount: number;
  warningCount: number;
  tokenId: string | null;
  tokenLabel: string;
  createdAt: string;
  state: ReturnState;
  reviewComment: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  findings: Finding[];
}

export interface ExecutionReturnRow extends ExecutionReturnSummary {
  /** The core ExecutionDocument as stored (canonical JSON, without its clientId). */
  payload: unknown;
}

export interface NewExecutionReturn {
  id: string;
  planId: string;
  planVersion: string;
  period: string;
  ministry: string;
  clientKey: string | null;
  payloadHash: string;
  payloadJson: string;
  source: ReturnSource;
  fileName: string | null;
  file: Uint8Array | null;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
}

/** As InsertSubmissionResult, for one (plan, period, ministry). */
export type InsertExecutionResult =
  | { kind: 'created' | 'replayed' | 'key_reused'; execution: ExecutionReturnSummary }
  | { kind: 'locked'; execution: ExecutionReturnSummary };

export type AddExecutionReviewResult =
  | { kind: 'added'; review: ReviewRow; execution: ExecutionReturnSummary }
  | { kind: 'not_found' }
  | { kind: 'not_allowed'; execution: ExecutionReturnSummary };

/**
 * The Google Sheets mirror's outbox row (server/mirror): one per target, coalescing every change
 * since the last successful send. Times are ISO-8601 UTC text given by the caller's clock.
 */
export interface MirrorOutboxRow {
  target: string;
  /** Bumped by every change; the worker sends the data as it stands and remembers the seq it claimed. */
  changeSeq: number;
  /** The changeSeq of the last successful send. */
  sentSeq: number;
  /** First change not yet mirrored; null when the mirror is up to date. */
  dirtySince: string | null;
  /** When a worker may send next (coalescing delay, then backoff); null when nothing is pending. */
  nextAttemptAt: string | null;
  /** Failed attempts since the last success. */
  attempts: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  /** Requests sent to Google by the last successful run. */
  lastRequests: number | null;
  /** Runs attempted and requests sent since the row was created, failed ones included. */
  runs: number;
  requestsTotal: number;
  /** The worker sending right now, until leaseUntil. */
  leaseOwner: string | null;
  leaseUntil: string | null;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Plans and their versions: several plans are hosted side by side, each with one current version
  /** The current version of the plan `planId`; by default of the plan published last. */
  currentPlan(planId?: string): Promise<{ row: PlanVersionRow; plan: Plan } | null>;
  /** The current version of each hosted plan, the plan published last first. */
  listPlans(): Promise<PlanVersionRow[]>;
  /** A version of the plan `planId` (by default the plan published last), current or not. */
  planVersion(version: string, planId?: string): Promise<{ row: PlanVersionRow; plan: Plan } | null>;
  /** Newest first. */
  listPlanVersions(): Promise<PlanVersionRow[]>;
  /**
   * Adds a version (plan.plan.id, plan.plan.version) and makes it that plan's current version;
   * older versions stay, and other plans keep their own current version.
   * Throws PlanVersionExistsError if that version exists.
   */
  publishPlan(plan: Plan, actor: Actor): Promise<PlanVersionRow>;

  // Tokens (only hashes are stored)
  createToken(token: NewToken, actor: Actor): Promise<TokenRow>;
  /**
   * Creates the token only if no token of its role exists yet (revoked ones count), atomically even
   * with several instances starting at once: the first-start administrator token. Null when one
   * already exists.
   */
  createFirstToken(token: NewToken, actor: Actor): Promise<TokenRow | null>;
  /** Revoked and expired tokens are returned too: the caller decides. */
  tokenByHash(hash: string): Promise<TokenRow | null>;
  /**
   * A token and its stored hash, by id, for authentication: the caller hashes the presented
   * secret and compares in constant time, so no lookup by secret-derived value is ever timed.
   * Revoked and expired tokens are returned too.
   */
  tokenForAuth(id: string): Promise<{ token: TokenRow; hash: string } | null>;
  /** Oldest first. */
  listTokens(): Promise<TokenRow[]>;
  /** Sets revokedAt (audited); a token already revoked is returned unchanged. Null if unknown. */
  revokeToken(id: string, actor: Actor): Promise<TokenRow | null>;
  /**
   * Records use; cheap, and not audited. Precise to a minute: a use within a minute of the recorded
   * one writes nothing, so authenticating a burst of requests costs no burst of disk syncs. Never
   * waits for another process's write lock: a use that finds the database locked is not recorded.
   * `lastUsedAt`, the recorded use as the caller just read it: within the minute, not even asked.
   */
  touchToken(id: string, at: string, lastUsedAt?: string | null): Promise<void>;
  /** Revoked and expired tokens included. */
  countTokens(role?: Role): Promise<number>;

  // Returns
  /**
   * Numbers the version and writes the submission, its file and an audit entry atomically, under
   * the ministry's lock: unless the key was seen (replayed, key_reused) or the latest version is
   * accepted (locked).
   */
  insertSubmission(input: NewSubmission, actor: Actor): Promise<InsertSubmissionResult>;
  submission(id: string): Promise<SubmissionRow | null>;
  submissionFile(id: string): Promise<Uint8Array | null>;
  /** A version of a ministry's return on the plan `planId` (not named: the newest such version of any plan). */
  submissionByVersion(ministry: string, version: number, planId?: string): Promise<SubmissionRow | null>;
  /**
   * Newest first (one ministry of one plan: highest version first); every plan when none is named.
   * Without payloads and findings.
   */
  listSubmissions(filter: {
    planId?: string;
    ministry?: string;
    limit?: number;
  }): Promise<SubmissionSummary[]>;
  /** The latest version of each ministry that has submitted on the plan (each plan when not named), by ministry code. */
  latestSubmissions(planId?: string): Promise<SubmissionRow[]>;

  // Refused attempts (attempts-sql.ts)
  /**
   * Records a refused attempt unless the token already has limits.perToken attempts within the
   * window (then nothing is written), and deletes the ministry's attempts beyond the latest
   * limits.keepPerMinistry, in one transaction.
   */
  recordAttempt(input: NewAttempt, actor: Actor, limits: AttemptLimits): Promise<RecordAttemptResult>;
  /** Newest first, without findings; on one plan when named (attempts whose plan is unknown show on every plan). */
  listAttempts(ministry: string, planId?: string): Promise<AttemptSummary[]>;
  attempt(ministry: string, id: string): Promise<AttemptRow | null>;
  /** The newest attempt of each ministry that has one (on one plan when named), by ministry code. */
  latestAttempts(planId?: string): Promise<AttemptSummary[]>;

  // Reviews
  /**
   * Appends a review if reviewAllowed(state, action), checking the state and writing the review and
   * its audit entry in one transaction, so two consolidators cannot both act on the same state.
   */
  addReview(
    review: { id: string; submissionId: string; action: ReviewAction; comment: string | null },
    actor: Actor,
  ): Promise<AddReviewResult>;
  /** Oldest first. */
  reviews(submissionId: string): Promise<ReviewRow[]>;

  // Execution follow-up: periods (periods-sql.ts), execution returns and their reviews (execution-sql.ts)
  /** Opens a period unless the plan already has one with that key (then nothing is written). */
  openPeriod(period: NewPeriod, actor: Actor): Promise<OpenPeriodResult>;
  /** Sets closedAt (audited); a period already closed is returned unchanged. Null if unknown. */
  closePeriod(planId: string, key: string, actor: Actor): Promise<PeriodRow | null>;
  period(planId: string, key: string): Promise<PeriodRow | null>;
  /** Newest first (year, then semester). */
  listPeriods(planId: string): Promise<PeriodRow[]>;
  /**
   * Numbers the version per (plan, period, ministry) and writes the return, its file and an audit
   * entry atomically under the ministry's lock, with the planning returns' rules: a seen client key
   * is replayed or refused, an accepted latest version locks.
   */
  insertExecutionReturn(input: NewExecutionReturn, actor: Actor): Promise<InsertExecutionResult>;
  executionReturn(id: string): Promise<ExecutionReturnRow | null>;
  executionReturnFile(id: string): Promise<Uint8Array | null>;
  /** Every version of every ministry for the period, with payloads; by ministry, newest version first. */
  executionReturns(planId: string, period: string): Promise<ExecutionReturnRow[]>;
  addExecutionReview(
    review: { id: string; returnId: string; action: ReviewAction; comment: string | null },
    actor: Actor,
  ): Promise<AddExecutionReviewResult>;
  /** Oldest first. */
  executionReviews(returnId: string): Promise<ReviewRow[]>;
  /** The newest refused execution send of each ministry for the period. */
  latestExecutionAttempts(planId: string, period: string): Promise<AttemptSummary[]>;
  /** A ministry's refused execution sends for one plan's period, newest first, without findings. */
  executionAttempts(ministry: string, planId: string, period: string): Promise<AttemptSummary[]>;

  // Audit
  /** Newest first; `before` is the id of the last entry of the previous page. */
  audit(filter: { limit: number; before?: string }): Promise<AuditRow[]>;
  /** For writes outside the methods above (e.g. a refused submission worth recording). */
  recordAudit(
    entry: { action: string; target: string; planVersion: string | null; detail: unknown },
    actor: Actor,
  ): Promise<void>;

  // Google Sheets mirror outbox (server/mirror/outbox-worker.ts says how the worker uses these)
  /**
   * Records a change in one statement: creates the row or bumps its changeSeq. When the target was
   * up to date it becomes pending since `at`, due at `dueAt`; when it is already pending (or
   * backing off) its schedule is kept, so a burst of changes makes one send and cannot cut a
   * backoff short.
   */
  enqueueMirror(target: string, at: string, dueAt: string): Promise<void>;
  /**
   * Takes the lease on a pending, due target whose lease is free or expired, atomically: of several
   * workers (instances) claiming at once, exactly one gets the row. Null when there is nothing to do.
   */
  claimMirror(target: string, owner: string, at: string, leaseUntil: string): Promise<MirrorOutboxRow | null>;
  /**
   * A successful send of the data as of `claimedSeq`. Changes that arrived meanwhile keep the row
   * pending (since `claimedAt`, due at `nextDueAt`). False when `owner` no longer holds the lease.
   */
  completeMirror(
    target: string,
    owner: string,
    result: { claimedSeq: number; claimedAt: string; at: string; nextDueAt: string; requests: number },
  ): Promise<boolean>;
  /** A failed send: attempts + 1, retried at `nextDueAt`. False when `owner` no longer holds the lease. */
  failMirror(
    target: string,
    owner: string,
    result: { at: string; nextDueAt: string; error: string; requests: number },
  ): Promise<boolean>;
  /** Gives the lease back without counting an attempt (the worker is stopping). */
  releaseMirror(target: string, owner: string): Promise<void>;
  mirrorOutbox(target: string): Promise<MirrorOutboxRow | null>;
}
