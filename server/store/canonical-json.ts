/**
 * The service's hashes of canonical JSON (addin/core/canonical-json.ts, shared with the pane): the
 * payload hash of a submission and the ETag of a document, whatever the order of its keys.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '#core';

export { canonicalJson };

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A strong HTTP validator for a JSON document, quotes included: `"sha256-<hex>"`. */
export function jsonEtag(value: unknown): string {
  return `"sha256-${sha256Hex(canonicalJson(value))}"`;
}
