/**
 * The Store, written once in SQL that SQLite and PostgreSQL both accept, over the Db layer: this
 * file only composes the aggregates, each in its own module — plans-sql.ts, tokens-sql.ts,
 * submissions-sql.ts, reviews-sql.ts, attempts-sql.ts, audit-sql.ts, outbox-sql.ts, and the execution
 * follow-up's periods-sql.ts and execution-sql.ts. Each write
 * runs in one transaction with its audit entry; writes that read before they write (the next
 * version number, the state a review starts from, the current plan) first take a lock on what they
 * depend on (lockKey: an advisory lock on PostgreSQL, the transaction's write lock on SQLite), so
 * several service instances on one PostgreSQL database number and review correctly.
 */
import type { Plan } from '#core';
import * as attempts from './attempts-sql.ts';
import * as audit from './audit-sql.ts';
import type { Db } from './db.ts';
import * as execution from './execution-sql.ts';
import { migrate } from './migrations.ts';
import * as outbox from './outbox-sql.ts';
import * as periods from './periods-sql.ts';
import * as plans from './plans-sql.ts';
import * as reviews from './reviews-sql.ts';
import type {
  Actor,
  AddExecutionReviewResult,
  AddReviewResult,
  AttemptLimits,
  AttemptRow,
  AttemptSummary,
  AuditRow,
  ExecutionReturnRow,
  InsertExecutionResult,
  InsertSubmissionResult,
  MirrorOutboxRow,
  NewAttempt,
  NewExecutionReturn,
  NewPeriod,
  NewSubmission,
  NewToken,
  OpenPeriodResult,
  PeriodRow,
  PlanVersionRow,
  RecordAttemptResult,
  ReviewAction,
  ReviewRow,
  Role,
  Store,
  SubmissionRow,
  SubmissionSummary,
  TokenRow,
} from './store.ts';
import * as submissions from './submissions-sql.ts';
import * as tokens from './tokens-sql.ts';

export interface SqlStoreOptions {
  /** The clock, for tests; timestamps are stored as ISO-8601 UTC text. */
  now?: () => Date;
}

export class SqlStore implements Store {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #clock: audit.Clock;

