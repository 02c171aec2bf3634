/**
 * The PAC template filled with what a legacy reading imported: each imported row's nature,
 * amounts (the cost split by the cost rule) and execution marks, with a comment saying what was
 * done. The server's import writes it to a file; the panes write it into the open workbook.
 */
import type { Lang } from '../layout.ts';
import type { PlanIndex } from '../plan-index.ts';
import { planWords } from '../plan-words.ts';
import { buildTemplateSpec } from '../template/build.ts';
import type { WorkbookSpec } from '../workbook-spec/spec.ts';
import { importComment } from './legacy-messages.ts';
import { entryInput } from './map-legacy.ts';
import type { LegacyReading } from './read-legacy.ts';
import { fillEntrySheet } from './write-template.ts';

export interface LegacyTemplateOptions {
  /** Ministry code (already resolved), or null for the whole plan. */
  ministry: string | null;
  lang: Lang;
  generatedAt: string;
}

export function templateFromLegacy(
  reading: LegacyReading,
  index: PlanIndex,
  opts: LegacyTemplateOptions,
): WorkbookSpec {
  const spec = buildTemplateSpec(index, opts);
  const lines = reading.mapping.lines
    .filter((l) => l.activity !== null)
    .map((l) => entryInput(l, index.years, importComment(l, opts.lang, planWords(index.plan))));
  fillEntrySheet(spec, index, lines, opts.lang);
  return spec;
}
