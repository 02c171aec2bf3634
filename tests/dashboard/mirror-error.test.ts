// The Google Sheets mirror's last error, as the dashboard explains it: the kind of failure read
// from what the worker stored (Google's status, a network code, PAC's own "too large"), and
// Google's words kept as a detail unless they only repeat PAC's own bilingual message.
import { describe, expect, it } from 'vitest';
import { mirrorErrorDetail, mirrorErrorKind } from '../../server/dashboard/browser/mirror-error.ts';
import { WORDING } from '../../server/dashboard/browser/wording.ts';
import { WorkbookTooLargeError } from '../../server/mirror/sheets-requests.ts';

describe('mirrorErrorKind', () => {
  it('reads the kind of failure from the stored message', () => {
    expect(
      [
        "HTTP 429: Quota exceeded for quota metric 'Write requests'",
        'HTTP 403: The caller does not have permission',
        'HTTP 404: Requested entity was not found.',
        'HTTP 503: The service is currently unavailable.',
        'ECONNRESET: socket hang up',
        'HTTP 400: Invalid requests[0].updateCells',
        new WorkbookTooLargeError(12_000_000).message,
      ].map(mirrorErrorKind),
    ).toEqual(['quota', 'forbidden', 'not_found', 'server', 'network', 'other', 'too_large']);
  });

  it('has words for every kind in both languages', () => {
    for (const lang of ['fr', 'en'] as const)
      for (const kind of [
        'quota',
        'forbidden',
        'not_found',
        'server',
        'network',
        'too_large',
        'other',
      ] as const)
        expect(WORDING[lang].mirrorErrors[kind]).toMatch(/\S/);
  });
});

describe('mirrorErrorDetail', () => {
  it('keeps Google’s words, and drops PAC’s own message that the explanation already says', () => {
    expect(mirrorErrorDetail('HTTP 429: Quota exceeded')).toBe('HTTP 429: Quota exceeded');
    expect(mirrorErrorDetail(new WorkbookTooLargeError(12_000_000).message)).toBeNull();
  });
});
