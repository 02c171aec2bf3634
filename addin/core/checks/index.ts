/**
 * Every check, and the two lists a run goes through. The order of the lists is the order findings
 * come out in before sorting; sorting (../run.ts) puts them in reading order.
 */
import { amountsCheck } from './amounts.ts';
import { documentCodesCheck } from './document-codes.ts';
import { envelopeCheck } from './envelope.ts';
import { envelopeArithmeticCheck } from './envelope-arithmetic.ts';
import { envelopeVsDetailCheck } from './envelope-vs-detail.ts';
import { executionCheck } from './execution.ts';
import { fundingSplitCheck } from './funding-split.ts';
import { lineTotalCheck } from './line-total.ts';
import { natureCheck } from './nature.ts';
import { planMembershipCheck } from './plan-membership.ts';
import { rollupsCheck } from './rollups.ts';
import { summaryDetailCheck } from './summary-detail.ts';
import { summaryTablesCheck } from './summary-tables.ts';
import type { PlanCheck, ReturnCheck } from './types.ts';

export { amountsCheck } from './amounts.ts';
export { documentCodesCheck, documentWhere } from './document-codes.ts';
export { envelopeCheck, percentOf } from './envelope.ts';
export { envelopeArithmeticCheck } from './envelope-arithmetic.ts';
export { ENVELOPE_COLUMNS, envelopeTable, envelopeTableName } from './envelope-table.ts';
export { envelopeVsDetailCheck } from './envelope-vs-detail.ts';
export { executionCheck } from './execution.ts';
export { fundingSplitCheck } from './funding-split.ts';
export { CHUNK_LINES, type LineChunk, readLines } from './line-data.ts';
export { lineTotalCheck } from './line-total.ts';
export { natureCheck } from './nature.ts';
export { ministriesFor, planMembershipCheck } from './plan-membership.ts';
export { rollupsCheck } from './rollups.ts';
export { summaryDetailCheck } from './summary-detail.ts';
export {
  summaryColumnFindings,
  summaryRowFindings,
  summaryTableFindings,
  summaryTablesCheck,
  summaryTotalRowFindings,
  summaryWhere,
} from './summary-tables.ts';
export type { LinePass, PlanCheck, PlanContext, ReturnCheck, ReturnContext } from './types.ts';

export const RETURN_CHECKS: readonly ReturnCheck[] = [
  amountsCheck,
  lineTotalCheck,
  fundingSplitCheck,
  natureCheck,
  executionCheck,
  planMembershipCheck,
  rollupsCheck,
  summaryTablesCheck,
  summaryDetailCheck,
  envelopeCheck,
];

export const PLAN_CHECKS: readonly PlanCheck[] = [
  envelopeArithmeticCheck,
  envelopeVsDetailCheck,
  documentCodesCheck,
];
