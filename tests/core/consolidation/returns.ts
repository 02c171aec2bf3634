/**
 * Latest returns for the consolidation's tests, over the checks' mini plan (tests/core/fixtures):
 * lines are built with the checks' own line builders, so an amount reads the same everywhere.
 *
 * The scenario `miniReturns` (hand sums in the comments of consolidate.test.ts):
 * - MARCC v3, accepted: 1.1.1.1 costed 100 + 100 + 100.5 (national 100, external 200.5), 1.1.1.3
 *   PM, 2.1.1.2 (joint with MRN) sent but not filled;
 * - MRN v1, submitted: 2.1.1.2 costed 60 + 40, 2.1.1.3 costed 0.1 + 0.2;
 * - MDAC v2, returned: 1.1.1.2 costed 199.999999 (1 FCFA under the plan's 200); 2.1.1.1 no line.
 */
import type { Finding, LatestReturn, Line } from '#core';
import { costed, line } from '../fixtures/lines.ts';

export function latest(
  ministry: string,
  version: number,
  lines: Line[],
  extra: Partial<LatestReturn> = {},
): LatestReturn {
  return {
    ministry,
    version,
    state: 'submitted',
    createdAt: `2024-03-0${version}T10:00:00Z`,
    tokenLabel: `CPS ${ministry}`,
    lines: lines.map((l, i) => ({ ...l, index: i })),
    findings: [],
    ...extra,
  };
}

export const pmLine = (row: number, activity: string): Line => line(row, { activity, nature: 'pm' });
export const blankLine = (row: number, activity: string): Line => line(row, { activity });

export const WARNING: Finding = {
  code: 'line_not_filled',
  severity: 'warning',
  where: { sheet: 'Saisie', cell: 'A8' },
  params: { activity: '2.1.1.2' },
};

export function miniReturns(): LatestReturn[] {
  return [
    latest(
      'MARCC',
      3,
      [
        costed(6, '1.1.1.1', { 2021: 100, 2022: 100, 2023: '100.5' }, { national: 100 }),
        pmLine(7, '1.1.1.3'),
        blankLine(8, '2.1.1.2'),
      ],
      { state: 'accepted', findings: [WARNING] },
    ),
    latest('MRN', 1, [
      costed(6, '2.1.1.2', { 2024: 60, 2025: 40 }),
      costed(7, '2.1.1.3', { 2023: 0.1, 2024: 0.2 }),
    ]),
    latest('MDAC', 2, [costed(6, '1.1.1.2', { 2022: '199.999999' })], { state: 'returned' }),
  ];
}
