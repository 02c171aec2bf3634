/**
 * The execution page's state and what it can do (the view is ./views/execution.ts): the periods of
 * the plan, the one chosen (newest by default), its status per ministry and its consolidation with
 * the heat table, opening a new period, accepting or returning a ministry's follow-up (a comment is
 * required to return), and the two workbooks. Kept apart from ./main.ts, which only routes
 * #/execution here and lends its client, redraw and announcements.
 */
import type { Lang } from '#core';
import { type Client, failureMessages } from './api.ts';
import { saveFile } from './dom.ts';
import {
  type ExecutionReviewAction,
  executionApi,
  type PeriodConsolidationJson,
  type PeriodStatusJson,
  type PeriodView,
} from './execution-api.ts';
import { EXECUTION_PAGE_WORDING, type ExecutionWording } from './execution-wording.ts';
import { dataOf, type Load, type Messages } from './state.ts';

export interface ExecutionPageState {
  periods: Load<PeriodView[]>;
  selected: string | null;
  status: Load<PeriodStatusJson>;
  consolidation: Load<PeriodConsolidationJson>;
  open: { key: string; deadline: string; busy: boolean; error: Messages | null };
  /** The ministry whose « Renvoyer » form is open, with its comment. */
  returning: { ministry: string; comment: string; missing: boolean } | null;
  review: { busy: string | null; error: Messages | null };
  download: { busy: 'review' | 'annual' | null; error: Messages | null };
}

export function freshExecutionPage(): ExecutionPageState {
  return {
    periods: { kind: 'idle' },
    selected: null,
    status: { kind: 'idle' },
    consolidation: { kind: 'idle' },
    open: { key: '', deadline: '', busy: false, error: null },
    returning: null,
    review: { busy: null, error: null },
    download: { busy: null, error: null },
  };
}

/** What ./main.ts lends the page. */
export interface ExecutionHost {
  client(): Client | null;
  planId(): string | null;
  lang(): Lang;
  render(): void;
  focus(key: string): void;
  announce(say: (w: ExecutionWording) => string): void;
  /** True when the error ended the session (401): the page then does nothing more. */
  sessionEnded(error: unknown): boolean;
}

export interface ExecutionActions {
  refresh(): void;
  select(key: string): void;
  setOpen(field: 'key' | 'deadline', value: string): void;
  openPeriod(): void;
  accept(ministry: string, returnId: string): void;
  askReturn(ministry: string): void;
  setComment(text: string): void;
  confirmReturn(returnId: string): void;
  cancelReturn(): void;
  download(kind: 'review' | 'annual'): void;
}

