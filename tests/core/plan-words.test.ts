// What a plan's shape and unit change in the words people read: the unit after an amount and in a
// sentence, examples spelled out, the marks of any number of years, the summary table's name, and
// the findings and sheets that use them — for plans in thousands, in billions, in another
// currency, without OS level; the shipped plan's words unchanged.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_WORDS,
  diffPlans,
  entryColumns,
  envelopeWords,
  finding,
  inCurrency,
  messageOf,
  type Plan,
  planWords,
  readEntryGrid,
  rollupOf,
  romanNumeral,
  spelledAmount,
  unitWords,
  yearMark,
} from '#core';
import { miniPlan } from './fixtures/mini-plan.ts';

const thousands = unitWords({ currency: 'FCFA', multiplier: 1_000 });
const millions = unitWords();

/** The mini plan with another unit, years, summary title or without its objectives. */
function reshaped(change: (p: Plan) => void): Plan {
  const p = structuredClone(miniPlan);
  change(p);
  return p;
}

describe('units in words', () => {
  it('names each scale after an amount and inside a sentence, in French and English', () => {
    expect([millions.fr, millions.en]).toEqual([
      { one: 'million FCFA', many: 'millions FCFA', of: 'millions de FCFA' },
      'million FCFA',
    ]);
    expect([thousands.fr, thousands.en]).toEqual([
      { one: 'millier FCFA', many: 'milliers FCFA', of: 'milliers de FCFA' },
      'thousand FCFA',
    ]);
    const euros = unitWords({ currency: 'EUR', multiplier: 1_000_000_000 });
    expect([euros.fr.of, euros.en]).toEqual(["milliards d'EUR", 'billion EUR']);
    expect(unitWords({ currency: 'USD', multiplier: 1 }).fr).toEqual({ one: 'USD', many: 'USD', of: 'USD' });
    expect(unitWords({ currency: 'FCFA', multiplier: 10_000 }).fr.many).toBe('unités de 10 000 FCFA');
  });

  it('spells examples in the currency, with a word only for billions', () => {
    expect(spelledAmount(1500, millions, 'fr')).toBe('1,5 milliard de FCFA');
    expect(spelledAmount(0.5, millions, 'fr')).toBe('500 000 FCFA');
    expect(spelledAmount(1500, millions, 'en', true)).toBe('1.5 billion');
    expect(spelledAmount(1500, thousands, 'fr')).toBe('1 500 000 FCFA');
    expect(spelledAmount(0.5, thousands, 'en')).toBe('500 FCFA');
    expect(spelledAmount(2500, millions, 'fr', true)).toBe('2,5 milliards');
  });

  it('gives a fraction of the unit in the currency, exactly', () => {
    expect(inCurrency('0.0000005', millions, 'fr')).toBe('0,5 FCFA');
    expect(inCurrency('0.0000005', thousands, 'fr')).toBe('0,0005 FCFA');
    expect(inCurrency('0.0000005', unitWords({ currency: 'FCFA', multiplier: 1e9 }), 'en')).toBe('500 FCFA');
  });
});

describe('the shape of a plan in words', () => {
  it('marks any number of years in Roman numerals', () => {
    expect([1, 4, 5, 9, 10, 11, 12, 14, 40].map(romanNumeral)).toEqual([
      'I',
      'IV',
      'V',
      'IX',
      'X',
      'XI',
      'XII',
      'XIV',
      'XL',
    ]);
    const twelve = Array.from({ length: 12 }, (_, i) => 2030 + i);
    const marks = entryColumns(twelve).filter((c) => c.key.startsWith('mark:'));
    expect(marks.map((c) => c.header.fr).slice(9)).toEqual(['AN X', 'AN XI', 'AN XII']);
    expect(yearMark(6, 'en')).toBe('YR VII');
  });

  it('names the summary table by its number, or by its title', () => {
    expect(envelopeWords(miniPlan)).toEqual({ name: 'Tableau II.2.1', number: 'II.2.1' });
    const titled = reshaped((p) => {
      p.envelope.title = 'Tableau de synthèse des coûts';
    });
    expect(envelopeWords(titled)).toEqual({ name: 'Tableau de synthèse des coûts', number: null });
  });

  it('gives the shipped plan’s words for a plan of its shape, and others for another', () => {
    const words = planWords(miniPlan);
    expect({ ...words, unit: words.unit.fr }).toEqual({
      ...DEFAULT_PLAN_WORDS,
      unit: DEFAULT_PLAN_WORDS.unit.fr,
    });
    const other = planWords(
      reshaped((p) => {
        p.plan.years = [2026, 2027, 2028, 2029, 2030, 2031, 2032];
        p.plan.amountUnit = { currency: 'FCFA', multiplier: 1000 };
        p.objectives = [];
        p.activities[0] = { ...(p.activities[0] as Plan['activities'][number]), code: '1.1.1' };
      }),
    );
    expect([other.marks.fr, other.objectives, other.exampleCode, other.unit.fr.many]).toEqual([
      ['AN I', 'AN VII'],
      false,
      '1.1.1',
      'milliers FCFA',
    ]);
  });
});

