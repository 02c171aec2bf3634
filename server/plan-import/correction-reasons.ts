/**
 * The plan records each correction's reason in French, the plan's language; English readers of
 * `pac plan` and `pac plan import` get these, one per kind.
 */
import type { Correction } from '#core';

export const CORRECTION_REASON_EN: Record<Correction['kind'], string> = {
  renumbered_duplicate: 'Code printed twice: renumbered under its own result.',
  inferred_result_code:
    'Result printed without a code: it takes the next number in its objective (or pillar).',
  missing_year_row: 'The table stops after the Partners column: execution years are not printed; left empty.',
  code_normalised: 'Spaces inside the code removed.',
  stray_fragment: 'Lone list number in the Indicators column (merged cell cut across rows): ignored.',
};
