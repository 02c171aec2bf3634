/** Canonical JSON and ETags that do not depend on key order; audit ids that sort in write order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEtag } from '../../../server/store/canonical-json.ts';
import { sortableId } from '../../../server/store/sortable-id.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }, 'x'], e: undefined })).toBe(
      '{"a":[{"c":null,"d":2},"x"],"b":1}',
    );
  });

  it('is exactly JSON.stringify of a copy with every object’s keys inserted in sorted order', () => {
    // The definition, written plainly; the service's version avoids copying what is in order.
    const sortedCopy = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortedCopy);
      if (value === null || typeof value !== 'object') return value;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
      // No prototype: a "__proto__" key is a member like any other, as JSON.parse makes it.
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(value).sort())
        out[key] = sortedCopy((value as Record<string, unknown>)[key]);
      return out;
    };
    const definition = (value: unknown) => JSON.stringify(sortedCopy(value));
    const keys = fc.oneof(fc.string(), fc.nat({ max: 3000 }).map(String), fc.constantFrom('10', '9', '2021'));
    const documents = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        fc.array(tie('value')),
        fc.dictionary(keys, tie('value')),
        fc.constant(new Date(0)),
        fc.constant(undefined),
      ),
    })).value;
    fc.assert(
      fc.property(documents, (value) => canonicalJson(value) === definition(value)),
      { numRuns: 3000 },
    );
    // A "__proto__" member, as JSON.parse makes it, out of order or not: kept as a member.
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"y":1,"x":2}}'))).toBe(
      '{"__proto__":{"x":2,"y":1},"b":1}',
    );
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":2,"y":1},"a":{"d":1,"c":2}}'))).toBe(
      '{"__proto__":{"x":2,"y":1},"a":{"c":2,"d":1}}',
    );
    // Already in order, nested out of order, integer-like keys: each path once, by hand.
    expect(canonicalJson({ a: 1, b: { d: 1, c: 2 } })).toBe('{"a":1,"b":{"c":2,"d":1}}');
    expect(canonicalJson({ 10: 'x', 9: 'y', a: [{ z: 1, y: 2 }] })).toBe(
      '{"9":"y","10":"x","a":[{"y":2,"z":1}]}',
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
