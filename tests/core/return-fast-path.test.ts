// The ReturnDocument schema's fast path (addin/core/schemas/return-fast-path.ts) and the canonical
// text of a validated return (returnDocumentJson): whatever the fast path accepts, the schema
// accepts with the very same value, member order included; what the schema refuses, the fast path
// leaves to it; and a validated return's JSON.stringify is its canonical JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  FAST_DOCUMENT_MEMBERS,
  FAST_LINE_MEMBERS,
  fastReturnDocument,
  ReturnDocument,
  ReturnLine,
  returnDocumentJson,
} from '#core';

/** A value that is sometimes right for a member, sometimes subtly not (as clients get it wrong). */
const anyOf = <T>(...arbs: fc.Arbitrary<T>[]) => fc.oneof(...arbs) as fc.Arbitrary<unknown>;
const junk = anyOf(
  fc.constant(null),
  fc.constant('PM'),
  fc.constant(''),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
  fc.string({ maxLength: 5 }),
  fc.double(),
);
const amount = anyOf(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(null));
const codeText = anyOf(
  fc.constantFrom('1.1.1.1', ' 2.3.1.4 ', '1.1.1.1.', '\u00a01.2.1.1', '   ', 'x'.repeat(40), 'x'.repeat(41)),
  fc.string({ maxLength: 45 }),
  fc.constant('1.1\u00001.1'),
);
const yearKey = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('2021', '2022', '2023', '2024', '2025', '2031') },
  { weight: 1, arbitrary: fc.constantFrom('21', '2O23', 'total', '02023', '20231', '__proto__') },
);
const years = anyOf(fc.dictionary(yearKey, fc.oneof(amount, junk), { maxKeys: 6 }), junk);
const marks = anyOf(
  fc.array(fc.oneof(fc.integer({ min: 2019, max: 2032 }), fc.constant(2.5), fc.constant(2 ** 53)), {
    maxLength: 8,
  }),
  fc.array(fc.constant(2022), { minLength: 51, maxLength: 52 }),
  junk,
);
const comment = anyOf(fc.string({ maxLength: 30 }), fc.constant(null), fc.constant('a\u0000b'), junk);
const row = anyOf(fc.integer({ min: -2, max: 50000 }), fc.constant(1.5), junk);

/** The members a line or a document may get wrong, each with its near misses. */
const LINE_MISSES: Record<string, fc.Arbitrary<unknown>> = {
  activity: codeText,
  nature: anyOf(fc.constantFrom('costed', 'pm', null, 'PM', 'chiffré'), junk),
  years,
  total: fc.oneof(amount, junk),
  national: fc.oneof(amount, junk),
  external: fc.oneof(amount, junk),
  execution: marks,
  comment,
  row,
  extra: fc.string({ maxLength: 3 }),
};
const DOCUMENT_MISSES: Record<string, fc.Arbitrary<unknown>> = {
  ministry: anyOf(fc.constantFrom('MJS', '', ' ', 'x'.repeat(40), 'x'.repeat(41), 'M\u0000'), junk),
  planId: anyOf(fc.constantFrom('', 'x'.repeat(100), 'x'.repeat(101)), junk),
  planVersion: anyOf(fc.constantFrom('', 'x'.repeat(101)), junk),
  templateVersion: anyOf(fc.constantFrom('3', 'x'.repeat(101)), junk),
  clientId: anyOf(fc.constantFrom('pane-12345678', 'short', 'a b c d e f', 'x'.repeat(101)), junk),
  lines: anyOf(fc.constant([]), junk),
  other: fc.constant(1),
};

/** A line whose members are each missing, right, or wrong; sometimes with a member of its own. */
const line = fc.record(LINE_MISSES, { requiredKeys: ['activity'] }).map((l) => l as Record<string, unknown>);

/** A document whose members are each missing, right, or wrong, its lines too. */
const documentArb = fc.record(
  { ...DOCUMENT_MISSES, lines: anyOf(fc.array(line, { maxLength: 4 }), junk) },
  { requiredKeys: [] },
);

