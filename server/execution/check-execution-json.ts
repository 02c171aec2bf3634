/**
 * A JSON execution return from its text to its checks' report, the CPU of an execution send in
 * one pure function, as ../returns/check-json.ts is for a planning return: parsing, the
 * ExecutionDocument schema (its refusals in the request's language), the ministry as the plan
 * spells it, and the core's execution checks with what was planned, the plan's threshold and the
 * withdrawn activities. It runs on a checking thread (../returns/check-threads.ts) and refuses
 * nothing itself: the route decides which refusal comes first (./submit-execution.ts).
 */
import {
  ExecutionDocument,
  executionFromJson,
  type Lang,
  type PlanIndex,
  type Report,
  runExecutionChecks,
} from '#core';
import { issuesOf, zodIn } from '../http/zod-issues.ts';
import type { ExecutionOptions } from './validate-execution.ts';

/** What the checks compare an execution return with: the plan's side, for the period's year. */
export type ExecutionCheckTerms = Required<Omit<ExecutionOptions, 'ministry'>>;

export type ExecutionJsonCheck =
  | { kind: 'bad_json' }
  | { kind: 'invalid'; issues: ReturnType<typeof issuesOf> }
  | {
      kind: 'checked';
      /** The document as stored: without its clientId, the ministry spelt as the plan does. */
      document: Omit<ExecutionDocument, 'clientId'>;
      clientId: string | null;
      ministry: string;
      report: Report;
    };

export function checkExecutionJson(
  text: string,
  lang: Lang,
  index: PlanIndex,
  terms: ExecutionCheckTerms,
): ExecutionJsonCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'bad_json' };
  }
  const parsed = ExecutionDocument.safeParse(raw, zodIn(lang));
  if (!parsed.success) return { kind: 'invalid', issues: issuesOf(parsed.error, lang) };
  const { clientId, ...doc } = parsed.data;
  const ministry = index.resolveMinistry(doc.ministry)?.[0] ?? doc.ministry;
  const document = { ...doc, ministry };
  const report = runExecutionChecks(index, executionFromJson(document, lang), { ministry, ...terms });
  return { kind: 'checked', document, clientId: clientId ?? null, ministry, report };
}
