/**
 * The canonical plan against the plan document. Every figure here can be checked by hand in
 * templates/source/pnlevt-plan-action-2021-2025.txt (section IV for the detail, II.2.1 for the
 * envelope); the line numbers are the document's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { moneyToNumber, Plan } from '#core';
import { planStats } from '../../server/plan/plan-stats.ts';
import { extractPlan, SOURCE_FILE } from '../../server/plan-extraction/extract.ts';
import { PLAN_JSON_PATH, SOURCE_DIR } from '../../server/plan-extraction/paths.ts';

const text = readFileSync(`${SOURCE_DIR}/${SOURCE_FILE}`, 'utf8');
const lines = text.split('\n');
const plan = extractPlan(text);
const activity = (code: string) => {
  const found = plan.activities.find((a) => a.code === code);
  if (!found) throw new Error(`no activity ${code}`);
  return found;
};

describe('the canonical plan extracted from the document', () => {
  it('is exactly the committed templates JSON (the extraction is reproducible)', () => {
    const committed = Plan.parse(JSON.parse(readFileSync(PLAN_JSON_PATH, 'utf8')));
    expect(committed).toEqual(plan);
  });

  it('has every pillar, objective and result of section IV', () => {
    expect(plan.pillars.map((p) => `${p.code} ${p.name}`)).toEqual([
      '1 Prévention',
      '2 Protection',
      '3 Poursuite',
      '4 Réponse',
      '5 Cohésion sociale',
    ]);
    expect(plan.objectives.map((o) => o.code)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
    ]);
    expect(plan.results).toHaveLength(31);
    expect(plan.results.filter((r) => r.objective === '2.2').map((r) => r.code)).toEqual([
      '2.2.1',
      '2.2.3',
      '2.2.4',
    ]);
  });

  it('counts the activities per pillar, and how many are costed, PM or without cost', () => {
    const stats = planStats(plan);
    expect(
      stats.byPillar.map((p) => [
        p.code,
        p.figures.activities,
        p.figures.costed,
        p.figures.pm,
        p.figures.blank,
      ]),
    ).toEqual([
      ['1', 25, 17, 5, 3],
      ['2', 18, 13, 5, 0],
      ['3', 21, 11, 10, 0],
      ['4', 20, 16, 4, 0],
      ['5', 19, 11, 8, 0],
    ]);
    expect([stats.total.activities, stats.total.costed, stats.total.pm, stats.total.blank]).toEqual([
      103, 68, 32, 3,
    ]);
  });

  it('sums the costs per pillar and per lead ministry as printed in the detail', () => {
    const stats = planStats(plan);
    expect(stats.byPillar.map((p) => moneyToNumber(p.figures.cost))).toEqual([16550, 9620, 8670, 7415, 8925]);
    expect(moneyToNumber(stats.total.cost)).toBe(51180);
    expect(Object.fromEntries(stats.byMinistry.map((m) => [m.code, moneyToNumber(m.figures.cost)]))).toEqual({
      MARCC: 8375,
      MDAC: 7875,
      MATD: 750,
      MSPC: 10115,
      MJDH: 9590,
      MSDS: 5500,
      MEFP: 7800,
      MRN: 990,
      MJS: 135,
      MEF: 50,
      MAECI: 0,
    });
  });

  it('keeps each activity code as printed and points at the line where it is printed', () => {
    for (const a of plan.activities) expect(lines[a.source.line - 1]).toContain(a.source.code);
    for (const r of plan.results)
      if (r.source.code) expect(lines[r.source.line - 1]).toContain(r.source.code);
    expect(activity('1.1.1.3')).toMatchObject({
      cost: 5000,
      costAsWritten: '5000',
      years: [2022, 2023, 2024, 2025],
    });
    expect(activity('1.1.1.3').source.line).toBe(711);
    expect(activity('1.2.2.3')).toMatchObject({ cost: 1500, costAsWritten: '1 500', responsible: 'MARCC' });
    expect(activity('1.3.1.1')).toMatchObject({
      cost: null,
      costNote: 'PM',
      responsible: 'MEF',
      responsibleAsWritten: 'MEF/CENTIF',
    });
    expect(activity('1.1.2.3')).toMatchObject({ cost: null, costNote: null, costAsWritten: '' });
  });

  it('normalises the responsible ministry and keeps the text as written', () => {
    expect(activity('1.2.1.2')).toMatchObject({ responsible: 'MJDH', responsibleAsWritten: 'DNAPES/ MJDH' });
    expect(activity('4.2.3.1')).toMatchObject({ responsible: 'MJDH', responsibleAsWritten: 'MJDH/DNAPES' });
    expect(activity('2.2.3.1')).toMatchObject({ responsible: 'MSPC', responsibleAsWritten: 'MSPC (RSS)' });
    expect(activity('5.3.2.3')).toMatchObject({
      responsible: 'MARCC',
      jointWith: ['MRN'],
      responsibleAsWritten: 'MARCC-MRN',
    });
    expect(activity('4.2.3.4')).toMatchObject({ responsible: 'MJDH', jointWith: ['MSDS'] });
    expect(activity('5.1.1.2').partners).toEqual(['APR', 'MJDH', 'MATD', 'MARCC', 'MRE', 'MEADD']);
  });

  it('lists a directory with every spelling the document uses, and who must send a return', () => {
    const mjdh = plan.ministries.find((m) => m.code === 'MJDH');
    expect(mjdh?.spellings).toEqual(expect.arrayContaining(['DNAPES/MJDH', 'MJDH/DNAPES']));
    expect(plan.ministries.find((m) => m.code === 'MRN')?.spellings).toContain('MRN-APR');
    expect(plan.ministries.find((m) => m.code === 'MEFP')?.spellings).toContain('MEEFP');
    expect(plan.ministries.find((m) => m.code === 'DNAPES')?.parent).toBe('MJDH');
    expect(plan.ministries.filter((m) => m.returns).map((m) => m.code)).toEqual([
      'MARCC',
      'MDAC',
      'MATD',
      'MSPC',
      'MJDH',
      'MSDS',
      'MEFP',
      'MRN',
      'MJS',
      'MEF',
      'MAECI',
    ]);
  });

  it('records every correction it makes, with the wording and line of the document', () => {
    const corrections = [...plan.results, ...plan.activities].flatMap((item) =>
      (item.corrections ?? []).map((c) => [item.code, c.kind, c.asWritten, c.correctedTo, c.line]),
    );
    expect(corrections.filter(([, kind]) => kind !== 'stray_fragment')).toEqual([
      ['2.1.3', 'inferred_result_code', null, '2.1.3', 1442],
      ['2.1.1.1', 'code_normalised', '2.1.1.\u00a01.', '2.1.1.1', 1261],
      ['2.1.1.2', 'code_normalised', '2.1.1.\u00a02.', '2.1.1.2', 1284],
      ['4.2.1.1', 'renumbered_duplicate', '4.2.3.1', '4.2.1.1', 2422],
      ['4.2.1.2', 'renumbered_duplicate', '4.2.3.2.', '4.2.1.2', 2443],
      ['5.4.1.3', 'missing_year_row', null, null, 3088],
    ]);
    // The kept 4.2.3.1 is the one printed under result 4.2.3.
    expect(activity('4.2.3.1')).toMatchObject({ result: '4.2.3', cost: 100 });
    expect(activity('4.2.1.1')).toMatchObject({ result: '4.2.1', source: { code: '4.2.3.1' } });
    // Lone list numbers left by merged cells cut across rows are dropped, and said so.
    const fragments = plan.results.flatMap((r) =>
      (r.corrections ?? []).filter((c) => c.kind === 'stray_fragment'),
    );
    expect(fragments.map((c) => [c.asWritten, c.line])).toContainEqual(['4.', 1883]);
    for (const c of fragments) expect(lines[c.line - 1]?.trim()).toBe(c.asWritten);
  });

  it('keeps the slips of the document that are not corrections: codes whose prefix does not match', () => {
    expect(activity('2.2.2.1').result).toBe('2.2.1');
    expect(activity('2.2.5.1').result).toBe('2.1.3');
    expect(activity('4.3.1.2').result).toBe('4.3.2');
  });

  it('reads the summary table of section II.2.1 exactly as printed, slips included', () => {
    const { envelope } = plan;
    expect(
      envelope.rows.map((r) => [r.pillar, r.ministry, r.ministryAsWritten, r.total, r.national, r.external]),
    ).toEqual([
      ['1', 'MARCC', 'MARCC', 4250, 1135, 3115],
      ['1', 'MDAC', 'MDAC', 6250, 2150, 4100],
      ['1', 'MATD', 'MATD', 1825, 675, 1150],
      ['2', 'MARCC', 'MARCC', 3600, 375, 3225],
      ['2', 'MSPC', 'MSPC', 12000, 3350, 8650],
      ['3', 'MJDH', 'MJDH', 8490, 5365, 3125],
      ['4', 'MSDS', 'MSDS', 5820, 2170, 3650],
      ['5', 'MEFP', 'MEFP', 7850, 2500, 5350],
      ['5', 'MRN', 'MRN-APR', 1665, 615, 1050],
    ]);
    // Prévention / MARCC: 320 + 1 000 + 1 325 + 1 090 + 525 = 4 260, printed 4 250.
    expect(envelope.rows[0]?.years).toEqual({ 2021: 320, 2022: 1000, 2023: 1325, 2024: 1090, 2025: 525 });
    expect(envelope.rows[3]?.years[2021]).toBeNull();
    expect(envelope.totalRow).toMatchObject({
      years: { 2021: 3980, 2022: 9860, 2023: 13005, 2024: 14045, 2025: 10900 },
      total: 51750,
      national: 18335,
      external: 33415,
      line: 164,
    });
  });
});

describe('the extraction refuses what it cannot read faithfully', () => {
  it('stops on a responsible ministry the directory does not know, naming the line', () => {
    const changed = text.replace('\tMJS\n\tMARCC\nMRN\nOSC\n\tX', '\tMXYZ\n\tMARCC\nMRN\nOSC\n\tX');
    expect(changed).not.toBe(text);
    expect(() => extractPlan(changed)).toThrow(/Ligne 3058 : département responsable inconnu « MXYZ »/);
  });

  it('stops on a cost it cannot read', () => {
    const changed = text.replace('\t5000\n', '\tcinq mille\n');
    expect(() => extractPlan(changed)).toThrow(/ligne 714 : coût illisible « cinq mille »/i);
  });

  it('stops when a pillar table is missing', () => {
    expect(() => extractPlan(text.replace('LA POURSUITE', 'POURSUITE'))).toThrow(
      /4 tableaux de pilier trouvés, 5 attendus/,
    );
  });
});
