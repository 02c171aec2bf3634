/**
 * The legacy import run in the pane: whether the open workbook holds a table in the plan
 * document's layout, and the template filled from it (the same core code the server's
 * `pac import-legacy` runs, see ../legacy), with what was and was not carried over.
 */

import type { Lang } from '../layout.ts';
import { describeLine } from '../legacy/legacy-messages.ts';
import { type LegacyLine, unmapped } from '../legacy/map-legacy.ts';
import { findLegacyTables, readLegacySheets } from '../legacy/read-legacy.ts';
import { type LegacyTemplateOptions, templateFromLegacy } from '../legacy/template-from-legacy.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { SheetContent } from '../sheet-content.ts';
import type { WorkbookSpec } from '../workbook-spec/spec.ts';

export interface LegacyImportSummary {
  imported: number;
  /** Rows the sheet should fix (unknown code, conflicting title…); another ministry's rows are not listed. */
  skipped: LegacyLine[];
  /** The ministry's activities no row carried over. */
  missing: string[];
}

/** AN I–AN V headers are found without a plan; calendar-year headers need the plan's years. */
const PLACEHOLDER_YEARS = [1, 2, 3, 4, 5];

/** How many legacy tables the sheets hold (0: none). */
export function detectLegacy(sheets: readonly SheetContent[], index: PlanIndex | null): number {
  return findLegacyTables(sheets, index?.years ?? PLACEHOLDER_YEARS).length;
}

export function convertLegacy(
  sheets: readonly SheetContent[],
  index: PlanIndex,
  opts: LegacyTemplateOptions,
): { spec: WorkbookSpec; summary: LegacyImportSummary } | null {
  const reading = readLegacySheets(sheets, index, { ministry: opts.ministry });
  if (!reading) return null;
  return {
    spec: templateFromLegacy(reading, index, opts),
    summary: {
      imported: reading.mapping.lines.filter((l) => l.activity !== null).length,
      skipped: unmapped(reading.mapping.lines),
      missing: reading.mapping.missing.map((a) => a.code),
    },
  };
}

/** One sentence per row not carried over, in the pane's language. */
export function skippedLines(summary: LegacyImportSummary, lang: Lang): string[] {
  return summary.skipped.map((l) => describeLine(l, lang));
}
