/**
 * A JSON return from its text to its checks' report, all the CPU work of a submission in one pure
 * function: parsing, the ReturnDocument schema (its refusals worded in the request's language), the
 * ministry as the plan spells it, the lines, the checks, and the canonical text the store keeps
 * with its hash. What it gives back is small and plain, so that it can run on another thread
 * (./check-threads.ts) and answer without copying the document back.
 *
 * It refuses nothing itself: which refusal comes first (the ministry, the plan version, the
 * findings) is decided by the route and ./submit.ts, as for an uploaded file.
 */
import {
  fastReturnDocument,
  type Lang,
  type PlanIndex,
  parsedReturnFromJson,
  type Report,
  ReturnDocument,
  returnDocumentJson,
  runReturnChecks,
} from '#core';
import { issuesOf, zodIn } from '../http/zod-issues.ts';
import { sha256Hex } from '../store/canonical-json.ts';

export type JsonCheck =
  | { kind: 'bad_json' }
  | { kind: 'invalid'; issues: ReturnType<typeof issuesOf> }
  | {
      kind: 'checked';
      /** The ministry as the plan spells it (the document may use another of its spellings). */
      ministry: string;
      /** The client's idempotency key from the body, kept apart from the content. */
      clientId: string | null;
      planId: string;
      planVersion: string;
      report: Report;
      /** The document as stored (canonical JSON, the ministry spelt as the plan does) and its SHA-256. */
      payloadJson: string;
      payloadHash: string;
    };

export function checkJsonReturn(text: string, lang: Lang, index: PlanIndex): JsonCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'bad_json' };
  }
  // A plainly valid return is read without zod; the schema decides everything else and words why.
  let valid = fastReturnDocument(raw);
  if (valid === null) {
    const parsed = ReturnDocument.safeParse(raw, zodIn(lang));
    if (!parsed.success) return { kind: 'invalid', issues: issuesOf(parsed.error, lang) };
    valid = parsed.data;
  }
  const { clientId, ...doc } = valid;
  const ministry = index.resolveMinistry(doc.ministry)?.[0] ?? doc.ministry;
  const payload = { ...doc, ministry };
  const { parsed: lines, findings } = parsedReturnFromJson(payload, index.years);
  const report = runReturnChecks(index, lines, { ministry, readingFindings: findings });
  const payloadJson = returnDocumentJson(payload);
  return {
    kind: 'checked',
    ministry,
    clientId: clientId ?? null,
    planId: doc.planId,
    planVersion: doc.planVersion,
    report,
    payloadJson,
    payloadHash: sha256Hex(payloadJson),
  };
}
