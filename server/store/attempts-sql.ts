/**
 * The refused attempts' SQL (table submission_attempts, migration 3), one aggregate of the store
 * (sql-store.ts composes them). What is kept is bounded whatever a client does:
 *
 * - per attempt, the first MAX_STORED_FINDINGS findings (errors first) beside the true counts, and
 *   details up to MAX_DETAILS_CHARS of JSON; never the file's bytes;
 * - per token, at most `perToken` attempts recorded within the window (the rate limit: beyond it
 *   nothing is written and the caller is told when to come back);
 * - per ministry, the latest `keepPerMinistry` attempts: older ones are deleted on insert.
 *
 * So the table holds at most keepPerMinistry × (ministries with a token) rows of bounded size.
 */
import type { Finding } from '#core';
import { byMinistry, type Db, lockKey, toCount } from './db.ts';
import { sortableId } from './sortable-id.ts';
import type {
  Actor,
  AttemptLimits,
  AttemptRow,
  AttemptSummary,
  NewAttempt,
  RecordAttemptResult,
  ReturnSource,
} from './store.ts';

/** Findings stored per attempt; the counts stay true. */
export const MAX_STORED_FINDINGS = 200;
/** Largest JSON of an attempt's details; larger is replaced by a note saying so. */
export const MAX_DETAILS_CHARS = 64 * 1024;

const SUMMARY_COLUMNS = `id, ministry, plan_id, plan_version, source, file_name, period, error_code, message_fr,
  message_en, error_count, warning_count, finding_count, token_id, token_label, created_at`;

interface AttemptDbRow {
  id: string;
  ministry: string;
  plan_id: string | null;
  plan_version: string | null;
  source: ReturnSource;
  file_name: string | null;
  period: string | null;
  error_code: string;
  message_fr: string;
  message_en: string;
  error_count: number;
  warning_count: number;
  finding_count: number;
  token_id: string | null;
  token_label: string;
  created_at: string;
  findings?: string;
  details?: string;
}

function summaryOf(r: AttemptDbRow): AttemptSummary {
  return {
    id: r.id,
    ministry: r.ministry,
    planId: r.plan_id,
    planVersion: r.plan_version,
    source: r.source,
    fileName: r.file_name,
    period: r.period,
    code: r.error_code,
    messages: { fr: r.message_fr, en: r.message_en },
    errorCount: Number(r.error_count),
    warningCount: Number(r.warning_count),
    findingCount: Number(r.finding_count),
    tokenId: r.token_id,
    tokenLabel: r.token_label,
    createdAt: r.created_at,
  };
}

/** Errors first (they are why the send was refused), each group in the checks' order, then cut. */
export function storedFindings(findings: readonly Finding[]): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const others = findings.filter((f) => f.severity !== 'error');
  return [...errors, ...others].slice(0, MAX_STORED_FINDINGS);
}

function storedDetails(details: unknown): string {
  const text = JSON.stringify(details ?? null);
  return text.length <= MAX_DETAILS_CHARS ? text : JSON.stringify({ truncated: true, chars: text.length });
}

