/**
 * When to try again after a failed mirror run, and what kind of failure it was.
 *
 * Delays follow "equal jitter": the n-th consecutive failure waits between half and all of
 * min(cap, base × 2^(n-1)). The random half spreads instances and restarts apart; the fixed half
 * guarantees the schedule never shrinks, since the shortest wait after failure n + 1 is the longest
 * after failure n. A Retry-After from Google is honoured when it asks for longer.
 *
 * Only one retry layer exists: gaxios' own retries are turned off (sheets-client.ts), and the
 * whole run — every step of which writes fixed ranges, so it can be repeated — is retried from the
 * outbox, whose schedule survives a restart.
 */

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 5 * 60_000 };

/** The ceiling of the n-th (1-based) failure's wait, before jitter. */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}

/** The wait after the n-th consecutive failure: in [ceiling / 2, ceiling). */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = backoffCeiling(attempt, options);
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

export interface FailureInfo {
  /** HTTP status, when Google answered. */
  status: number | null;
  /** 429, 408, 5xx and network errors: worth a quick retry. Other answers (403 not shared, 404,
   * 400) need a person, so they are retried at the slowest pace only. */
  transient: boolean;
  retryAfterMs: number | null;
  message: string;
}

const MAX_MESSAGE = 500;

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  status?: unknown;
  response?: { status?: unknown; headers?: unknown; data?: unknown };
  cause?: unknown;
}

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Google's own explanation, when its error body has one ("The caller does not have permission"). */
function googleMessage(data: unknown): string | null {
  const message = (data as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : null;
}

export function describeFailure(error: unknown, now: number): FailureInfo {
  const e = (error ?? {}) as ErrorLike;
  const rawStatus = e.response?.status ?? e.status;
  const status = typeof rawStatus === 'number' ? rawStatus : null;
  const base = googleMessage(e.response?.data) ?? (typeof e.message === 'string' ? e.message : String(error));
  const code = typeof e.code === 'string' ? e.code : (e.cause as ErrorLike | undefined)?.code;
  const message =
    status !== null ? `HTTP ${status}: ${base}` : typeof code === 'string' ? `${code}: ${base}` : base;
  // Errors of PAC's own making that a retry cannot fix say so (WorkbookTooLargeError).
  const permanent = (error as { permanent?: unknown } | null)?.permanent === true;
  return {
    status,
    transient: !permanent && (status === null || status === 429 || status === 408 || status >= 500),
    retryAfterMs: parseRetryAfter(header(e.response?.headers, 'retry-after'), now),
    message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message,
  };
}

/** The longest Retry-After honoured: a mistaken header must not park the mirror for days. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** When to try again after this failure, the n-th in a row. */
export function retryDelay(
  failure: FailureInfo,
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const delay = failure.transient
    ? backoffDelay(attempt, random, options)
    : backoffDelay(Number.MAX_SAFE_INTEGER, random, options);
  return Math.max(delay, Math.min(failure.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
