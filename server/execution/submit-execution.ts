/**
 * Receiving an execution return for a period, as JSON (the add-ins, the API) or as the filled
 * « Exécution » workbook, on the planning returns' terms (../returns/submit.ts): the core's
 * execution checks run again here with the plan's planned amounts, threshold and withdrawn
 * activities; another ministry's return or activities are refused (403), errors refuse it (422,
 * every finding with its sheet and cell, nothing written), a return made on an older plan version
 * is answered 409 with what changed; warnings are kept. A retry with the same idempotency key and
 * content answers the same receipt; the same key with other content is a 409.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { ExecutionDocument, Finding, Report } from '#core';
import type { Config } from '../config.ts';
import { assertMinistryAccess } from '../http/auth.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import type { LoadedPlan, PlanCache } from '../plan/plan-cache.ts';
import { noteSending } from '../returns/attempts.ts';
import type { ReturnChecker } from '../returns/check-threads.ts';
import { clientKeyOf, outdatedPlanError, refuseOnFindings } from '../returns/submit.ts';
import { fileOf } from '../returns/upload.ts';
import { canonicalJson, sha256Hex } from '../store/canonical-json.ts';
import type { ExecutionReturnSummary, PeriodRow, ReturnSource, Store } from '../store/store.ts';
import { problem, problemMessage } from '../xlsx/file-problems.ts';
import type { ExecutionTerms } from './plan-scope.ts';

export interface ExecutionReceipt {
  id: string;
  ministry: string;
  period: string;
  version: number;
  errorCount: number;
  warningCount: number;
  findings: Finding[];
  createdAt: string;
  planId: string;
  planVersion: string;
}

export function executionReceiptOf(row: ExecutionReturnSummary): ExecutionReceipt {
  return {
    id: row.id,
    ministry: row.ministry,
    period: row.period,
    version: row.version,
    errorCount: row.errorCount,
    warningCount: row.warningCount,
    findings: row.findings,
    createdAt: row.createdAt,
    planId: row.planId,
    planVersion: row.planVersion,
  };
}

/** What a send has become once read and checked, whatever its form. */
interface CheckedExecution {
  ministry: string;
  planId: string | null;
  planVersion: string | null;
  report: Report;
  /** The document as stored: canonical JSON without its clientId. */
  document: ExecutionDocument;
  clientKey: string | null;
  source: ReturnSource;
  fileName: string | null;
  file: Uint8Array | null;
}

export interface Sent {
  store: Store;
  plans: PlanCache;
  /** Where an uploaded workbook is read: a checking thread in `npm start`. */
  checker: ReturnChecker;
  loaded: LoadedPlan;
  period: PeriodRow;
  terms: ExecutionTerms;
  withdrawn: ReadonlySet<string>;
}

/**
 * A JSON execution return: read and checked on a checking thread, then its plan, period and
 * ministry refused in order, as before any finding.
 */
export async function checkExecutionSend(
  c: Context<AppEnv>,
  sent: Sent,
  text: string,
): Promise<CheckedExecution> {
  const lang = c.get('lang');
  const checked = await sent.checker.checkExecutionJson(text, lang, sent.loaded, {
    planned: sent.terms.planned,
    threshold: sent.terms.threshold,
    withdrawn: sent.withdrawn,
  });
  if (checked.kind === 'bad_json') throw new ApiError('bad_json');
  if (checked.kind === 'invalid') throw new ApiError('invalid_request', {}, { issues: checked.issues });
  const { document, ministry } = checked;
  noteSending(c, { planId: document.planId, planVersion: document.planVersion });
  if (document.period !== sent.period.key)
    throw new ApiError('period_mismatch', { sent: document.period, key: sent.period.key });
  assertMinistryAccess(c.get('caller'), ministry);
  return {
    ministry,
    planId: document.planId,
    planVersion: document.planVersion,
    report: checked.report,
    document,
    clientKey: clientKeyOf(c.req.header('idempotency-key'), checked.clientId ?? undefined),
    source: 'json',
    fileName: null,
    file: null,
  };
}

