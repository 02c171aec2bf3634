/**
 * What the pane sends and how it makes sure it arrives once. The return document is built from
 * the lines the checks just read (amounts back to numbers in millions, each line with its row so
 * that the service's findings point at the same cells). Before the first attempt it is stored as
 * the pending return together with its idempotency key; it leaves storage only once the service
 * has answered for it. A retry — after a cut line, a closed pane, a restarted computer — sends the
 * same document with the same key, which the service answers with the version it already made
 * (200, `replayed`), never a second one. Sending the same content again reuses the pending key.
 */

import { canonicalJson } from '../canonical-json.ts';
import type { Line } from '../model.ts';
import type { ReturnDocument } from '../schemas/return.ts';
import { returnDocumentOf } from '../wire.ts';
import type { TemplateMeta } from '../workbook-spec/spec.ts';

export interface PendingReturn {
  key: string;
  doc: ReturnDocument;
  /** When the person pressed "Submit" (ISO 8601). */
  createdAt: string;
  attempts: number;
}

/** The JSON return of a ministry's lines, as the service's ReturnDocument schema takes it. */
export function returnDocument(meta: TemplateMeta, ministry: string, lines: readonly Line[]): ReturnDocument {
  return returnDocumentOf(
    { ministry, planId: meta.planId, planVersion: meta.planVersion, templateVersion: meta.templateVersion },
    lines,
  );
}

/** A key the service accepts ([A-Za-z0-9._:-], 8 to 100 characters), unique per submission. */
export function newIdempotencyKey(random: () => string = defaultRandom): string {
  return `pac-${random()}`;
}

function defaultRandom(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export function sameContent(a: ReturnDocument, b: ReturnDocument): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The pending return to send for `doc`: the one already waiting when it holds the same content
 * (same key: a replay, never a duplicate), else a new one with a new key.
 */
export function pendingFor(
  doc: ReturnDocument,
  waiting: PendingReturn | null,
  now: string,
  random?: () => string,
): PendingReturn {
  if (waiting && sameContent(waiting.doc, doc)) return waiting;
  return { key: newIdempotencyKey(random), doc, createdAt: now, attempts: 0 };
}
