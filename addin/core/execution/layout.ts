/**
 * Where things are in the execution workbook, shared by the builder (./template.ts) and the
 * reader (./read.ts) so the two cannot drift apart: the columns of the « Exécution » and
 * « Indicateurs » sheets, their header rows, and the template's identity.
 */
import type { ExecutionField } from './model.ts';

export const EXECUTION_TEMPLATE_ID = 'pac-execution';
export const EXECUTION_TEMPLATE_VERSION = '1';

/** Title rows 1–3, group headers on row 4, column headers on row 5, activities from row 6. */
export const EXECUTION_HEADER_ROW = 5;
export const EXECUTION_FIRST_ROW = EXECUTION_HEADER_ROW + 1;

export type ExecutionColumnKey =
  | ExecutionField
  | 'title'
  | 'result'
  | 'responsible'
  | 'planned'
  | 'rate'
  | 'pillarKey'
  | 'ministryKey';

export interface ExecutionColumn {
  key: ExecutionColumnKey;
  /** 0-based. */
  index: number;
  width: number;
  /** Filled from the plan, or computed: protected. */
  locked: boolean;
  group?: 'committed' | 'disbursed';
  hidden?: boolean;
}

const COLUMNS: Omit<ExecutionColumn, 'index'>[] = [
  { key: 'activity', width: 10, locked: true },
  { key: 'title', width: 55, locked: true },
  { key: 'result', width: 9, locked: true },
  { key: 'responsible', width: 13, locked: true },
  { key: 'planned', width: 12, locked: true },
  { key: 'committedNational', width: 12, locked: false, group: 'committed' },
  { key: 'committedExternal', width: 12, locked: false, group: 'committed' },
  { key: 'committedTotal', width: 12, locked: true, group: 'committed' },
  { key: 'disbursedNational', width: 12, locked: false, group: 'disbursed' },
  { key: 'disbursedExternal', width: 12, locked: false, group: 'disbursed' },
  { key: 'disbursedTotal', width: 12, locked: true, group: 'disbursed' },
  { key: 'rate', width: 12, locked: true },
  { key: 'state', width: 14, locked: false },
  { key: 'comment', width: 40, locked: false },
  { key: 'pillarKey', width: 6, locked: true, hidden: true },
  { key: 'ministryKey', width: 8, locked: true, hidden: true },
];

export const EXECUTION_COLUMNS: readonly ExecutionColumn[] = COLUMNS.map((c, index) => ({ ...c, index }));

export function executionColumn(key: ExecutionColumnKey): ExecutionColumn {
  const c = EXECUTION_COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`no execution column ${key}`);
  return c;
}

export type IndicatorColumnKey =
  | 'result'
  | 'resultTitle'
  | 'number'
  | 'indicator'
  | 'unit'
  | 'baseline'
  | 'target'
  | 'value'
  | 'comment';

export const INDICATOR_COLUMNS: readonly {
  key: IndicatorColumnKey;
  index: number;
  width: number;
  locked: boolean;
}[] = (
  [
    ['result', 9, true],
    ['resultTitle', 40, true],
    ['number', 5, true],
    ['indicator', 50, true],
    ['unit', 10, true],
    ['baseline', 11, true],
    ['target', 11, true],
    ['value', 13, false],
    ['comment', 35, false],
  ] as const
).map(([key, width, locked], index) => ({ key, index, width, locked }));

export function indicatorColumn(key: IndicatorColumnKey): number {
  return INDICATOR_COLUMNS.findIndex((c) => c.key === key);
}
