/** The adopted envelope as printed adds up: rows, funding split, columns and its total row. */
import { envelopeTable } from './envelope-table.ts';
import { summaryTableFindings } from './summary-tables.ts';
import type { PlanCheck } from './types.ts';

export const envelopeArithmeticCheck: PlanCheck = {
  id: 'envelope-arithmetic',
  codes: [
    'summary_row_mismatch',
    'summary_split_mismatch',
    'summary_column_mismatch',
    'summary_total_row_mismatch',
  ],
  run({ index, tolerance }) {
    return summaryTableFindings(envelopeTable(index.plan), tolerance, 'error');
  },
};
