/**
 * A checking thread (./check-threads.ts starts it through ../thread-entry.js): takes a JSON
 * return's text (planning or execution), or an uploaded workbook's bytes, and the plan to check it
 * against; answers with ./check-json.ts's result, ../execution/check-execution-json.ts's, or
 * ./validate-file.ts's. Each plan is indexed once, when its document
 * first comes, and kept by its ETag (the last few only: plans change a few times a year).
 */
import { parentPort } from 'node:worker_threads';
import { indexPlan, type Lang, type Plan, type PlanIndex } from '#core';
import {
  checkExecutionJson,
  type ExecutionCheckTerms,
  type ExecutionJsonCheck,
} from '../execution/check-execution-json.ts';
import { checkJsonReturn, type JsonCheck } from './check-json.ts';
import { type AnyWorkbookResult, type ValidateOptions, validateAnyWorkbook } from './validate-file.ts';

/**
 * What a thread is asked: a JSON return's text, a JSON execution return's text with the plan's
 * side of the period, or a workbook's bytes with how to read it.
 */
export type CheckWork =
  | { kind: 'json'; text: string; lang: Lang }
  | { kind: 'execution-json'; text: string; lang: Lang; terms: ExecutionCheckTerms }
  | { kind: 'workbook'; bytes: Uint8Array; options: ValidateOptions };

export type CheckRequest = CheckWork & {
  id: number;
  /** The plan's ETag, and its document the first time this thread is sent it. */
  plan: { etag: string; document?: Plan };
};

export type CheckResult = JsonCheck | ExecutionJsonCheck | AnyWorkbookResult;
export type CheckAnswer = { id: number; result: CheckResult } | { id: number; error: string };

const KEPT_PLANS = 4;
const indexes = new Map<string, PlanIndex>();

function indexFor(plan: CheckRequest['plan']): PlanIndex {
  const known = indexes.get(plan.etag);
  if (known) return known;
  if (!plan.document) throw new Error(`plan ${plan.etag} was never sent to this checking thread`);
  const index = indexPlan(plan.document);
  indexes.set(plan.etag, index);
  for (const oldest of indexes.keys()) {
    if (indexes.size <= KEPT_PLANS) break;
    indexes.delete(oldest);
  }
  return index;
}

async function work(request: CheckRequest): Promise<CheckResult> {
  const index = indexFor(request.plan);
  if (request.kind === 'json') return checkJsonReturn(request.text, request.lang, index);
  if (request.kind === 'execution-json')
    return checkExecutionJson(request.text, request.lang, index, request.terms);
  return validateAnyWorkbook(request.bytes, index, request.options);
}

parentPort?.on('message', (request: CheckRequest) => {
  work(request).then(
    (result) => parentPort?.postMessage({ id: request.id, result } satisfies CheckAnswer),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies CheckAnswer),
  );
});