  constructor(db: Db, options: SqlStoreOptions = {}) {
    this.#db = db;
    const now = options.now ?? (() => new Date());
    this.#now = now;
    this.#clock = () => now().toISOString();
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

  // Plan versions

  currentPlan(planId?: string): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
    return plans.currentPlan(this.#db, planId);
  }

  listPlans(): Promise<PlanVersionRow[]> {
    return plans.listPlans(this.#db);
  }

  planVersion(version: string, planId?: string): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
    return plans.planVersion(this.#db, version, planId);
  }

  listPlanVersions(): Promise<PlanVersionRow[]> {
    return plans.listPlanVersions(this.#db);
  }

  publishPlan(plan: Plan, actor: Actor): Promise<PlanVersionRow> {
    return plans.publishPlan(this.#db, this.#clock, plan, actor);
  }

  // Tokens

  createToken(token: NewToken, actor: Actor): Promise<TokenRow> {
    return tokens.createToken(this.#db, this.#clock, token, actor);
  }

  createFirstToken(token: NewToken, actor: Actor): Promise<TokenRow | null> {
    return tokens.createFirstToken(this.#db, this.#clock, token, actor);
  }

  tokenByHash(hash: string): Promise<TokenRow | null> {
    return tokens.tokenByHash(this.#db, hash);
  }

  tokenForAuth(id: string): Promise<{ token: TokenRow; hash: string } | null> {
    return tokens.tokenForAuth(this.#db, id);
  }

  listTokens(): Promise<TokenRow[]> {
    return tokens.listTokens(this.#db);
  }

  revokeToken(id: string, actor: Actor): Promise<TokenRow | null> {
    return tokens.revokeToken(this.#db, this.#clock, id, actor);
  }

  touchToken(id: string, at: string, lastUsedAt?: string | null): Promise<void> {
    return tokens.touchToken(this.#db, id, at, lastUsedAt);
  }

  countTokens(role?: Role): Promise<number> {
    return tokens.countTokens(this.#db, role);
  }

  // Returns

  insertSubmission(input: NewSubmission, actor: Actor): Promise<InsertSubmissionResult> {
    return submissions.insertSubmission(this.#db, this.#clock, input, actor);
  }

  submission(id: string): Promise<SubmissionRow | null> {
    return submissions.submission(this.#db, id);
  }

  submissionFile(id: string): Promise<Uint8Array | null> {
    return submissions.submissionFile(this.#db, id);
  }

  submissionByVersion(ministry: string, version: number, planId?: string): Promise<SubmissionRow | null> {
    return submissions.submissionByVersion(this.#db, ministry, version, planId);
  }

  listSubmissions(filter: {
    planId?: string;
    ministry?: string;
    limit?: number;
  }): Promise<SubmissionSummary[]> {
    return submissions.listSubmissions(this.#db, filter);
  }

  latestSubmissions(planId?: string): Promise<SubmissionRow[]> {
    return submissions.latestSubmissions(this.#db, planId);
  }

  // Refused attempts

  recordAttempt(input: NewAttempt, actor: Actor, limits: AttemptLimits): Promise<RecordAttemptResult> {
    return attempts.recordAttempt(this.#db, this.#now(), input, actor, limits);
  }

  listAttempts(ministry: string, planId?: string): Promise<AttemptSummary[]> {
    return attempts.listAttempts(this.#db, ministry, planId);
  }

  attempt(ministry: string, id: string): Promise<AttemptRow | null> {
    return attempts.attempt(this.#db, ministry, id);
  }

  latestAttempts(planId?: string): Promise<AttemptSummary[]> {
    return attempts.latestAttempts(this.#db, planId);
  }

  // Reviews

  addReview(
    review: { id: string; submissionId: string; action: ReviewAction; comment: string | null },
    actor: Actor,
  ): Promise<AddReviewResult> {
    return reviews.addReview(this.#db, this.#clock, review, actor);
  }

  reviews(submissionId: string): Promise<ReviewRow[]> {
    return reviews.reviews(this.#db, submissionId);
  }

  // Execution follow-up

  openPeriod(period: NewPeriod, actor: Actor): Promise<OpenPeriodResult> {
    return periods.openPeriod(this.#db, this.#clock, period, actor);
  }

  closePeriod(planId: string, key: string, actor: Actor): Promise<PeriodRow | null> {
    return periods.closePeriod(this.#db, this.#clock, planId, key, actor);
  }

  period(planId: string, key: string): Promise<PeriodRow | null> {
    return periods.period(this.#db, planId, key);
  }

  listPeriods(planId: string): Promise<PeriodRow[]> {
    return periods.listPeriods(this.#db, planId);
  }

  insertExecutionReturn(input: NewExecutionReturn, actor: Actor): Promise<InsertExecutionResult> {
    return execution.insertExecutionReturn(this.#db, this.#clock, input, actor);
  }

  executionReturn(id: string): Promise<ExecutionReturnRow | null> {
    return execution.executionReturn(this.#db, id);
  }

  executionReturnFile(id: string): Promise<Uint8Array | null> {
    return execution.executionReturnFile(this.#db, id);
  }

  executionReturns(planId: string, period: string): Promise<ExecutionReturnRow[]> {
    return execution.executionReturns(this.#db, planId, period);
  }

  addExecutionReview(
    review: { id: string; returnId: string; action: ReviewAction; comment: string | null },
    actor: Actor,
  ): Promise<AddExecutionReviewResult> {
    return execution.addExecutionReview(this.#db, this.#clock, review, actor);
  }

  executionReviews(returnId: string): Promise<ReviewRow[]> {
    return execution.executionReviews(this.#db, returnId);
  }

  latestExecutionAttempts(planId: string, period: string): Promise<AttemptSummary[]> {
    return attempts.latestExecutionAttempts(this.#db, planId, period);
  }

  executionAttempts(ministry: string, planId: string, period: string): Promise<AttemptSummary[]> {
    return attempts.executionAttempts(this.#db, ministry, planId, period);
  }

  // Audit

  audit(filter: { limit: number; before?: string }): Promise<AuditRow[]> {
    return audit.listAudit(this.#db, filter);
  }

  recordAudit(
    entry: { action: string; target: string; planVersion: string | null; detail: unknown },
    actor: Actor,
  ): Promise<void> {
    return audit.recordAudit(this.#db, this.#clock, entry, actor);
  }

  // Google Sheets mirror outbox

  enqueueMirror(target: string, at: string, dueAt: string): Promise<void> {
    return outbox.enqueueMirror(this.#db, target, at, dueAt);
  }

  claimMirror(
    target: string,
    owner: string,
    at: string,
    leaseUntil: string,
  ): Promise<MirrorOutboxRow | null> {
    return outbox.claimMirror(this.#db, target, owner, at, leaseUntil);
  }

  completeMirror(
    target: string,
    owner: string,
    result: { claimedSeq: number; claimedAt: string; at: string; nextDueAt: string; requests: number },
  ): Promise<boolean> {
    return outbox.completeMirror(this.#db, target, owner, result);
  }

  failMirror(
    target: string,
    owner: string,
    result: { at: string; nextDueAt: string; error: string; requests: number },
  ): Promise<boolean> {
    return outbox.failMirror(this.#db, target, owner, result);
  }

  releaseMirror(target: string, owner: string): Promise<void> {
    return outbox.releaseMirror(this.#db, target, owner);
  }

  mirrorOutbox(target: string): Promise<MirrorOutboxRow | null> {
    return outbox.mirrorOutbox(this.#db, target);
  }
}

export function createSqlStore(db: Db, options?: SqlStoreOptions): Store {
  return new SqlStore(db, options);
}
