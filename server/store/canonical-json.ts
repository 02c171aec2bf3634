/**
 * Canonical JSON (object keys sorted, no whitespace) and its SHA-256, so that the same document
 * gets the same ETag or payload hash however its keys happened to be ordered.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // Objects with their own JSON form (Date) are canonical as that form.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A strong HTTP validator for a JSON document, quotes included: `"sha256-<hex>"`. */
export function jsonEtag(value: unknown): string {
  return `"sha256-${sha256Hex(canonicalJson(value))}"`;
}
