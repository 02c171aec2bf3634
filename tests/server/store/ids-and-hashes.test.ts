/** Canonical JSON and ETags that do not depend on key order; audit ids that sort in write order. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEtag } from '../../../server/store/canonical-json.ts';
import { sortableId } from '../../../server/store/sortable-id.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }, 'x'], e: undefined })).toBe(
      '{"a":[{"c":null,"d":2},"x"],"b":1}',
    );
  });

  it('gives equal documents the same strong ETag and different ones another', () => {
    expect(jsonEtag({ a: 1, b: [1, 2] })).toBe(jsonEtag({ b: [1, 2], a: 1 }));
    expect(jsonEtag({ a: 1, b: [2, 1] })).not.toBe(jsonEtag({ a: 1, b: [1, 2] }));
    expect(jsonEtag({})).toMatch(/^"sha256-[0-9a-f]{64}"$/);
  });
});

describe('sortable ids', () => {
  it('are UUIDv7 that sort in the order they were made, within one millisecond and across a clock step back', () => {
    const ids = [
      ...Array.from({ length: 5000 }, () => sortableId(1_700_000_000_000)),
      sortableId(1_600_000_000_000),
      sortableId(1_800_000_000_000),
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
