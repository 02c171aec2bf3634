import { describe, expect, it } from 'vitest';
import { diffPlans, diffReturns, type Plan, returnDiffJson } from '#core';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { costed, line, m } from './fixtures/lines.ts';

describe('diffReturns', () => {
  const v1 = [
    costed(6, '1.1.1.1', { 2021: 100, 2022: 200 }),
    costed(7, '1.1.1.2', { 2022: 50 }),
    line(8, { activity: '1.1.1.3', nature: 'pm' }),
  ];

  it('finds nothing between a return and itself', () => {
    expect(diffReturns(v1, v1)).toEqual({ added: [], removed: [], changed: [], unchanged: 3 });
  });

  it('lists added and removed lines by activity', () => {
    const v2 = [v1[0], costed(7, '2.1.1.1', { 2023: 10 }), v1[2]].filter((l) => l !== undefined);
    const d = diffReturns(v1, v2);
    expect(d.added.map((l) => l.activity)).toEqual(['2.1.1.1']);
    expect(d.removed.map((l) => l.activity)).toEqual(['1.1.1.2']);
    expect([d.changed, d.unchanged]).toEqual([[], 2]);
  });

  it('gives each changed field before and after, amounts exactly', () => {
    const v2 = [
      costed(6, '1.1.1.1', { 2021: 100, 2022: '200.000001' }, { comment: 'révisé', execution: [2022, 2021] }),
      costed(7, '1.1.1.2', { 2022: 50 }, { nature: 'pm' }),
      v1[2],
    ].filter((l) => l !== undefined);
    const d = diffReturns(v1, v2);
    expect(d.changed.map((c) => [c.activity, c.changes])).toEqual([
      [
        '1.1.1.1',
        [
          // A 1 FCFA change is a change.
          { field: 'year:2022', before: m(200), after: m('200.000001'), delta: 1n },
          { field: 'total', before: m(300), after: m('300.000001'), delta: 1n },
          { field: 'national', before: m(300), after: m('300.000001'), delta: 1n },
          { field: 'comment', before: null, after: 'révisé' },
        ],
      ],
      ['1.1.1.2', [{ field: 'nature', before: 'costed', after: 'pm' }]],
    ]);
  });

  it('sees no change between 0.1 + 0.2 and 0.3', () => {
    const a = [costed(6, '1.1.1.1', { 2021: 0.1, 2022: 0.2 })];
    const b = [
      line(6, {
        activity: '1.1.1.1',
        nature: 'costed',
        years: { 2021: 0.1, 2022: 0.2 },
        total: 0.3,
        national: 0.3,
        external: 0,
        execution: [2021, 2022],
      }),
    ];
    expect(a[0]?.total).toBe(m(0.1 + 0.2));
    expect(diffReturns(a, b).changed).toEqual([]);
  });

  it('reports an emptied amount and a changed execution year', () => {
    const a = [costed(6, '1.1.1.1', { 2021: 100 })];
    const b = [costed(6, '1.1.1.1', { 2022: 100 })];
    expect(diffReturns(a, b).changed[0]?.changes).toEqual([
      { field: 'year:2021', before: m(100), after: null, delta: m(-100) },
      { field: 'year:2022', before: null, after: m(100), delta: m(100) },
      { field: 'execution', before: [2021], after: [2022] },
    ]);
  });

  it('matches a repeated activity occurrence by occurrence, and lines without a code in order', () => {
    const a = [
      costed(6, '1.1.1.1', { 2021: 1 }),
      costed(7, '1.1.1.1', { 2021: 2 }),
      line(8, { comment: 'x' }),
    ];
    const b = [costed(6, '1.1.1.1', { 2021: 1 }), line(7, { comment: 'y' })];
    const d = diffReturns(a, b);
    expect(d.removed.map((l) => l.total)).toEqual([m(2)]);
    expect(d.changed.map((c) => c.changes)).toEqual([[{ field: 'comment', before: 'x', after: 'y' }]]);
  });

  it('turns into JSON with amounts in millions', () => {
    const d = diffReturns(
      [costed(6, '1.1.1.1', { 2021: 100 })],
      [costed(6, '1.1.1.1', { 2021: '100.000001' })],
    );
    const json = JSON.parse(JSON.stringify(returnDiffJson(d))) as ReturnType<typeof returnDiffJson>;
    expect(json.changed[0]?.changes[0]).toEqual({
      field: 'year:2021',
      before: 100,
      after: 100.000001,
      delta: 0.000001,
    });
  });
});

