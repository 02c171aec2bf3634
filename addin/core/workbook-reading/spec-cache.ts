/**
 * The workbook PAC would build for a plan, kept per plan index and key (ministry, language,
 * period): readers compare file after file against the same few specs, and only their formulas and
 * row keys are read, which the generation time does not change.
 */
import type { PlanIndex } from '../plan-index.ts';
import type { WorkbookSpec } from '../workbook-spec/spec.ts';

const specs = new WeakMap<PlanIndex, Map<string, WorkbookSpec>>();

export function cachedSpec(index: PlanIndex, key: string, build: () => WorkbookSpec): WorkbookSpec {
  let byKey = specs.get(index);
  if (!byKey) {
    byKey = new Map();
    specs.set(index, byKey);
  }
  let spec = byKey.get(key);
  if (!spec) {
    spec = build();
    byKey.set(key, spec);
  }
  return spec;
}
