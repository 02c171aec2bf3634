/**
 * One wire contract for a return, on both sides of it: the typed lines as the ReturnDocument the
 * service stores (the pane builds what it sends with it, the file validation what it keeps of an
 * upload), and the canonical JSON by which a retry is recognised as the same content — keys in a
 * fixed order, undefined left out — which the pane compares before re-sending and the service
 * hashes for idempotency.
 */
import { lineJson } from './diff.ts';
import type { Line } from './model.ts';
import type { ReturnDocument, ReturnLine } from './schemas/return.ts';

const ROW = /^[A-Za-z]+(\d+)$/;

/** The entry-sheet row a line was read from, when it was read from one. */
export function rowOfLine(line: Line): number | undefined {
  const m = ROW.exec(line.cells.activity ?? '');
  return m ? Number(m[1]) : undefined;
}

export interface ReturnIdentity {
  ministry: string;
  planId: string;
  planVersion: string;
  templateVersion?: string;
}

/**
 * The lines as a ReturnDocument: amounts as numbers in millions, each line with its entry-sheet
 * row when `rows` (so the service's findings point at the same cells); lines without a code left out.
 */
export function returnDocumentOf(
  identity: ReturnIdentity,
  lines: readonly Line[],
  rows = true,
): ReturnDocument {
  const out: ReturnLine[] = [];
  for (const line of lines) {
    if (line.activity === null) continue;
    const entry: ReturnLine = { ...lineJson(line), activity: line.activity };
    const row = rows ? rowOfLine(line) : undefined;
    if (row !== undefined) entry.row = row;
    out.push(entry);
  }
  const doc: ReturnDocument = {
    ministry: identity.ministry,
    planId: identity.planId,
    planVersion: identity.planVersion,
    lines: out,
  };
  if (identity.templateVersion !== undefined) doc.templateVersion = identity.templateVersion;
  return doc;
}
