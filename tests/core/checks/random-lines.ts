/**
 * Random lines for the checks' property tests: the fields a generator draws, made into a Line on
 * the entry sheet's row with the fixtures' own builder.
 */
import type { Line, LineField, Money, Nature } from '#core';
import { line } from '../fixtures/lines.ts';
import { YEARS } from '../fixtures/mini-plan.ts';

/** Every field of a line a reader may fail to read, for generators of unreadable cells. */
export const LINE_FIELDS: LineField[] = [
  'activity',
  'nature',
  'total',
  'national',
  'external',
  ...YEARS.map((y): LineField => `year:${y}`),
  ...YEARS.map((y): LineField => `mark:${y}`),
];

export interface DrawnLine {
  activity: string | null;
  nature: Nature | null;
  /** One amount per year of the mini plan, in order. */
  years: (Money | null)[];
  execution: number[];
  unreadable: LineField[];
  noCells: boolean;
}

/** The line drawn, on `row`; its total and funding are left for the caller to set. */
export function drawnLine(row: number, r: DrawnLine): Line {
  const l = line(row, {
    activity: r.activity,
    nature: r.nature,
    execution: r.execution,
    unreadable: r.unreadable,
    noCells: r.noCells,
  });
  YEARS.forEach((y, i) => {
    l.years[y] = r.years[i] ?? null;
  });
  return l;
}