export function executionPage(host: ExecutionHost) {
  const state = freshExecutionPage();
  let generation = 0;

  const fail = (error: unknown): Messages | null =>
    host.sessionEnded(error) ? null : failureMessages(error);

  /** The chosen period's status and consolidation, fetched together. */
  async function loadPeriod(): Promise<void> {
    const c = host.client();
    const key = state.selected;
    if (!c || !key) return;
    const gen = ++generation;
    state.status = { kind: 'loading', data: dataOf(state.status) };
    state.consolidation = { kind: 'loading', data: dataOf(state.consolidation) };
    host.render();
    const plan = host.planId();
    const [status, consolidation] = await Promise.allSettled([
      executionApi.status(c, plan, key),
      executionApi.consolidation(c, plan, key),
    ]);
    if (gen !== generation) return;
    for (const [slot, result] of [
      ['status', status],
      ['consolidation', consolidation],
    ] as const) {
      if (result.status === 'fulfilled')
        (state as Record<typeof slot, Load<unknown>>)[slot] = { kind: 'ok', data: result.value };
      else {
        const messages = fail(result.reason);
        if (messages === null) return;
        (state as Record<typeof slot, Load<unknown>>)[slot] = { kind: 'failed', messages, data: null };
      }
    }
    host.render();
  }

  async function refresh(): Promise<void> {
    const c = host.client();
    if (!c) return;
    state.periods = { kind: 'loading', data: dataOf(state.periods) };
    host.render();
    try {
      const { periods } = await executionApi.periods(c, host.planId());
      state.periods = { kind: 'ok', data: periods };
      if (!state.selected || !periods.some((p) => p.key === state.selected))
        state.selected = periods[0]?.key ?? null;
    } catch (error) {
      const messages = fail(error);
      if (messages === null) return;
      state.periods = { kind: 'failed', messages, data: dataOf(state.periods) };
    }
    host.render();
    await loadPeriod();
  }

  async function openPeriod(): Promise<void> {
    const c = host.client();
    const key = state.open.key.trim();
    if (!c || state.open.busy) return;
    state.open = { ...state.open, busy: true, error: null };
    host.render();
    try {
      const { period } = await executionApi.open(c, host.planId(), key, state.open.deadline.trim() || null);
      state.open = freshExecutionPage().open;
      state.selected = period.key;
      host.announce((w) => w.opened(period.key));
      host.focus('execution-status-h');
      await refresh();
    } catch (error) {
      const messages = fail(error);
      if (messages === null) return;
      state.open = { ...state.open, busy: false, error: messages };
      host.focus('period-key');
      host.render();
    }
  }

  async function review(
    ministry: string,
    returnId: string,
    action: ExecutionReviewAction,
    comment: string | null,
  ): Promise<void> {
    const c = host.client();
    const key = state.selected;
    if (!c || !key || state.review.busy) return;
    state.review = { busy: ministry, error: null };
    host.render();
    try {
      await executionApi.review(c, host.planId(), key, returnId, action, comment);
      state.review = { busy: null, error: null };
      state.returning = null;
      host.announce((w) => w.reviewed[action](ministry));
      host.focus(`exec-row-${ministry}`);
      await loadPeriod();
    } catch (error) {
      const messages = fail(error);
      if (messages === null) return;
      state.review = { busy: null, error: messages };
      host.render();
    }
  }

  async function download(kind: 'review' | 'annual'): Promise<void> {
    const c = host.client();
    const period = dataOf(state.periods)?.find((p) => p.key === state.selected);
    if (!c || !period || state.download.busy) return;
    state.download = { busy: kind, error: null };
    host.render();
    try {
      const lang = host.lang();
      const { blob, fileName } =
        kind === 'review'
          ? await executionApi.reviewWorkbook(c, host.planId(), period.key, lang)
          : await executionApi.annualPlan(c, host.planId(), period.year, lang);
      saveFile(blob, fileName);
      state.download = { busy: null, error: null };
    } catch (error) {
      const messages = fail(error);
      if (messages === null) return;
      state.download = { busy: null, error: messages };
    }
    host.render();
  }

  const actions: ExecutionActions = {
    refresh: () => void refresh(),
    select(key) {
      state.selected = key;
      state.returning = null;
      void loadPeriod();
    },
    setOpen(field, value) {
      // No redraw while typing: the field already shows it.
      state.open[field] = value;
    },
    openPeriod: () => void openPeriod(),
    accept: (ministry, returnId) => void review(ministry, returnId, 'accept', null),
    askReturn(ministry) {
      state.returning = { ministry, comment: '', missing: false };
      host.focus('return-comment');
      host.render();
    },
    setComment(text) {
      if (!state.returning) return;
      state.returning.comment = text;
      if (state.returning.missing && text.trim() !== '') {
        state.returning.missing = false;
        host.render();
      }
    },
    confirmReturn(returnId) {
      const r = state.returning;
      if (!r) return;
      if (r.comment.trim() === '') {
        state.returning = { ...r, missing: true };
        host.focus('return-comment');
        host.render();
        return;
      }
      void review(r.ministry, returnId, 'return', r.comment.trim());
    },
    cancelReturn() {
      const ministry = state.returning?.ministry;
      state.returning = null;
      if (ministry) host.focus(`exec-return-${ministry}`);
      host.render();
    },
    download: (kind) => void download(kind),
  };

  return {
    state,
    actions,
    reset() {
      generation++;
      Object.assign(state, freshExecutionPage());
    },
    words: (lang: Lang) => EXECUTION_PAGE_WORDING[lang],
  };
}

export type ExecutionPage = ReturnType<typeof executionPage>;