export function recordAttempt(
  db: Db,
  now: Date,
  input: NewAttempt,
  actor: Actor,
  limits: AttemptLimits,
): Promise<RecordAttemptResult> {
  return db.transaction(async (tx): Promise<RecordAttemptResult> => {
    // A token sends for one ministry only: the ministry's lock serialises the count and the insert
    // for every instance, so a burst cannot slip past the limit.
    await lockKey(tx, `attempts:${input.ministry}`);
    const since = new Date(now.getTime() - limits.windowMs).toISOString();
    const [recent] = await tx.query<{ n: unknown; oldest: string | null }>(
      `SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM submission_attempts
       WHERE token_id = $1 AND created_at > $2`,
      [actor.tokenId, since],
    );
    if (toCount(recent?.n) >= limits.perToken) {
      const frees = Date.parse(recent?.oldest ?? now.toISOString()) + limits.windowMs;
      return {
        kind: 'rate_limited',
        retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)),
      };
    }
    const findings = storedFindings(input.findings);
    const createdAt = now.toISOString();
    // Time-ordered: the newest attempts are the greatest ids, for listing and pruning.
    const id = sortableId();
    await tx.run(
      `INSERT INTO submission_attempts (id, ministry, plan_id, plan_version, source, file_name, error_code,
         message_fr, message_en, error_count, warning_count, finding_count, findings, details, token_id,
         token_label, created_at, period)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        id,
        input.ministry,
        input.planId,
        input.planVersion,
        input.source,
        input.fileName,
        input.code,
        input.messages.fr,
        input.messages.en,
        input.errorCount,
        input.warningCount,
        input.findings.length,
        JSON.stringify(findings),
        storedDetails(input.details),
        actor.tokenId,
        actor.label,
        createdAt,
        input.period ?? null,
      ],
    );
    await tx.run(
      `DELETE FROM submission_attempts WHERE ministry = $1 AND id NOT IN (
         SELECT k.id FROM submission_attempts k WHERE k.ministry = $1 ORDER BY k.id DESC LIMIT $2)`,
      [input.ministry, limits.keepPerMinistry],
    );
    return {
      kind: 'recorded',
      attempt: {
        id,
        ministry: input.ministry,
        planId: input.planId,
        planVersion: input.planVersion,
        source: input.source,
        fileName: input.fileName,
        period: input.period ?? null,
        code: input.code,
        messages: input.messages,
        errorCount: input.errorCount,
        warningCount: input.warningCount,
        findingCount: input.findings.length,
        tokenId: actor.tokenId,
        tokenLabel: actor.label,
        createdAt,
      },
    };
  });
}

/**
 * An attempt belongs to the plan it was sent for; one whose plan could not be told (plan_id null:
 * a body that was not even JSON) shows under every plan, so that no refusal goes unseen. Execution
 * sends, which have a period, are listed apart (latestExecutionAttempts).
 */
const ON_PLAN = '(plan_id = $2 OR plan_id IS NULL)';

/** Newest planning attempts first; on one plan when named. */
export async function listAttempts(db: Db, ministry: string, planId?: string): Promise<AttemptSummary[]> {
  const rows =
    planId === undefined
      ? await db.query<AttemptDbRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM submission_attempts WHERE ministry = $1 AND period IS NULL ORDER BY id DESC`,
          [ministry],
        )
      : await db.query<AttemptDbRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM submission_attempts
           WHERE ministry = $1 AND period IS NULL AND ${ON_PLAN} ORDER BY id DESC`,
          [ministry, planId],
        );
  return rows.map(summaryOf);
}

export async function attempt(db: Db, ministry: string, id: string): Promise<AttemptRow | null> {
  const [r] = await db.query<AttemptDbRow>(
    `SELECT ${SUMMARY_COLUMNS}, findings, details FROM submission_attempts WHERE ministry = $1 AND id = $2`,
    [ministry, id],
  );
  if (!r) return null;
  return {
    ...summaryOf(r),
    findings: JSON.parse(r.findings ?? '[]') as Finding[],
    details: JSON.parse(r.details ?? 'null') as unknown,
  };
}

/** The newest planning attempt of each ministry, on one plan when named (execution sends apart). */
export async function latestAttempts(db: Db, planId?: string): Promise<AttemptSummary[]> {
  const rows =
    planId === undefined
      ? await db.query<AttemptDbRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM submission_attempts a
           WHERE a.id = (SELECT MAX(l.id) FROM submission_attempts l
                         WHERE l.ministry = a.ministry AND l.period IS NULL)`,
        )
      : await db.query<AttemptDbRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM submission_attempts a
           WHERE a.id = (SELECT MAX(l.id) FROM submission_attempts l
             WHERE l.ministry = a.ministry AND l.period IS NULL AND (l.plan_id = $1 OR l.plan_id IS NULL))`,
          [planId],
        );
  return rows.map(summaryOf).sort(byMinistry);
}

/** The newest refused execution send of each ministry for one period of one plan. */
/** A ministry's refused execution sends for one plan's period, newest first. */
export async function executionAttempts(
  db: Db,
  ministry: string,
  planId: string,
  period: string,
): Promise<AttemptSummary[]> {
  const rows = await db.query<AttemptDbRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM submission_attempts
     WHERE ministry = $1 AND plan_id = $2 AND period = $3 ORDER BY id DESC`,
    [ministry, planId, period],
  );
  return rows.map(summaryOf);
}

export async function latestExecutionAttempts(
  db: Db,
  planId: string,
  period: string,
): Promise<AttemptSummary[]> {
  const rows = await db.query<AttemptDbRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM submission_attempts a
     WHERE a.id = (SELECT MAX(l.id) FROM submission_attempts l
                   WHERE l.ministry = a.ministry AND l.plan_id = $1 AND l.period = $2)`,
    [planId, period],
  );
  return rows.map(summaryOf).sort(byMinistry);
}
