/**
 * The ReturnDocument schema's common case without zod: a well-formed return, as the add-ins send
 * it, read in one plain loop into exactly what `ReturnDocument.parse` would give (the same
 * members, defaults, trimmed codes and member order). Anything it does not accept outright, it
 * leaves to the schema (null), which then accepts or words the refusal: so the schema stays the one
 * contract, and this only decides faster when there is nothing to say.
 *
 * Why: every submission is validated line by line, and zod spent about 3 µs per line (its object
 * machinery, defaults, the checks of each member), a third of a return's whole check. A property
 * test (tests/core/return-fast-path.test.ts) holds that whatever this accepts, the schema accepts
 * with the same value, and that it knows exactly the schema's members.
 */
import type { ReturnDocument, ReturnLine } from './return.ts';

/** The members this reads, in the schema's (sorted) order; the test compares them with the schema's. */
export const FAST_LINE_MEMBERS = [
  'activity',
  'comment',
  'execution',
  'external',
  'national',
  'nature',
  'row',
  'total',
  'years',
] as const;
export const FAST_DOCUMENT_MEMBERS = [
  'clientId',
  'lines',
  'ministry',
  'planId',
  'planVersion',
  'templateVersion',
] as const;

const CLIENT_ID = /^[A-Za-z0-9._:-]{8,100}$/;
const YEAR_KEY = /^\d{4}$/;
const MAX_LINES = 20000;
const MAX_MARKS = 50;

/** Not accepted outright: the schema decides. */
class Declined extends Error {}
const DECLINED = new Declined();

function text(value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length > max || value.includes('\u0000')) throw DECLINED;
  return value;
}

function optionalText(value: unknown, max: number): string | undefined {
  return value === undefined ? undefined : text(value, max);
}

function nullableText(value: unknown, max: number): string | null {
  return value === undefined || value === null ? null : text(value, max);
}

function nullableNumber(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw DECLINED;
  return value;
}

function years(value: unknown): Record<string, number | null> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DECLINED;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const amount = record[key];
    if (!YEAR_KEY.test(key)) throw DECLINED;
    if (amount !== null && (typeof amount !== 'number' || !Number.isFinite(amount))) throw DECLINED;
  }
  // Kept as sent, as the schema does.
  return record as Record<string, number | null>;
}

function marks(value: unknown): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_MARKS) throw DECLINED;
  for (const year of value) if (!Number.isSafeInteger(year)) throw DECLINED;
  return value as number[];
}

function line(value: unknown): ReturnLine {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DECLINED;
  const raw = value as Record<string, unknown>;
  const activity = text(raw.activity, 40).trim();
  if (activity.length === 0) throw DECLINED;
  const nature = raw.nature;
  if (nature !== undefined && nature !== null && nature !== 'costed' && nature !== 'pm') throw DECLINED;
  const row = raw.row;
  if (row !== undefined && !(Number.isSafeInteger(row) && (row as number) > 0)) throw DECLINED;
  const comment = nullableText(raw.comment, 2000);
  const execution = marks(raw.execution);
  const external = nullableNumber(raw.external);
  const national = nullableNumber(raw.national);
  const total = nullableNumber(raw.total);
  const amounts = years(raw.years);
  const stated = (nature ?? null) as ReturnLine['nature'];
  // Built in the schema's member order, which is sorted: the value is canonical as it stands.
  return row === undefined
    ? { activity, comment, execution, external, national, nature: stated, total, years: amounts }
    : {
        activity,
        comment,
        execution,
        external,
        national,
        nature: stated,
        row: row as number,
        total,
        years: amounts,
      };
}

/**
 * The document `ReturnDocument.parse(raw)` would give, when `raw` is plainly valid; null when the
 * schema must decide (something is wrong, or unusual enough to leave to it).
 */
export function fastReturnDocument(raw: unknown): ReturnDocument | null {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const doc = raw as Record<string, unknown>;
    const clientId = doc.clientId;
    if (clientId !== undefined && (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))) return null;
    const sent = doc.lines;
    if (!Array.isArray(sent) || sent.length > MAX_LINES) return null;
    const lines: ReturnLine[] = new Array(sent.length);
    for (let i = 0; i < sent.length; i++) lines[i] = line(sent[i]);
    const ministry = text(doc.ministry, 40);
    if (ministry.length === 0) return null;
    const out: ReturnDocument = {
      ...(clientId === undefined ? {} : { clientId: clientId as string }),
      lines,
      ministry,
      planId: text(doc.planId, 100),
      planVersion: text(doc.planVersion, 100),
    };
    const templateVersion = optionalText(doc.templateVersion, 100);
    if (templateVersion !== undefined) out.templateVersion = templateVersion;
    return out;
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}
