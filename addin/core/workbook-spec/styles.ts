/**
 * What each named style of the template looks like, in host-neutral terms (colours as RRGGBB hex,
 * thin borders, alignment). Every renderer — ExcelJS for files, the Office JavaScript API, the Sheets API — maps
 * these to its own API, so a look is decided here once and the hosts cannot drift apart.
 *
 * Colours follow the convention planners already know from budget workbooks: pale yellow cells are
 * for typing, grey cells come from the plan or are computed.
 */
import type { ConditionalFormatSpec, StyleKey } from './spec.ts';

export interface Look {
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string };
  /** Solid background colour. */
  fill?: string;
  /** Thin border on every side of every cell of the range. */
  border?: boolean;
  align?: {
    horizontal?: 'left' | 'center' | 'right';
    vertical?: 'top' | 'middle' | 'bottom';
    wrap?: boolean;
    indent?: number;
  };
}

const INPUT_FILL = 'FFF2CC';
const LOCKED_FILL = 'F2F2F2';
const BORDER = true;

export const STYLE_LOOKS: Readonly<Record<StyleKey, Look>> = {
  title: { font: { bold: true, size: 14, color: '1F3864' } },
  subtitle: { font: { bold: true, size: 11, color: '1F3864' } },
  note: { font: { italic: true, size: 9, color: '595959' }, align: { vertical: 'top', wrap: true } },
  groupHeader: {
    font: { bold: true, color: 'FFFFFF' },
    fill: '2F5597',
    border: BORDER,
    align: { horizontal: 'center', vertical: 'middle' },
  },
  header: {
    font: { bold: true, color: 'FFFFFF' },
    fill: '1F3864',
    border: BORDER,
    align: { horizontal: 'center', vertical: 'middle', wrap: true },
  },
  // Roll-up rows carry long titles in column B, hence the wrap.
  pillarRow: { font: { bold: true }, fill: 'B4C6E7', border: BORDER, align: { vertical: 'top', wrap: true } },
  objectiveRow: {
    font: { bold: true },
    fill: 'D9E1F2',
    border: BORDER,
    align: { vertical: 'top', wrap: true },
  },
  resultRow: {
    font: { italic: true },
    fill: 'EDF1F9',
    border: BORDER,
    align: { vertical: 'top', wrap: true },
  },
  grandTotalRow: { font: { bold: true, color: 'FFFFFF' }, fill: '1F3864', border: BORDER },
  lockedText: { fill: LOCKED_FILL, border: BORDER, align: { vertical: 'top', wrap: true } },
  lockedAmount: { fill: LOCKED_FILL, border: BORDER, align: { horizontal: 'right', vertical: 'top' } },
  inputText: { fill: INPUT_FILL, border: BORDER, align: { vertical: 'top', wrap: true } },
  inputAmount: { fill: INPUT_FILL, border: BORDER, align: { horizontal: 'right', vertical: 'top' } },
  inputMark: { fill: INPUT_FILL, border: BORDER, align: { horizontal: 'center', vertical: 'top' } },
  formulaAmount: {
    font: { bold: true },
    fill: LOCKED_FILL,
    border: BORDER,
    align: { horizontal: 'right', vertical: 'top' },
  },
  checkOk: { font: { bold: true }, border: BORDER, align: { horizontal: 'center' } },
  meta: { font: { size: 9, color: '595959' } },
  paragraph: { align: { vertical: 'top', wrap: true } },
  // The signature boxes under the entry sheet's TOTAL, written in by hand.
  signature: { border: BORDER, align: { vertical: 'top', wrap: true } },
};

/** Looks of the conditional formats: a red line to fix, an amber warning, a green "OK". */
export const CONDITIONAL_LOOKS: Readonly<Record<ConditionalFormatSpec['style'], Look>> = {
  error: { font: { color: '9C0006' }, fill: 'FFC7CE' },
  warning: { font: { color: '9C5700' }, fill: 'FFEB9C' },
  ok: { font: { color: '006100' }, fill: 'C6EFCE' },
};