describe('diffPlans on the shipped plan', () => {
  const old = shippedPlan().plan;

  function edited(edit: (p: Plan) => void): Plan {
    const p = structuredClone(old);
    p.plan.version = '2';
    edit(p);
    return p;
  }
  const activity = (p: Plan, code: string) => {
    const a = p.activities.find((x) => x.code === code);
    if (!a) throw new Error(code);
    return a;
  };

  const newer = edited((p) => {
    activity(p, '1.1.1.1').title = 'Réaliser une étude nationale';
    activity(p, '1.1.1.2').cost = 250;
    activity(p, '1.1.1.3').result = '1.1.2';
    activity(p, '4.2.3.4').jointWith = [];
    activity(p, '4.2.3.4').responsibleAsWritten = 'MJDH';
    p.activities = p.activities.filter((a) => a.code !== '5.3.2.3');
    p.activities.push({ ...activity(p, '1.1.1.2'), code: '1.1.1.9', title: 'Nouvelle activité' });
  });

  it('is empty between a plan and itself', () => {
    expect(diffPlans(old, structuredClone(old)).same).toBe(true);
  });

  it('lists what changed over the whole plan', () => {
    const d = diffPlans(old, newer);
    expect([d.from, d.to, d.same]).toEqual([
      { id: 'pnlevt-2021-2025', version: '1' },
      { id: 'pnlevt-2021-2025', version: '2' },
      false,
    ]);
    expect(d.added.map((a) => a.code)).toEqual(['1.1.1.9']);
    expect(d.removed.map((a) => a.code)).toEqual(['5.3.2.3']);
    expect(d.renamed).toEqual([
      { code: '1.1.1.1', before: activity(old, '1.1.1.1').title, after: 'Réaliser une étude nationale' },
    ]);
    expect(d.costChanged).toEqual([
      { code: '1.1.1.2', before: { cost: 200, costNote: null }, after: { cost: 250, costNote: null } },
    ]);
    expect(d.moved.map((x) => [x.code, x.before.result, x.after.result])).toEqual([
      ['1.1.1.3', '1.1.1', '1.1.2'],
    ]);
    expect(d.responsibleChanged.map((x) => [x.code, x.before.jointWith, x.after.jointWith])).toEqual([
      ['4.2.3.4', ['MSDS'], []],
    ]);
    expect(d.years).toBeNull();
  });

  it("keeps to one ministry's activities, joint ones and hand-overs included", () => {
    const msds = diffPlans(old, newer, 'MSDS');
    expect(msds.responsibleChanged.map((x) => x.code)).toEqual(['4.2.3.4']);
    expect([msds.added, msds.renamed, msds.costChanged]).toEqual([[], [], []]);
    const mrn = diffPlans(old, newer, 'MRN');
    expect(mrn.removed.map((a) => a.code)).toEqual(['5.3.2.3']);
    const marcc = diffPlans(old, newer, 'MARCC');
    expect(marcc.added.map((a) => a.code)).toEqual(['1.1.1.9']);
    expect(marcc.renamed.map((x) => x.code)).toEqual(['1.1.1.1']);
    expect(diffPlans(old, newer, 'MEFP').same).toBe(true);
  });

  it('compares costs as exact amounts', () => {
    const same = edited((p) => {
      activity(p, '1.1.1.1').cost = 0.1 + 0.2;
    });
    const base = edited((p) => {
      activity(p, '1.1.1.1').cost = 0.3;
    });
    expect(diffPlans(base, same).costChanged).toEqual([]);
  });

  it('is JSON as it stands (the 409 body)', () => {
    const d = diffPlans(old, newer, 'MARCC');
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});
