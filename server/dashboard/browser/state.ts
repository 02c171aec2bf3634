/**
 * What the page knows and what it can do, shared by the views (./views/*) and the controller
 * (./main.ts). Every fetched thing is a `Load`, so that each view can say "loading", show the
 * previous data while a refresh runs, or show the service's message when it failed.
 */
import type { ConsolidationJson, Lang } from '#core';
import type {
  Attempt,
  AttemptDetailJson,
  DiffJson,
  Me,
  PlanSummary,
  ReturnJson,
  StatusJson,
  Summary,
} from './api.ts';
import type { DashboardWording, PageName, ReviewActionName } from './wording.ts';

export type Messages = Record<Lang, string>;

export type Load<T> =
  | { kind: 'idle' }
  | { kind: 'loading'; data: T | null }
  | { kind: 'ok'; data: T }
  | { kind: 'failed'; messages: Messages; data: T | null };

/** The data of a Load whatever its state: what a view can still show while it reloads or after a failure. */
export function dataOf<T>(load: Load<T>): T | null {
  return load.kind === 'idle' ? null : load.data;
}

export interface Detail {
  ret: ReturnJson;
  /** Latest first. */
  versions: Summary[];
}

/** A refused send with the ministry's other recent ones. */
export interface AttemptDetail {
  shown: AttemptDetailJson['attempt'];
  /** Latest first. */
  recent: Attempt[];
}

export interface State {
  lang: Lang;
  me: Me | null;
  /** The hosted plans (GET /api/plans) and the one shown; the picker shows when there are several. */
  plans: PlanSummary[];
  plan: string | null;
  signIn: { busy: boolean; error: Messages | null };
  status: Load<StatusJson>;
  consolidated: Load<ConsolidationJson>;
  /** The return shown, from the address (#/retour/MEF/2); null shows `page`. */
  route: { ministry: string; version: number | null } | null;
  /** The page shown when no return is: the board (#/) or the money (#/financement). */
  page: PageName;
  /** The width the charts are shown at, in CSS pixels, measured after each redraw (./main.ts). */
  chartWidth: number;
  detail: Load<Detail>;
  /** The refused send shown, from the address (#/envoi/MEF/ID); null otherwise. */
  attemptRoute: { ministry: string; id: string } | null;
  attempt: Load<AttemptDetail>;
  diff: { from: number | null; to: number | null; result: Load<DiffJson> };
  review: { comment: string; busy: ReviewActionName | null; error: Messages | null; commentMissing: boolean };
  download: { busy: boolean; error: Messages | null; done: string | null };
  /** Ministries whose list of missing activities is unfolded, kept across redraws. */
  expanded: Set<string>;
}

/** What the views may ask for; the controller does it and redraws. */
export interface Actions {
  signIn(token: string): void;
  signOut(): void;
  switchLang(): void;
  /** Show another hosted plan: everything is fetched again for it. */
  choosePlan(planId: string): void;
  refresh(): void;
  open(ministry: string, version?: number): void;
  /** Go to one of the pages (the board, the money). */
  show(page: PageName): void;
  openAttempt(ministry: string, id: string): void;
  closeReturn(): void;
  setComment(text: string): void;
  review(action: ReviewActionName): void;
  /** One end of the comparison changed; the other stays as chosen. */
  chooseDiff(end: 'from' | 'to', version: number): void;
  compare(): void;
  download(): void;
  toggleMissing(ministry: string, open: boolean): void;
}

/** Everything a view reads: the state, the wording in the chosen language, and the actions. */
export interface ViewContext {
  state: State;
  w: DashboardWording;
  lang: Lang;
  act: Actions;
}
