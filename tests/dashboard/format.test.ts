// How the dashboard writes amounts, gaps, percentages and dates: French first ("1 500,5" with a
// narrow no-break space, as the workbook and the findings write it), English on request, and an
// empty amount as a dash, never as a zero.
import { describe, expect, it } from 'vitest';
import {
  fileNameOf,
  formatAmount,
  formatCount,
  formatDateTime,
  formatPercent,
  formatSigned,
} from '../../server/dashboard/browser/format.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatAmount', () => {
  it('groups thousands and uses a decimal comma in French, the English way in English', () => {
    expect(formatAmount(1500, 'fr')).toBe(`1${NNBSP}500`);
    expect(formatAmount(1500.5, 'fr')).toBe(`1${NNBSP}500,5`);
    expect(formatAmount(51750, 'en')).toBe('51,750');
    expect(formatAmount(1234567.25, 'fr')).toBe(`1${NNBSP}234${NNBSP}567,25`);
  });

  it('shows binary noise as the amount that was meant, and a negative amount with its sign', () => {
    expect(formatAmount(0.1 + 0.2, 'fr')).toBe('0,3');
    expect(formatAmount(-12024.5, 'fr')).toBe(`-12${NNBSP}024,5`);
  });

  it('writes an empty amount as a dash, and keeps 0 as 0', () => {
    expect([formatAmount(null, 'fr'), formatAmount(undefined, 'en'), formatAmount(0, 'fr')]).toEqual([
      '—',
      '—',
      '0',
    ]);
  });
});

describe('formatSigned', () => {
  it('signs a gap both ways so that its direction reads without colour', () => {
    expect([
      formatSigned(50, 'fr'),
      formatSigned(-1500, 'fr'),
      formatSigned(0, 'fr'),
      formatSigned(null, 'fr'),
    ]).toEqual(['+50', `-1${NNBSP}500`, '0', '—']);
  });
});

describe('formatPercent', () => {
  it('writes the service’s one-decimal strings the language’s way', () => {
    expect(formatPercent('-12.5', 'fr')).toBe(`-12,5${NBSP}%`);
    expect(formatPercent('3.0', 'fr')).toBe(`+3,0${NBSP}%`);
    expect(formatPercent('25.9', 'fr', false)).toBe(`25,9${NBSP}%`);
    expect(formatPercent('-99.7', 'en')).toBe('-99.7%');
    expect(formatPercent('0.0', 'fr')).toBe(`0,0${NBSP}%`);
    expect(formatPercent(null, 'fr')).toBe('—');
  });

  it('groups the thousands of a large percentage as the amounts are', () => {
    expect(formatPercent('1029.3', 'fr')).toBe(`+1${NNBSP}029,3${NBSP}%`);
    expect(formatPercent('-1029.3', 'fr')).toBe(`-1${NNBSP}029,3${NBSP}%`);
    expect(formatPercent('1029.3', 'en')).toBe('+1,029.3%');
    expect(formatPercent('123456.0', 'fr', false)).toBe(`123${NNBSP}456,0${NBSP}%`);
  });
});

describe('formatCount', () => {
  it('groups a whole number the language’s way, and shows nothing as a dash', () => {
    expect([formatCount(7, 'fr'), formatCount(1029, 'fr'), formatCount(1029, 'en')]).toEqual([
      '7',
      `1${NNBSP}029`,
      '1,029',
    ]);
    expect([formatCount(1234567, 'fr'), formatCount(null, 'fr')]).toEqual([`1${NNBSP}234${NNBSP}567`, '—']);
  });
});

describe('formatDateTime', () => {
  it('writes a time stamp as people read it, in the given time zone', () => {
    expect(formatDateTime('2026-03-04T09:30:00Z', 'fr', 'UTC')).toBe('04/03/2026 09:30');
    expect(formatDateTime('2026-03-04T09:30:00Z', 'en', 'UTC')).toBe('4 Mar 2026, 09:30');
  });

  it('shows what it cannot read as received, and nothing as a dash', () => {
    expect([formatDateTime('hier', 'fr'), formatDateTime(null, 'fr')]).toEqual(['hier', '—']);
  });
});

describe('fileNameOf', () => {
  it('takes the name the service gives the attachment, or the fallback', () => {
    expect(fileNameOf('attachment; filename="pac-consolide-2026-03-04.xlsx"', 'x.xlsx')).toBe(
      'pac-consolide-2026-03-04.xlsx',
    );
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
