/**
 * What the mirror sends: the consolidated workbook as GET /api/consolidated/workbook.xlsx builds it
 * (server/consolidation), from the current plan and the store's latest data, read when the worker
 * sends — never when a change is recorded — so a burst of changes is sent once, as it ended.
 */
import { consolidatedWorkbookSpec, type Lang, type WorkbookSpec } from '#core';
import {
  consolidationInputFromStore,
  consolidationOf,
  dataTime,
} from '../consolidation/consolidated-workbook.ts';
import { PlanCache } from '../plan/plan-cache.ts';
import type { Store } from '../store/store.ts';

export function consolidatedWorkbookSource(store: Store, lang: Lang = 'fr'): () => Promise<WorkbookSpec> {
  const plans = new PlanCache(store);
  return async () => {
    const current = await plans.current();
    if (!current)
      throw new Error('Aucun plan publié : rien à consolider. No plan published: nothing to consolidate.');
    const input = await consolidationInputFromStore(store, current.index);
    return consolidatedWorkbookSpec(consolidationOf(input), current.index, {
      lang,
      // The time of the data, as in the .xlsx: an unchanged workbook is resent unchanged.
      generatedAt: dataTime(input.log),
      log: input.log,
    });
  };
}
