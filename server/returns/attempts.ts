/**
 * Refused sends are data. Around POST /api/returns and /api/returns/upload (after the ministry's
 * token is authenticated), every refusal the ministry could act on — errors in the return, another
 * ministry's activities, an unusable file, an outdated plan, a malformed or oversized body, a
 * locked version… (any 4xx) — is recorded as an attempt with its findings, so that a ministry
 * whose sends keep failing shows on the board and the consolidator can open what went wrong.
 * Failures of the service itself (5xx: disk full, database busy or down) are not the ministry's
 * and are not recorded.
 *
 * A loop cannot fill the disk: a token has at most ATTEMPT_LIMITS.perToken attempts recorded per
 * window; a refusal beyond that is answered 429 with Retry-After and the refusal itself in
 * `details.refusal`, and is not recorded. A return without errors is never held back by this: it
 * is checked and accepted as always. Each ministry keeps only its latest attempts
 * (server/store/attempts-sql.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Finding } from '#core';
import type { AppEnv, Sending } from '../http/context.ts';
import { ApiError, errorBody } from '../http/errors.ts';
import type { AttemptLimits, NewAttempt, ReturnSource, Store } from '../store/store.ts';

/**
 * 20 refused sends recorded per token per hour: far more than a person correcting a return makes,
 * far fewer than a loop. 50 kept per ministry: the history a consolidator reads, bounded.
 */
export const ATTEMPT_LIMITS: AttemptLimits = {
  perToken: 20,
  windowMs: 60 * 60 * 1000,
  keepPerMinistry: 50,
};

/** Entries kept of any list in an attempt's details (zod issues…), like the findings. */
const MAX_DETAIL_ITEMS = 200;

/** What the route learns about the send as it reads it, for the attempt if it is refused. */
export function noteSending(c: Context<AppEnv>, note: Partial<Sending>): void {
  const sending = c.get('sending');
  if (sending) Object.assign(sending, note);
}

function findingsOf(details: unknown): Finding[] {
  const findings = (details as { findings?: unknown } | null)?.findings;
  return Array.isArray(findings) ? (findings as Finding[]) : [];
}

/** The refusal's details without what is stored apart (findings, counts) or rebuilt on demand (a plan diff). */
function otherDetails(details: unknown): unknown {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return null;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (key === 'findings' || key === 'stats' || key === 'changes') continue;
    kept[key] = Array.isArray(value) ? value.slice(0, MAX_DETAIL_ITEMS) : value;
  }
  return Object.keys(kept).length > 0 ? kept : null;
}

/**
 * The attempt a refusal makes. A refusal without findings (an unusable file, a malformed body)
 * still counts as errors: one, or one per issue the body's validation found.
 */
export function attemptOf(error: ApiError, sending: Sending, ministry: string): NewAttempt {
  const findings = findingsOf(error.details);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const issues = (error.details as { issues?: unknown } | null)?.issues;
  const { fr, en } = errorBody(error, 'fr').error.messages;
  return {
    ministry,
    planId: sending.planId,
    planVersion: sending.planVersion,
    source: sending.source,
    fileName: sending.fileName,
    period: sending.period ?? null,
    code: error.code,
    messages: { fr, en },
    errorCount: errors > 0 ? errors : Array.isArray(issues) && issues.length > 0 ? issues.length : 1,
    warningCount: findings.length - errors,
    findings,
    details: otherDetails(error.details),
  };
}

/** The refusals a ministry can act on: its own 4xx, not the rate limit's own answer. */
function isRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.code !== 'too_many_refusals'
  );
}

export function recordRefusals(
  store: Store,
  source: ReturnSource,
  limits: AttemptLimits,
  log: (message: string) => void,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('sending', { source, fileName: null, planId: null, planVersion: null });
    await next();
    // The app's error handler has already answered the refusal; c.error says what it was.
    const error = c.error;
    const caller = c.get('caller');
    const ministry = caller.token.ministry;
    if (!isRefusal(error) || !ministry) return;
    let result: Awaited<ReturnType<Store['recordAttempt']>>;
    try {
      result = await store.recordAttempt(attemptOf(error, c.get('sending'), ministry), caller.actor, limits);
    } catch (failure) {
      // The refusal stands as answered: failing to keep a trace of it must not turn it into a 5xx.
      log(
        `attempt of ${ministry} not recorded: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
      return;
    }
    if (result.kind === 'rate_limited') {
      const retry = result.retryAfterSeconds;
      throw new ApiError(
        'too_many_refusals',
        {
          count: limits.perToken,
          window: Math.round(limits.windowMs / 60_000),
          retry: Math.ceil(retry / 60),
        },
        { refusal: errorBody(error, c.get('lang')).error, retryAfterSeconds: retry },
        { 'Retry-After': String(retry) },
      );
    }
  };
}