describe('findings in the plan’s words', () => {
  const gap = finding(
    'envelope_gap',
    'warning',
    { sheet: 'Saisie' },
    { scope: 'pillar', key: '1', gap: '-1500', percent: '-10' },
    { expected: 15000, actual: 13500 },
  );
  const unknown = finding('unknown_activity', 'error', { sheet: 'Saisie', cell: 'A7' }, { activity: '9.9' });
  const words = planWords(
    reshaped((p) => {
      p.plan.amountUnit = { currency: 'FCFA', multiplier: 1000 };
      p.envelope.title = 'Tableau de synthèse des coûts';
      p.objectives = [];
      p.activities[0] = { ...(p.activities[0] as Plan['activities'][number]), code: '1.1.1' };
    }),
  );

  it('say the unit, the summary table and a code of the plan', () => {
    expect(messageOf(gap, 'fr', words)).toBe(
      "Pour le pilier 1, le retour totalise 13\u202f500 milliers FCFA contre 15\u202f000 à l'enveloppe adoptée (tableau « Tableau de synthèse des coûts ») : écart de -1\u202f500 (-10 %). Vérifiez les montants ou justifiez l'écart en commentaire.",
    );
    expect(messageOf(gap, 'en', words)).toContain('13,500 thousand FCFA against 15,000');
    expect(messageOf(unknown, 'fr', words)).toContain('(par exemple 1.1.1)');
  });

  it('say what they always said without a plan', () => {
    expect(messageOf(gap, 'fr')).toContain(
      "13\u202f500 millions FCFA contre 15\u202f000 à l'enveloppe adoptée (tableau II.2.1)",
    );
    expect(messageOf(unknown, 'en')).toContain('(e.g. 1.1.1.1)');
  });
});

describe('codes of three levels', () => {
  const without = { objectives: false };

  it('read "R 1.1" as a result subtotal of a plan without objectives only', () => {
    expect(rollupOf('R 1.1', without)).toEqual({ level: 'result', key: '1.1' });
    expect(rollupOf('Sous-total R 2.3 : Les capacités', without)).toEqual({ level: 'result', key: '2.3' });
    expect(rollupOf('R 1.1')).toBeNull();
    expect(rollupOf('OS 1.1', without)).toBeNull();
    expect(rollupOf('R 1.1.1', without)).toBeNull();
    expect(rollupOf('Pilier 2', without)).toEqual({ level: 'pillar', key: '2' });
  });

  it('read activity codes of three parts, a final dot dropped, below the TOTAL too', () => {
    const years = [2027, 2028];
    const header = entryColumns(years).map((c) => c.header.fr);
    const row = (a: string, g: number | null = null) => {
      const r: (string | number | null)[] = new Array(header.length).fill(null);
      r[0] = a;
      r[6] = g;
      return r;
    };
    const r = readEntryGrid(
      {
        sheet: 'Saisie',
        rows: [
          [],
          [],
          [],
          [],
          header,
          row('Pilier 1', 5),
          row('R 1.1', 5),
          row('1.1.1.', 5),
          row('TOTAL', 5),
          row('1.1.2'),
        ],
      },
      years,
      without,
    );
    expect(r.lines.map((l) => l.activity)).toEqual(['1.1.1', '1.1.2']);
    expect(r.subtotals.map((s) => [s.level, s.key])).toEqual([
      ['pillar', '1'],
      ['result', '1.1'],
      ['grand', ''],
    ]);
  });
});

describe('the diff of two plans', () => {
  it('says when the unit changed, and names no objective in a plan without', () => {
    const older = reshaped((p) => {
      p.objectives = [];
      for (const a of p.activities) a.objective = a.pillar;
    });
    const newer = reshaped((p) => {
      p.objectives = [];
      p.plan.version = '2';
      p.plan.amountUnit = { currency: 'FCFA', multiplier: 1000 };
      for (const a of p.activities) a.objective = a.pillar;
      const moved = p.activities[0] as Plan['activities'][number];
      moved.result = `${moved.result}x`;
    });
    const d = diffPlans(older, newer);
    expect(d.unit).toEqual({
      before: { currency: 'FCFA', multiplier: 1_000_000 },
      after: { currency: 'FCFA', multiplier: 1000 },
    });
    expect(d.same).toBe(false);
    expect(d.moved[0]?.before.objective).toBeNull();
    expect(diffPlans(miniPlan, structuredClone(miniPlan)).unit).toBeNull();
  });
});
