// Findings placed under the line they are about: by the entry sheet's row when the line came from
// the template, by activity code otherwise; the rest is about the return as a whole.
import { describe, expect, it } from 'vitest';
import { type Finding, finding } from '#core';
import { findingsByLine } from '../../server/dashboard/browser/return-lines.ts';

const lines = [{ activity: '1.3.1.1', row: 6 }, { activity: '1.3.1.2', row: 7 }, { activity: '5.4.1.1' }];

const codes = (list: readonly Finding[] | undefined) =>
  (list ?? []).map((f) => `${f.where.cell ?? ''}:${f.code}`);

describe('findingsByLine', () => {
  it('puts a finding on the line of its row, on the line of its activity, or apart', () => {
    const found = [
      finding(
        'amount_outside_execution',
        'warning',
        { sheet: 'Saisie', cell: 'I6' },
        { activity: '1.3.1.1', year: 2023 },
      ),
      // The row decides for a template line, even when the code in the finding differs.
      finding('line_not_filled', 'warning', { sheet: 'Saisie', cell: 'F7' }, { activity: '9.9.9.9' }),
      finding(
        'line_not_filled',
        'warning',
        { sheet: 'JSON', cell: 'lines[2].nature' },
        { activity: '5.4.1.1' },
      ),
      finding('activity_missing', 'warning', { sheet: 'Saisie' }, { activity: '1.3.1.3', ministry: 'MEF' }),
      finding(
        'envelope_gap',
        'warning',
        { sheet: 'Synthèse', range: 'B4:H4' },
        { scope: 'pillar', key: '1', gap: '-5', percent: '-1.0' },
      ),
    ];
    const { perLine, general } = findingsByLine(lines, found, 'Saisie');
    expect([0, 1, 2].map((i) => codes(perLine.get(i)))).toEqual([
      ['I6:amount_outside_execution'],
      ['F7:line_not_filled'],
      ['lines[2].nature:line_not_filled'],
    ]);
    expect(codes(general)).toEqual([':activity_missing', ':envelope_gap']);
  });

  it('gives a repeated code’s findings to its first line when no row tells them apart', () => {
    const { perLine } = findingsByLine(
      [{ activity: 'A' }, { activity: 'A' }],
      [finding('duplicate_line', 'warning', { sheet: 'JSON' }, { activity: 'A', firstCell: 'x' })],
      'Saisie',
    );
    expect([...perLine.keys()]).toEqual([0]);
  });
});