/** An uploaded « Exécution » workbook: opened safely, read and checked by the same code as `pac validate`. */
export async function checkExecutionUpload(
  c: Context<AppEnv>,
  sent: Sent,
  config: Config,
): Promise<CheckedExecution> {
  const { bytes, name } = await fileOf(c);
  const ministry = c.get('caller').token.ministry ?? '';
  const result = await sent.checker.checkWorkbook(bytes, sent.loaded, {
    ministry,
    limits: { maxFileBytes: config.maxUploadBytes },
    execution: { planned: sent.terms.planned, threshold: sent.terms.threshold, withdrawn: sent.withdrawn },
  });
  if (result.meta) noteSending(c, { planId: result.meta.planId, planVersion: result.meta.planVersion });
  if (result.kind === 'unusable' && result.problem.code === 'plan_version' && result.meta)
    throw await outdatedPlanError(sent.plans, sent.loaded, result.meta.planVersion, ministry);
  const unusable =
    result.kind === 'unusable'
      ? result.problem
      : result.kind === 'checked'
        ? // A planning return sent to a period: another template here.
          problem('other_template', { templateId: result.meta?.templateId ?? '?' })
        : null;
  if (unusable)
    throw new ApiError(
      'unusable_file',
      { reason: { fr: problemMessage(unusable, 'fr'), en: problemMessage(unusable, 'en') } },
      { problem: unusable },
    );
  if (result.kind !== 'execution') throw new Error('unreachable');
  if (result.period !== sent.period.key)
    throw new ApiError('period_mismatch', { sent: result.period, key: sent.period.key });
  if (result.meta.ministry && result.meta.ministry !== ministry)
    throw new ApiError('wrong_ministry', { own: ministry, ministry: result.meta.ministry });
  return {
    ministry,
    planId: result.meta.planId,
    planVersion: result.meta.planVersion,
    report: result.report,
    document: { ...result.payload, ministry },
    clientKey: clientKeyOf(c.req.header('idempotency-key')),
    source: 'xlsx',
    fileName: name,
    file: bytes,
  };
}

/** The refusals every send shares, then the write: a receipt, and whether it is a replay. */
export async function writeExecution(
  sent: Sent,
  caller: Caller,
  checked: CheckedExecution,
): Promise<{ receipt: ExecutionReceipt; replayed: boolean }> {
  const { loaded } = sent;
  if (checked.planId !== null && checked.planId !== loaded.row.planId)
    throw new ApiError('unknown_plan', { sent: checked.planId, current: loaded.row.planId });
  if (checked.planVersion !== null && checked.planVersion !== loaded.row.version)
    throw await outdatedPlanError(sent.plans, loaded, checked.planVersion, checked.ministry);
  refuseOnFindings(checked.ministry, checked.report);
  const payloadJson = canonicalJson(checked.document);
  const result = await sent.store.insertExecutionReturn(
    {
      id: randomUUID(),
      planId: loaded.row.planId,
      planVersion: loaded.row.version,
      period: sent.period.key,
      ministry: checked.ministry,
      clientKey: checked.clientKey,
      payloadHash: sha256Hex(payloadJson),
      payloadJson,
      source: checked.source,
      fileName: checked.fileName,
      file: checked.file,
      findings: checked.report.findings,
      errorCount: checked.report.stats.errors,
      warningCount: checked.report.stats.warnings,
    },
    caller.actor,
  );
  if (result.kind === 'locked')
    throw new ApiError('version_locked', { ministry: checked.ministry, version: result.execution.version });
  if (result.kind === 'key_reused')
    throw new ApiError('execution_key_reused', {
      key: checked.clientKey ?? '',
      version: result.execution.version,
    });
  return { receipt: executionReceiptOf(result.execution), replayed: result.kind === 'replayed' };
}
