/**
 * The host-agnostic core of PAC, reached as `#core` everywhere else. It imports zod and nothing
 * else, so the same checks run in Excel, in Apps Script and on the server.
 */
export * from './amount-vector.ts';
export * from './canonical-json.ts';
export * from './checks/index.ts';
export * from './consolidation/index.ts';
export * from './diff.ts';
export * from './entry-grid.ts';
export * from './execution/index.ts';
export * from './findings.ts';
export * from './formula-locale.ts';
export { constantValue, formulaKey } from './formula-text.ts';
export * from './grid.ts';
export * from './layout.ts';
export * from './legacy/index.ts';
export * from './messages/index.ts';
export * from './model.ts';
export * from './money.ts';
export * from './numbers.ts';
export * from './pane/index.ts';
export * from './plan-diff.ts';
export * from './plan-diff-words.ts';
export * from './plan-filter.ts';
export * from './plan-index.ts';
export * from './plan-query.ts';
export * from './plan-words.ts';
export * from './run.ts';
export * from './schemas/plan.ts';
export * from './schemas/responses.ts';
export * from './schemas/return.ts';
export * from './schemas/return-fast-path.ts';
export type { SheetContent } from './sheet-content.ts';
export * from './template/index.ts';
export * from './wire.ts';
export * from './workbook-reading/index.ts';
export * from './workbook-spec/index.ts';
