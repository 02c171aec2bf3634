/**
 * The two kinds of check. A return check reads one parsed return against the canonical plan; a
 * plan check reads the canonical plan itself (the document's own slips). Both are pure, declare
 * the codes they may emit, return findings and never throw on bad input.
 */
import type { Finding, FindingCode } from '../findings.ts';
import type { ParsedReturn } from '../model.ts';
import type { Money } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';

export interface ReturnContext {
  index: PlanIndex;
  ret: ParsedReturn;
  /** Ministry code the return is checked for; null for a consolidated return (every ministry). */
  ministry: string | null;
  /** Largest gap (FCFA) still counted as equal; 0n unless a caller says otherwise. */
  tolerance: Money;
}

export interface ReturnCheck {
  id: string;
  codes: readonly FindingCode[];
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
