// The execution page's pure pieces: funding-source rows with an exact disbursed ÷ committed rate,
// the heat table's bands, the decisions a ministry's state allows, and the page's words in both
// languages.
import { describe, expect, it } from 'vitest';
import type { ExecutionFiguresJson } from '../../server/dashboard/browser/execution-api.ts';
import { decisionsFor, heatBand, sourceRows } from '../../server/dashboard/browser/execution-figures.ts';
import { EXECUTION_PAGE_WORDING } from '../../server/dashboard/browser/execution-wording.ts';

const figures = (committed: [number, number], disbursed: [number, number]): ExecutionFiguresJson => ({
  planned: 100,
  committed: { national: committed[0], external: committed[1], total: committed[0] + committed[1] },
  disbursed: { national: disbursed[0], external: disbursed[1], total: disbursed[0] + disbursed[1] },
  rates: { committed: null, disbursed: null, disbursedOfCommitted: null },
  states: { not_started: 0, ongoing: 0, done: 0, abandoned: 0, unknown: 0 },
  activities: 1,
  reported: 1,
});

describe('sourceRows', () => {
  it('gives committed, disbursed and disbursed ÷ committed per source and in total, exactly', () => {
    expect(sourceRows(figures([0.3, 30], [0.1, 0]))).toEqual([
      { source: 'national', committed: 0.3, disbursed: 0.1, rate: '33.3' },
      { source: 'external', committed: 30, disbursed: 0, rate: '0.0' },
      { source: 'total', committed: 30.3, disbursed: 0.1, rate: '0.3' },
    ]);
  });

  it('says no rate where nothing was committed', () => {
    expect(sourceRows(figures([0, 0], [0, 0])).map((r) => r.rate)).toEqual([null, null, null]);
  });
});

describe('heatBand', () => {
  it('shades by quarter, with no shade where no rate can be said', () => {
    expect([null, '0.0', '24.9', '25.0', '49.9', '50.0', '74.9', '75.0', '130.0'].map(heatBand)).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });
});

describe('decisionsFor', () => {
  it('offers accept and return on a received follow-up, return on an accepted one, nothing otherwise', () => {
    expect(decisionsFor('submitted', 'r1')).toEqual(['accept', 'return']);
    expect(decisionsFor('accepted', 'r1')).toEqual(['return']);
    expect(decisionsFor('returned', 'r1')).toEqual([]);
    expect(decisionsFor('not_started', null)).toEqual([]);
  });
});

describe('the execution page words', () => {
  it('are French first and English available, with the same keys', () => {
    expect(Object.keys(EXECUTION_PAGE_WORDING.fr).sort()).toEqual(
      Object.keys(EXECUTION_PAGE_WORDING.en).sort(),
    );
    expect(EXECUTION_PAGE_WORDING.fr.returnIt).toBe('Renvoyer');
    expect(EXECUTION_PAGE_WORDING.fr.accept).toBe('Accepter');
    expect(EXECUTION_PAGE_WORDING.en.reviewed.return('MEF')).toBe(
      'Follow-up of MEF returned with your comment.',
    );
  });
});
