/**
 * What the pane sends and how it makes sure it arrives once. The return document is built from
 * the lines the checks just read (amounts back to numbers in millions, each line with its row so
 * that the service's findings point at the same cells). Before the first attempt it is stored as
 * the pending return together with its idempotency key; it leaves storage only once the service
 * has answered for it. A retry — after a cut line, a closed pane, a restarted computer — sends the
 * same document with the same key, which the service answers with the version it already made
 * (200, `replayed`), never a second one. Sending the same content again reuses the pending key.
 */
import type { Line } from '../model.ts';
import { type Money, moneyToNumber } from '../money.ts';
import type { ReturnDocument, ReturnLine } from '../schemas/return.ts';
import type { TemplateMeta } from '../template/spec.ts';

export interface PendingReturn {
  key: string;
  doc: ReturnDocument;
  /** When the person pressed "Submit" (ISO 8601). */
  createdAt: string;
  attempts: number;
}

const amount = (m: Money | null): number | null => (m === null ? null : moneyToNumber(m));

const ROW = /^[A-Za-z]+(\d+)$/;

function rowOf(line: Line): number | undefined {
  const m = ROW.exec(line.cells.activity ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The JSON return of a ministry's lines, as the service's ReturnDocument schema takes it. */
export function returnDocument(meta: TemplateMeta, ministry: string, lines: readonly Line[]): ReturnDocument {
  const out: ReturnLine[] = [];
  for (const line of lines) {
    if (line.activity === null) continue;
    const years: Record<string, number | null> = {};
    for (const [year, value] of Object.entries(line.years)) years[year] = amount(value);
    const row = rowOf(line);
    out.push({
      activity: line.activity,
      nature: line.nature,
      years,
      total: amount(line.total),
      national: amount(line.national),
      external: amount(line.external),
      execution: [...line.execution],
      comment: line.comment,
      ...(row !== undefined ? { row } : {}),
    });
  }
  return {
    ministry,
    planId: meta.planId,
    planVersion: meta.planVersion,
    templateVersion: meta.templateVersion,
    lines: out,
  };
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

/** Keys in a fixed order, so that the same content always serialises the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameContent(a: ReturnDocument, b: ReturnDocument): boolean {
  return canonical(a) === canonical(b);
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
