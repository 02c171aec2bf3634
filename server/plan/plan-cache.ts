/**
 * The published plan versions, indexed once each. Versions never change once published, so an
 * index is cached by its ETag; asking for the current one costs one small query (the version
 * list), which keeps several service instances in step without any state of their own.
 */
import { indexPlan, type PlanIndex } from '#core';
import type { PlanVersionRow, Store } from '../store/store.ts';

export interface LoadedPlan {
  row: PlanVersionRow;
  index: PlanIndex;
}

export class PlanCache {
  readonly #byEtag = new Map<string, LoadedPlan>();

  constructor(private readonly store: Store) {}

  async current(): Promise<LoadedPlan | null> {
    const rows = await this.store.listPlanVersions();
    const row = rows.find((r) => r.current);
    return row ? this.#load(row) : null;
  }

  async version(version: string, planId?: string): Promise<LoadedPlan | null> {
    const rows = await this.store.listPlanVersions();
    const row = rows.find((r) => r.version === version && (planId === undefined || r.planId === planId));
    return row ? this.#load(row) : null;
  }

  async #load(row: PlanVersionRow): Promise<LoadedPlan | null> {
    const cached = this.#byEtag.get(row.etag);
    if (cached) return { row, index: cached.index };
    const loaded = await this.store.planVersion(row.version, row.planId);
    if (!loaded) return null;
    const entry = { row: loaded.row, index: indexPlan(loaded.plan) };
    this.#byEtag.set(row.etag, entry);
    return entry;
  }
}
