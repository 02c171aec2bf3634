// The dashboard's sentences that depend on a number agree with it, in both languages, and write
// the number the language's way.
import { describe, expect, it } from 'vitest';
import { WORDING } from '../../server/dashboard/browser/wording.ts';

const NNBSP = '\u202f';

describe('the PM note', () => {
  it('agrees in number with the activities it counts, in French', () => {
    expect(WORDING.fr.pmNote(1, 103)).toBe(
      '1 activité sur 103 est inscrite « PM » (pour mémoire) : sans montant, elle ne compte pas comme zéro et est comptée à part.',
    );
    expect(WORDING.fr.pmNote(2, 103)).toBe(
      '2 activités sur 103 sont inscrites « PM » (pour mémoire) : sans montant, elles ne comptent pas comme zéro et sont comptées à part.',
    );
  });

  it('agrees in number in English too', () => {
    expect(WORDING.en.pmNote(1, 103)).toMatch(
      /^1 of 103 activities is listed as "PM" .*: without an amount, it does not count/,
    );
    expect(WORDING.en.pmNote(5, 103)).toMatch(
      /^5 of 103 activities are listed as "PM" .*, they do not count/,
    );
  });

  it('groups large counts', () => {
    expect(WORDING.fr.pmNote(1200, 5000)).toMatch(new RegExp(`^1${NNBSP}200 activités sur 5${NNBSP}000`));
    expect(WORDING.en.missingCount(1200, 5000)).toBe('1,200 of 5,000');
  });
});
