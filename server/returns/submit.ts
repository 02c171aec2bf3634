/**
 * Receiving a return, whatever it came as (JSON from an add-in, an uploaded .xlsx, a Google
 * Sheet): the same checks as in Excel run again here, and the service answers with the findings.
 * A return made on an older plan version is answered 409 with what changed; another ministry's
 * activities refuse it (403); errors refuse it (422, every finding, nothing written); warnings are
 * accepted and kept. A retry with the same client key never makes a second version.
 *
 * A JSON return arrives already checked (./check-json.ts, on a checking thread): submitChecked. A
 * file is read and checked here: submitReturn. Both end in the same refusals and the same write.
 */
import { randomUUID } from 'node:crypto';
import { diffPlans, type Finding, type ParsedReturn, type Report, runReturnChecks } from '#core';
import type { Caller } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import type { LoadedPlan, PlanCache } from '../plan/plan-cache.ts';
import { canonicalJson, sha256Hex } from '../store/canonical-json.ts';
import type { ReturnSource, Store, SubmissionWithFindings } from '../store/store.ts';

/** What a return said about itself and how it came, whatever its form. */
interface Sent {
  ministry: string;
  /** The plan it was made on, when it says (a file made before plan metadata existed may not). */
  planId: string | null;
  planVersion: string | null;
  source: ReturnSource;
  fileName: string | null;
  /** The original uploaded file, kept with the version. */
  file: Uint8Array | null;
  clientKey: string | null;
}

/** A return read in this thread (an uploaded file), not yet checked. */
export interface IncomingReturn extends Sent {
  parsed: ParsedReturn;
  /** Findings made while reading cells (unreadable numbers…), merged into the report. */
  readingFindings: Finding[];
  /** What is stored as the return's content (the lines read from a file). */
  payload: unknown;
}

/** A return checked against the current plan, with the text to store and its hash. */
export interface CheckedReturn extends Sent {
  report: Report;
  payloadJson: string;
  payloadHash: string;
}

export interface Receipt {
  id: string;
  ministry: string;
  version: number;
  planId: string;
  planVersion: string;
  createdAt: string;
  state: SubmissionWithFindings['state'];
  errors: number;
  warnings: number;
  findings: Finding[];
  replayed: boolean;
}

export function receiptOf(row: SubmissionWithFindings, replayed: boolean): Receipt {
  return {
    id: row.id,
    ministry: row.ministry,
    version: row.version,
    planId: row.planId,
    planVersion: row.planVersion,
    createdAt: row.createdAt,
    state: row.state,
    errors: row.errorCount,
    warnings: row.warningCount,
    findings: row.findings,
    replayed,
  };
}

/** The 409 for a return made on an older plan version, with what changed for this ministry. */
export async function outdatedPlanError(
  plans: PlanCache,
  current: LoadedPlan,
  sentVersion: string,
  ministry: string,
): Promise<ApiError> {
  const older = await plans.version(sentVersion, current.row.planId);
  const changes = older ? diffPlans(older.index.plan, current.index.plan, ministry) : null;
  return new ApiError(
    'plan_version_outdated',
    { sent: sentVersion, current: current.row.version },
    { sentVersion, currentVersion: current.row.version, changes },
  );
}

/** The plan a return was made on must be the current one; otherwise say what changed since. */
async function requirePlan(plans: PlanCache, current: LoadedPlan, sent: Sent): Promise<void> {
  if (sent.planId !== null && sent.planId !== current.row.planId) {
    throw new ApiError('unknown_plan', { sent: sent.planId, current: current.row.planId });
  }
  if (sent.planVersion !== null && sent.planVersion !== current.row.version) {
    throw await outdatedPlanError(plans, current, sent.planVersion, sent.ministry);
  }
}

/** The idempotency key of a submission: the Idempotency-Key header, else the body's clientId. */
export function clientKeyOf(header: string | undefined, clientId?: string): string | null {
  const key = header?.trim() || clientId || null;
  if (key !== null && !/^[A-Za-z0-9._:-]{8,100}$/.test(key)) {
    throw new ApiError(
      'invalid_request',
      {},
      {
        issues: [
          { path: 'Idempotency-Key', message: '8 à 100 caractères [A-Za-z0-9._:-]', code: 'invalid_format' },
        ],
      },
    );
  }
  return key;
}

/** Another ministry's activities (403), then errors (422): nothing is written. */
export function refuseOnFindings(ministry: string, report: Report): void {
  const notOwned = report.findings.filter((f) => f.code === 'activity_not_owned');
  if (notOwned.length > 0) {
    const activities = [
      ...new Set(notOwned.map((f) => (f.code === 'activity_not_owned' ? f.params.activity : ''))),
    ];
    throw new ApiError(
      'activities_not_owned',
      { count: activities.length, ministry, activities: activities.slice(0, 10).join(', ') },
      { findings: notOwned },
    );
  }
  if (!report.valid) {
    throw new ApiError(
      'return_has_errors',
      { errors: report.stats.errors },
      { stats: report.stats, findings: report.findings },
    );
  }
}

/** A file's return: read in this thread, checked here against the current plan, then written. */
export async function submitReturn(
  store: Store,
  plans: PlanCache,
  caller: Caller,
  incoming: IncomingReturn,
): Promise<Receipt> {
  const current = await plans.current();
  if (!current) throw new ApiError('unavailable');
  await requirePlan(plans, current, incoming);
  const report = runReturnChecks(current.index, incoming.parsed, {
    ministry: incoming.ministry,
    readingFindings: incoming.readingFindings,
  });
  const payloadJson = canonicalJson(incoming.payload);
  return write(store, current, caller, {
    ...incoming,
    report,
    payloadJson,
    payloadHash: sha256Hex(payloadJson),
  });
}

/** A return checked elsewhere against `current` (a JSON return, on a checking thread), then written. */
export async function submitChecked(
  store: Store,
  plans: PlanCache,
  caller: Caller,
  current: LoadedPlan,
  checked: CheckedReturn,
): Promise<Receipt> {
  await requirePlan(plans, current, checked);
  return write(store, current, caller, checked);
}

async function write(
  store: Store,
  plan: LoadedPlan,
  caller: Caller,
  checked: CheckedReturn,
): Promise<Receipt> {
  refuseOnFindings(checked.ministry, checked.report);
  const result = await store.insertSubmission(
    {
      id: randomUUID(),
      ministry: checked.ministry,
      planId: plan.row.planId,
      planVersion: plan.row.version,
      clientKey: checked.clientKey,
      payloadHash: checked.payloadHash,
      payloadJson: checked.payloadJson,
      source: checked.source,
      fileName: checked.fileName,
      file: checked.file,
      findings: checked.report.findings,
      errorCount: checked.report.stats.errors,
      warningCount: checked.report.stats.warnings,
    },
    caller.actor,
  );
  // An accepted version is locked until the consolidator reopens it (decided by the store, under
  // the ministry's lock, so that no acceptance slips in between).
  if (result.kind === 'locked') {
    throw new ApiError('version_locked', { ministry: checked.ministry, version: result.submission.version });
  }
  if (result.kind === 'key_reused') {
    throw new ApiError('idempotency_key_reused', {
      key: checked.clientKey ?? '',
      version: result.submission.version,
    });
  }
  return receiptOf(result.submission, result.kind === 'replayed');
}
