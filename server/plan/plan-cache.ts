/**
 * The hosted plans' published versions, indexed once each. Versions never change once published,
 * so an index is cached by its ETag; asking for a current one costs one small query (the version
 * list), which keeps several service instances in step without any state of their own.
 *
 * Several plans are hosted side by side, each with its current version. Where a request names no
 * plan, the service's default plan answers: the one PAC_DEFAULT_PLAN names, else the shipped
 * plan's id — when that plan is hosted; otherwise the plan published last (a service hosting one
 * plan of its own, as before).
 */
import { indexPlan, type PlanIndex } from '#core';
import type { PlanVersionRow, Store } from '../store/store.ts';
import { shippedPlan } from './shipped-plan.ts';

export interface LoadedPlan {
  row: PlanVersionRow;
  index: PlanIndex;
}

export class PlanCache {
  readonly #byEtag = new Map<string, LoadedPlan>();
  readonly #defaultPlanId: string | null;

  /** `defaultPlanId`: PAC_DEFAULT_PLAN when set; the shipped plan's id otherwise. */
  constructor(
    private readonly store: Store,
    defaultPlanId?: string | null,
  ) {
    this.#defaultPlanId = defaultPlanId ?? null;
  }

  /** The plan a request naming none is for (see the header). */
  get defaultPlanId(): string {
    return this.#defaultPlanId ?? shippedPlan().plan.plan.id;
  }

  /** The current version of the plan `planId`; of the default plan when none is named. */
  async current(planId?: string): Promise<LoadedPlan | null> {
    const hosted = await this.hosted();
    // One plan hosted: it answers, without reading the shipped plan to learn the default's id.
    const row =
      planId !== undefined
        ? hosted.find((r) => r.planId === planId)
        : hosted.length < 2
          ? hosted[0]
          : (hosted.find((r) => r.planId === this.defaultPlanId) ?? hosted[0]);
    return row ? this.#load(row) : null;
  }

  /** The current version of each hosted plan, the plan published last first. */
  async hosted(): Promise<PlanVersionRow[]> {
    return (await this.store.listPlanVersions()).filter((r) => r.current);
  }

  /** Every hosted plan, loaded, the plan published last first. */
  async all(): Promise<LoadedPlan[]> {
    const loaded = await Promise.all((await this.hosted()).map((row) => this.#load(row)));
    return loaded.filter((p): p is LoadedPlan => p !== null);
  }

  /** A version of the plan `planId` (of the default plan when none is named), current or not. */
  async version(version: string, planId?: string): Promise<LoadedPlan | null> {
    const id = planId ?? (await this.current())?.row.planId;
    const rows = await this.store.listPlanVersions();
    const row = rows.find((r) => r.version === version && r.planId === id);
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
