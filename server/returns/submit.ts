/**
 * Receiving a return, whatever it came as (JSON from an add-in, an uploaded .xlsx, a Google
 * Sheet): the same checks as in Excel run again here, and the service answers with the findings.
 * Errors refuse it (422, every finding, nothing written); another ministry's activities refuse it
 * (403); a return made on an older plan version is answered 409 with what changed; warnings are
 * accepted and kept. A retry with the same client key never makes a second version.
 */
import { randomUUID } from 'node:crypto';
import {
  diffPlans,
  type Finding,
  type ParsedReturn,
  type PlanIndex,
  type Report,
  runReturnChecks,
} from '#core';
import type { Caller } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import type { LoadedPlan, PlanCache } from '../plan/plan-cache.ts';
import { canonicalJson, sha256Hex } from '../store/canonical-json.ts';
import type { ReturnSource, Store, SubmissionRow } from '../store/store.ts';

export interface IncomingReturn {
  ministry: string;
  planId: string | null;
  planVersion: string | null;
  parsed: ParsedReturn;
  /** Findings made while reading cells (unreadable numbers…), merged into the report. */
  readingFindings: Finding[];
  /** What is stored as the return's content (the JSON document, or the lines read from a file). */
  payload: unknown;
  source: ReturnSource;
  fileName: string | null;
  file: Uint8Array | null;
  clientKey: string | null;
}

export interface Receipt {
  id: string;
  ministry: string;
  version: number;
  planId: string;
  planVersion: string;
  createdAt: string;
  state: SubmissionRow['state'];
  errors: number;
  warnings: number;
  findings: Finding[];
  replayed: boolean;
}

export function receiptOf(row: SubmissionRow, replayed: boolean): Receipt {
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
async function requireCurrentPlan(plans: PlanCache, incoming: IncomingReturn): Promise<LoadedPlan> {
  const current = await plans.current();
  if (!current) throw new ApiError('unavailable');
  if (incoming.planId !== null && incoming.planId !== current.row.planId) {
    throw new ApiError('unknown_plan', { sent: incoming.planId, current: current.row.planId });
  }
  if (incoming.planVersion !== null && incoming.planVersion !== current.row.version) {
    throw await outdatedPlanError(plans, current, incoming.planVersion, incoming.ministry);
  }
  return current;
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

function check(index: PlanIndex, incoming: IncomingReturn): Report {
  const report = runReturnChecks(index, incoming.parsed, {
    ministry: incoming.ministry,
    readingFindings: incoming.readingFindings,
  });
  const notOwned = report.findings.filter((f) => f.code === 'activity_not_owned');
  if (notOwned.length > 0) {
    const activities = [
      ...new Set(notOwned.map((f) => (f.code === 'activity_not_owned' ? f.params.activity : ''))),
    ];
    throw new ApiError(
      'activities_not_owned',
      {
        count: activities.length,
        ministry: incoming.ministry,
        activities: activities.slice(0, 10).join(', '),
      },
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
  return report;
}

export async function submitReturn(
  store: Store,
  plans: PlanCache,
  caller: Caller,
  incoming: IncomingReturn,
): Promise<Receipt> {
  const plan = await requireCurrentPlan(plans, incoming);
  const report = check(plan.index, incoming);
  const payloadJson = canonicalJson(incoming.payload);
  const payloadHash = sha256Hex(payloadJson);
  const result = await store.insertSubmission(
    {
      id: randomUUID(),
      ministry: incoming.ministry,
      planId: plan.row.planId,
      planVersion: plan.row.version,
      clientKey: incoming.clientKey,
      payloadHash,
      payloadJson,
      source: incoming.source,
      fileName: incoming.fileName,
      payload: incoming.payload,
      file: incoming.file,
      findings: report.findings,
      errorCount: report.stats.errors,
      warningCount: report.stats.warnings,
    },
    caller.actor,
  );
  // An accepted version is locked until the consolidator reopens it (decided by the store, under
  // the ministry's lock, so that no acceptance slips in between).
  if (result.kind === 'locked') {
    throw new ApiError('version_locked', { ministry: incoming.ministry, version: result.submission.version });
  }
  if (result.kind === 'key_reused') {
    throw new ApiError('idempotency_key_reused', {
      key: incoming.clientKey ?? '',
      version: result.submission.version,
    });
  }
  return receiptOf(result.submission, result.kind === 'replayed');
}