/** What clients really send: JSON text, parsed. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** A plainly valid line, as the add-ins send them. */
const validLine = fc.record(
  {
    activity: fc.constantFrom('1.1.1.1', '2.3.1.4', ' 1.2.1.1 '),
    nature: fc.constantFrom('costed', 'pm', null),
    years: fc.dictionary(
      fc.constantFrom('2021', '2022', '2023', '2024', '2025'),
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
    ),
    total: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(null)),
    national: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(null)),
    external: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(null)),
    execution: fc.uniqueArray(fc.integer({ min: 2021, max: 2025 })),
    comment: fc.oneof(
      fc.string({ maxLength: 20 }).filter((s) => !s.includes('\u0000')),
      fc.constant(null),
    ),
    row: fc.integer({ min: 1, max: 20000 }),
  },
  { requiredKeys: ['activity'] },
);
const validDocument = fc.record(
  {
    ministry: fc.constantFrom('MJS', 'MATD'),
    planId: fc.constant('pnlevt-2021-2025'),
    planVersion: fc.constant('2024-03'),
    templateVersion: fc.constant('3'),
    clientId: fc.constant('pane-12345678'),
    lines: fc.array(validLine, { maxLength: 6 }),
  },
  { requiredKeys: ['ministry', 'planId', 'planVersion', 'lines'] },
);

/** A valid document with exactly one member of it, or of one of its lines, made missing or wrong. */
const oneMiss = fc
  .tuple(
    validDocument.filter((d) => d.lines.length > 0),
    fc.oneof(
      fc
        .constantFrom(...Object.keys(LINE_MISSES))
        .chain((key) =>
          fc.tuple(
            fc.constant('line'),
            fc.constant(key),
            fc.option(LINE_MISSES[key] as fc.Arbitrary<unknown>),
          ),
        ),
      fc
        .constantFrom(...Object.keys(DOCUMENT_MISSES))
        .chain((key) =>
          fc.tuple(
            fc.constant('document'),
            fc.constant(key),
            fc.option(DOCUMENT_MISSES[key] as fc.Arbitrary<unknown>),
          ),
        ),
    ),
  )
  .map(([doc, [where, key, value]]) => {
    const target = (where === 'line' ? doc.lines[0] : doc) as Record<string, unknown>;
    // null from fc.option: the member is left out.
    if (value === null) delete target[key];
    else target[key] = value;
    return doc;
  });

describe('the ReturnDocument fast path', () => {
  it('knows exactly the members the schema declares, in its order', () => {
    expect([...FAST_LINE_MEMBERS]).toEqual(Object.keys(ReturnLine.shape));
    expect([...FAST_DOCUMENT_MEMBERS]).toEqual(Object.keys(ReturnDocument.shape));
  });

  it('accepts only what the schema accepts, with the same value and member order', () => {
    fc.assert(
      fc.property(fc.oneof(oneMiss, documentArb), (sent) => {
        const raw = overTheWire(sent);
        const fast = fastReturnDocument(raw);
        const schema = ReturnDocument.safeParse(raw);
        if (fast === null) return;
        expect(schema.success).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
        expect(fast).toEqual(schema.data);
      }),
      { numRuns: 6000 },
    );
  });

  it('decides every plainly valid return itself, as the schema would', () => {
    fc.assert(
      fc.property(validDocument, (sent) => {
        const raw = overTheWire(sent);
        const fast = fastReturnDocument(raw);
        expect(fast).not.toBeNull();
        expect(JSON.stringify(fast)).toBe(JSON.stringify(ReturnDocument.parse(raw)));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves a wrong member to the schema, which says where', () => {
    const ok = { ministry: 'MJS', planId: 'p', planVersion: 'v', lines: [{ activity: '1.1.1.1' }] };
    for (const wrong of [
      { ...ok, lines: [{ activity: '1.1.1.1', years: { 2023: '12' } }] },
      { ...ok, lines: [{ activity: '1.1.1.1', years: { '20x3': 1 } }] },
      { ...ok, lines: [{ activity: '   ' }] },
      { ...ok, lines: [{ activity: '1.1.1.1', execution: [2023.5] }] },
      { ...ok, lines: [{ activity: '1.1.1.1', row: 0 }] },
      { ...ok, ministry: '' },
      { ...ok, clientId: 'x' },
    ]) {
      expect(fastReturnDocument(wrong)).toBeNull();
      expect(ReturnDocument.safeParse(wrong).success).toBe(false);
    }
    expect(fastReturnDocument(ok)).not.toBeNull();
  });
});

describe('returnDocumentJson', () => {
  it('is the canonical JSON of any validated return', () => {
    fc.assert(
      fc.property(fc.oneof(validDocument, documentArb), (sent) => {
        const parsed = ReturnDocument.safeParse(overTheWire(sent));
        if (!parsed.success) return;
        const { clientId: _key, ...doc } = parsed.data;
        expect(returnDocumentJson(doc)).toBe(canonicalJson(doc));
        const fast = fastReturnDocument(overTheWire(sent));
        if (fast) {
          const { clientId: _k, ...fastDoc } = fast;
          expect(returnDocumentJson(fastDoc)).toBe(canonicalJson(fastDoc));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
