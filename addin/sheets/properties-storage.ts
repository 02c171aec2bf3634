/// <reference types="google-apps-script" />
/**
 * Text kept in an Apps Script property store, whatever its length. The add-on keeps the pane's
 * storage (service address and token, cached plan, pending return, receipt) in the user's
 * properties — tied to the person's Google account and this add-on, never to the spreadsheet, so
 * the token is not shared with whoever the file is shared with — and the marks of the last check
 * in the document's properties.
 *
 * A property value may not exceed 9 kB, and a ministry's plan is about 20 kB of JSON: longer text
 * is cut into numbered chunks written with one setProperties call, so a reader never sees a new
 * header with old chunks. Apps Script has no TextEncoder; UTF-8 lengths are counted by hand, and a
 * chunk never splits a character.
 */

/** Under Apps Script's 9 kB per value, with room for the key. */
export const CHUNK_BYTES = 8000;

/** The three calls the pane's storage needs, on text. */
export interface TextStore {
  get(key: string): string | null;
  set(key: string, text: string): void;
  remove(key: string): void;
}

/** Which property store: the pane's (per user) or the marks' (per spreadsheet). */
export type Scope = 'user' | 'document';

function service(): GoogleAppsScript.Properties.PropertiesService {
  return (globalThis as unknown as { PropertiesService: GoogleAppsScript.Properties.PropertiesService })
    .PropertiesService;
}

function utf8Bytes(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) n += utf8Bytes(ch.codePointAt(0) as number);
  return n;
}

/** Cuts `text` into pieces of at most `maxBytes` UTF-8 bytes, each ending on a whole character. */
export function chunksOf(text: string, maxBytes: number = CHUNK_BYTES): string[] {
  const out: string[] = [];
  let start = 0;
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const size = utf8Bytes(cp);
    if (bytes + size > maxBytes && i > start) {
      out.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += width;
  }
  if (i > start || out.length === 0) out.push(text.slice(start));
  return out;
}

// A value is stored under its key as "v" + text when it fits, or as "c" + the number of chunks,
// which are stored under "key/0", "key/1"…
const chunkKey = (key: string, i: number) => `${key}/${i}`;

function chunkCount(header: string | null): number {
  return header?.startsWith('c') ? Number(header.slice(1)) || 0 : 0;
}

/** A TextStore on one of the script's property stores. */
export function propertyStore(scope: Scope, maxBytes: number = CHUNK_BYTES): TextStore {
  const props = () => (scope === 'user' ? service().getUserProperties() : service().getDocumentProperties());
  return {
    get(key) {
      const p = props();
      const header = p.getProperty(key);
      if (header === null) return null;
      if (header.startsWith('v')) return header.slice(1);
      const n = chunkCount(header);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const part = p.getProperty(chunkKey(key, i));
        // A chunk gone missing (edited by hand, quota cleanup): the value is unreadable, so absent.
        if (part === null) return null;
        parts.push(part);
      }
      return parts.join('');
    },
    set(key, text) {
      const p = props();
      const before = chunkCount(p.getProperty(key));
      const values: Record<string, string> = {};
      let after = 0;
      if (utf8Length(text) + 1 <= maxBytes) values[key] = `v${text}`;
      else {
        const parts = chunksOf(text, maxBytes);
        parts.forEach((part, i) => {
          values[chunkKey(key, i)] = part;
        });
        values[key] = `c${parts.length}`;
        after = parts.length;
      }
      p.setProperties(values, false);
      for (let i = after; i < before; i++) p.deleteProperty(chunkKey(key, i));
    },
    remove(key) {
      const p = props();
      const n = chunkCount(p.getProperty(key));
      p.deleteProperty(key);
      for (let i = 0; i < n; i++) p.deleteProperty(chunkKey(key, i));
    },
  };
}
