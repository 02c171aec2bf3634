// From one cycle's plan to the next: each kind of change on a hand-built pair of plans (kept,
// renamed, renumbered, merged, split, dropped, added), money per pillar and per ministry, plans in
// different units, and two properties: a plan against itself keeps everything, and what diff(A, B)
// adds, diff(B, A) drops.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CycleDiff, diffPlanCycles, foldTitle } from '#core';
import { cyclePlan, NEW, OLD, type Row } from './fixtures/cycle-plans.ts';

const codes = (list: readonly { code: string }[]) => list.map((a) => a.code);
const pairs = (list: CycleDiff['kept']) => list.map((p) => `${p.old.code}→${p.new.code}`);
const groups = (list: CycleDiff['merged']) =>
  list.map((g) => `${codes(g.old).join('+')}→${codes(g.new).join('+')}`);

describe('diffPlanCycles: the kinds of change', () => {
  const d = diffPlanCycles(cyclePlan('A', OLD), cyclePlan('B', NEW));

  it('matches by code first: the same folded title is kept, another is a rename', () => {
    expect(pairs(d.kept)).toEqual(['1.1.1→1.1.1']);
    expect(pairs(d.renamed)).toEqual(['1.1.2→1.1.2']);
    expect(d.kept[0]?.similarity).toBe(1);
  });

  it('matches a different code with a near title as renumbered, with its likeness', () => {
    expect(pairs(d.renumbered)).toEqual(['1.1.3→1.2.1']);
    expect(d.renumbered[0]?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('finds a merge: two old titles whose words are all in one new title', () => {
    expect(groups(d.merged)).toEqual(['2.1.3+2.1.4→2.1.3']);
    expect(d.split).toEqual([]);
  });

  it('lists a somewhat alike pair as dropped and added, never matched by a guess', () => {
    expect(codes(d.dropped)).toEqual(['2.1.1', '2.1.2', '2.2.1']);
    expect(codes(d.added)).toEqual(['2.1.5', '3.1.1']);
  });

  it('sees the mirror of a merge as a split', () => {
    const back = diffPlanCycles(cyclePlan('B', NEW), cyclePlan('A', OLD));
    expect(groups(back.split)).toEqual(['2.1.3→2.1.3+2.1.4']);
    expect(back.merged).toEqual([]);
    expect(codes(back.added)).toEqual(codes(d.dropped));
    expect(codes(back.dropped)).toEqual(codes(d.added));
  });

  it('leaves an old title held by two new titles unmatched (ambiguous)', () => {
    const two = diffPlanCycles(
      cyclePlan('A', [['1.1', 'Former les agents', '1', 'M', 1]]),
      cyclePlan('B', [
        ['2.1', 'Former les agents de police', '1', 'M', 1],
        ['2.2', 'Former les agents des douanes', '1', 'M', 1],
      ]),
    );
    expect(two.merged).toEqual([]);
    expect(two.split).toEqual([]);
    expect(codes(two.dropped)).toEqual(['1.1']);
    expect(codes(two.added)).toEqual(['2.1', '2.2']);
  });

  it('folds case, accents and whitespace only', () => {
    expect(foldTitle('  Équiper\tles  POSTES ')).toBe('equiper les postes');
    expect(foldTitle('Équiper les postes.')).not.toBe(foldTitle('Equiper les postes'));
  });
});

describe('diffPlanCycles: money per pillar and per ministry', () => {
  const d = diffPlanCycles(cyclePlan('A', OLD), cyclePlan('B', NEW));

  it('sums the costed activities per pillar in both plans, with the change and its percentage', () => {
    expect(d.sameUnit).toBe(true);
    expect(d.money.byPillar.map((m) => [m.key, m.before, m.after, m.change, m.percent])).toEqual([
      ['1', '350', '1800.5', '1450.5', '414.4'],
      ['2', '480', '210', '-270', '-56.3'],
      // A pillar only the new plan has: nothing before, no percentage.
      ['3', null, '30', '30', null],
    ]);
    expect([d.money.total.before, d.money.total.after, d.money.total.change]).toEqual([
      '830',
      '2040.5',
      '1210.5',
    ]);
  });

  it('sums per lead ministry, a PM-only ministry at 0 and a dropped ministry at nothing after', () => {
    expect(d.money.byMinistry.map((m) => [m.key, m.before, m.after, m.change, m.percent])).toEqual([
      ['MSPC', '300', '1750.5', '1450.5', '483.5'],
      ['MDAC', '50', '50', '0', '0.0'],
      ['MJS', '0', null, '0', null],
      ['MEN', '400', '210', '-190', '-47.5'],
      ['MARCC', '80', null, '-80', '-100.0'],
      ['MCENA', null, '30', '30', null],
    ]);
  });

  it('adds exactly: 0.1 + 0.2 against 0.3 is no change', () => {
    const a = cyclePlan('A', [
      ['1.1', 'Un', '1', 'M', 0.1],
      ['1.2', 'Deux', '1', 'M', 0.2],
    ]);
    const b = cyclePlan('B', [['1.1', 'Un', '1', 'M', 0.3]]);
    expect(diffPlanCycles(a, b).money.total).toMatchObject({ before: '0.3', after: '0.3', change: '0' });
  });

  it('gives each plan its own unit and never subtracts amounts in different units', () => {
    const thousands = cyclePlan('B', NEW, { currency: 'FCFA', multiplier: 1000 }, 'milliers FCFA');
    const u = diffPlanCycles(cyclePlan('A', OLD), thousands);
    expect(u.sameUnit).toBe(false);
    expect([u.old.unitLabel, u.new.unitLabel]).toEqual(['millions FCFA', 'milliers FCFA']);
    expect(u.money.byPillar.map((m) => [m.key, m.before, m.after, m.change, m.percent])).toEqual([
      ['1', '350', '1800.5', null, null],
      ['2', '480', '210', null, null],
      ['3', null, '30', null, null],
    ]);
    expect(u.money.total.change).toBeNull();
    // The activities are still compared.
    expect(pairs(u.kept)).toEqual(['1.1.1→1.1.1']);
  });
});

// --- Properties --------------------------------------------------------------------------------

const WORDS = ['former', 'équiper', 'agents', 'postes', 'écoles', 'jeunes', 'radios', 'plan', 'de', 'les'];

/** A plan of up to 12 activities with distinct codes, titles made of a few common words. */
const planRows = fc
  .uniqueArray(
    fc.record({
      code: fc.constantFrom(...Array.from({ length: 16 }, (_, i) => `${1 + (i % 3)}.${i}`)),
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
      ministry: fc.constantFrom('MSPC', 'MEN', 'MDAC'),
      cost: fc.oneof(
        fc.constant<'PM'>('PM'),
        fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10),
      ),
    }),
    { selector: (r) => r.code, maxLength: 12 },
  )
  .map((rows) => rows.map((r): Row => [r.code, r.title, r.code.split('.')[0] as string, r.ministry, r.cost]));

describe('diffPlanCycles: properties', () => {
  it('a plan against itself keeps every activity and moves no money', () => {
    fc.assert(
      fc.property(planRows, (rows) => {
        const plan = cyclePlan('A', rows);
        const d = diffPlanCycles(plan, plan);
        expect(codes(d.kept.map((p) => p.old))).toEqual(codes(plan.activities));
        expect([d.renamed, d.renumbered, d.merged, d.split, d.dropped, d.added].flat()).toEqual([]);
        for (const m of [...d.money.byPillar, ...d.money.byMinistry, d.money.total]) {
          expect(m.change).toBe('0');
          expect(m.before).toBe(m.after);
        }
      }),
    );
  });

  it('what diff(A, B) adds, diff(B, A) drops; merges and splits mirror; every activity once', () => {
    fc.assert(
      fc.property(planRows, planRows, (rowsA, rowsB) => {
        const a = cyclePlan('A', rowsA);
        const b = cyclePlan('B', rowsB);
        const ab = diffPlanCycles(a, b);
        const ba = diffPlanCycles(b, a);
        expect(codes(ba.dropped)).toEqual(codes(ab.added));
        expect(codes(ba.added)).toEqual(codes(ab.dropped));
        const mirror = (list: CycleDiff['merged']) =>
          list.map((g) => `${codes(g.new).join('+')}→${codes(g.old).join('+')}`).sort();
        expect(mirror(ba.split)).toEqual(groups(ab.merged).sort());
        // Each old activity is in exactly one outcome, each new one too.
        const oldSide = [
          ...[ab.kept, ab.renamed, ab.renumbered].flat().map((p) => p.old.code),
          ...[ab.merged, ab.split].flat().flatMap((g) => codes(g.old)),
          ...codes(ab.dropped),
        ];
        expect(oldSide.sort()).toEqual(codes(a.activities).sort());
        const newSide = [
          ...[ab.kept, ab.renamed, ab.renumbered].flat().map((p) => p.new.code),
          ...[ab.merged, ab.split].flat().flatMap((g) => codes(g.new)),
          ...codes(ab.added),
        ];
        expect(newSide.sort()).toEqual(codes(b.activities).sort());
      }),
    );
  });
});
