/**
 * Canonical JSON: object keys sorted, no whitespace, undefined members left out, so that the same
 * content gives the same text however its keys happened to be ordered: the pane recognises a return
 * it already sent, the service hashes payloads and makes ETags with it.
 *
 * Every submission is hashed this way, so the key sorting is careful not to copy what is already in
 * order: an array or object whose content needs no reordering is handed to JSON.stringify as it is
 * (a return's year maps and execution lists always are), which halves the time of a 150-line return.
 * The text is exactly that of JSON.stringify on a copy with every object's keys inserted in sorted
 * order (tests/server/store/ids-and-hashes.test.ts holds that definition and compares).
 */

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** `value` with every object's keys in sorted order: the very same value when it already is. */
function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return sortItems(value);
  // Objects with their own JSON form (Date) are canonical as that form.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!inOrder(keys)) {
    keys.sort();
    // Without a prototype, so that a member named "__proto__" (JSON.parse makes one) stays a member.
    const sorted: Record<string, unknown> = Object.create(null);
    for (const key of keys) sorted[key] = sortKeys(record[key]);
    return sorted;
  }
  // In order already: copied only if something inside had to be.
  let copy: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key];
    // A number, text or null needs nothing: most members of a return are.
    const sorted = item === null || typeof item !== 'object' ? item : sortKeys(item);
    if (sorted !== item && copy === null) {
      copy = Object.create(null) as Record<string, unknown>;
      for (let before = 0; before < i; before++) {
        const name = keys[before] as string;
        copy[name] = record[name];
      }
    }
    if (copy !== null) copy[key] = sorted;
  }
  return copy ?? value;
}

function sortItems(items: readonly unknown[]): readonly unknown[] {
  let copy: unknown[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const sorted = sortKeys(item);
    if (sorted !== item && copy === null) copy = items.slice(0, i);
    if (copy !== null) copy.push(sorted);
  }
  return copy ?? items;
}

/**
 * Whether inserting the keys in sorted order would list them as they are. Integer-like keys ("9",
 * "2021") are always listed first and in numeric order by JavaScript itself, so "9" before "10"
 * reads as out of order here and takes the sorting path, which gives the same text.
 */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}
