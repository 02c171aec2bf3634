/**
 * A checking thread (./check-threads.ts starts it through ./check-worker-entry.js): takes a JSON
 * return's text and the plan to check it against, answers with ./check-json.ts's result. Each plan
 * is indexed once, when its document first comes, and kept by its ETag (the last few only: plans
 * change a few times a year).
 */
import { parentPort } from 'node:worker_threads';
import { indexPlan, type Lang, type Plan, type PlanIndex } from '#core';
import { checkJsonReturn, type JsonCheck } from './check-json.ts';

export interface CheckRequest {
  id: number;
  text: string;
  lang: Lang;
  /** The plan's ETag, and its document the first time this thread is sent it. */
  plan: { etag: string; document?: Plan };
}

export type CheckAnswer = { id: number; result: JsonCheck } | { id: number; error: string };

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

parentPort?.on('message', (request: CheckRequest) => {
  let answer: CheckAnswer;
  try {
    answer = { id: request.id, result: checkJsonReturn(request.text, request.lang, indexFor(request.plan)) };
  } catch (error) {
    answer = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(answer);
});
