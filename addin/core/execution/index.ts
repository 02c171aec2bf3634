/**
 * The follow-up of a plan's execution: periods, the execution workbook, its reader and checks, and
 * the consolidation of execution against what was planned.
 */

export { ANNUAL_PLAN_ID, annualPlanSpec } from './annual-plan.ts';
export * from './checks.ts';
export * from './consolidate.ts';
export * from './layout.ts';
export * from './model.ts';
export {
  type ExecutionContent,
  type ExecutionReading,
  executionDocument,
  executionFromJson,
  executionSheetNames,
  readExecution,
} from './read.ts';
export { executionReviewSheets } from './review-workbook.ts';
export * from './schemas.ts';
export { indicatorTargetsOf, overrunThresholdOf } from './targets.ts';
export * from './template.ts';
export { EXECUTION_WORDING, type ExecutionWording, readState } from './wording.ts';
