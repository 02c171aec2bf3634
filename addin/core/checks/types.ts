/**
 * The two kinds of check. A return check reads one parsed return against the canonical plan; a
 * plan check reads the canonical plan itself (the document's own slips). Both are pure, declare
 * the codes they may emit, return findings and never throw on bad input.
 *
 * A return check is a pass over the return's lines: started once, shown the lines a chunk at a
 * time and in order (./line-data.ts reads them), then asked for its findings. A full run (../run.ts)
 * reads each chunk once and shows it to every check in turn, while the chunk is still in the
 * processor's cache; `run` does the same for one check alone.
 */
import type { Finding, FindingCode } from '../findings.ts';
import type { ParsedReturn } from '../model.ts';
import type { Money } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { LineChunk } from './line-data.ts';

export interface ReturnContext {
  index: PlanIndex;
  ret: ParsedReturn;
  /** Ministry code the return is checked for; null for a consolidated return (every ministry). */
  ministry: string | null;
  /** Largest gap (FCFA) still counted as equal; 0n unless a caller says otherwise. */
  tolerance: Money;
}

/** One check's pass over one return. */
export interface LinePass {
  /** Reads the chunk's lines; findings about single lines come out in line order. */
  lines(chunk: LineChunk): void;
  /** Every finding, once every line has been read. */
  finish(): Finding[];
}

export interface ReturnCheck {
  id: string;
  codes: readonly FindingCode[];
  start(ctx: ReturnContext): LinePass;
  /** The check alone: its pass over every line, and its findings. */
  run(ctx: ReturnContext): Finding[];
}

export interface PlanContext {
  index: PlanIndex;
  tolerance: Money;
}

export interface PlanCheck {
  id: string;
  codes: readonly FindingCode[];
  run(ctx: PlanContext): Finding[];
}
