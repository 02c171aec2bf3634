/**
 * The consolidator's dashboard in the browser: the controller that holds the state (./state.ts),
 * fetches from the sync service (./api.ts) and redraws the views (./views/*) after every change.
 *
 * The token lives in sessionStorage only — gone when the tab closes or on sign-out, never in the
 * address or in localStorage (only the language choice is kept there). Every page has its address
 * — the board #/, the money #/financement, a return #/retour/MINISTRY/VERSION, a refused send
 * #/envoi/MINISTRY/ID — so the browser's Back button, a bookmark and a reload all land where the
 * user was. Focus is placed deliberately after each navigation or action, and outcomes are
 * announced in a live region that sits in the page's flow above the content (it never covers a
 * button) and speaks the page's language.
 */
import type { ConsolidationJson, Lang } from '#core';
import { api, type Client, failureMessages, ServiceError, type StatusJson, serviceClient } from './api.ts';
import { NARROW_CHART } from './charts.ts';
import { fill, saveFile, writeNumbersWith } from './dom.ts';
import { executionPage } from './execution-page.ts';
import { planCycles } from './plan-cycles.ts';
import { type Actions, dataOf, type Load, type Messages, type State, type ViewContext } from './state.ts';
import { attemptView } from './views/attempt.ts';
import { boardView, overviewView } from './views/board.ts';
import { executionView } from './views/execution.ts';
import { moneyView } from './views/money.ts';
import { planCyclesView } from './views/plan-cycles.ts';
import { returnView } from './views/return.ts';
import { headerView, signInView } from './views/shell.ts';
import { type DashboardWording, type PageName, type ReviewActionName, WORDING } from './wording.ts';

const TOKEN_KEY = 'pac.dashboard.token';
const LANG_KEY = 'pac.dashboard.lang';

const header = document.getElementById('top') as HTMLElement;
const view = document.getElementById('view') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;

/** The money page's address; the board is #/ (or no address at all). */
const MONEY_HASH = '#/financement';
/** The execution follow-up page (./views/execution.ts). */
const EXECUTION_HASH = '#/execution';

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

const fresh = (): Pick<
  State,
  | 'status'
  | 'consolidated'
  | 'route'
  | 'page'
  | 'detail'
  | 'attemptRoute'
  | 'attempt'
  | 'diff'
  | 'review'
  | 'download'
> => ({
  status: { kind: 'idle' },
  consolidated: { kind: 'idle' },
  route: null,
  page: 'board',
  detail: { kind: 'idle' },
  attemptRoute: null,
  attempt: { kind: 'idle' },
  diff: { from: null, to: null, result: { kind: 'idle' } },
  review: { comment: '', busy: null, error: null, commentMissing: false },
  download: { busy: false, error: null, done: null },
});

const state: State = {
  lang: storedLang(),
  me: null,
  plans: [],
  plan: null,
  signIn: { busy: false, error: null },
  expanded: new Set(),
  // A first guess from the window; the first redraw with a chart measures the real width.
  chartWidth: Math.max(NARROW_CHART - 100, Math.min(720, window.innerWidth - 90)),
  ...fresh(),
};

let client: Client | null = null;
/** The data-key or id to focus after the next redraw. */
let pendingFocus: string | null = null;
/** Answers to an older request are dropped: a slow reply must not overwrite a newer one. */
const generation = { status: 0, consolidated: 0, detail: 0, diff: 0, attempt: 0 };
let printing = false;

const w = () => WORDING[state.lang];

/** What the live region says, as words of either language: a switch of language rewords it. */
let notice: ((w: DashboardWording) => string) | null = null;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

function showNotice(): void {
  const text = notice ? notice(w()) : '';
  // Only a change is written: the same words again would be read out again.
  if (live.textContent !== text) live.textContent = text;
}

function setNotice(say: ((w: DashboardWording) => string) | null): void {
  clearTimeout(noticeTimer);
  notice = say;
  showNotice();
}

function announce(say: (w: DashboardWording) => string): void {
  // Emptied first so that the same sentence twice is read twice; gone after a while, as a toast.
  setNotice(null);
  noticeTimer = setTimeout(() => {
    notice = say;
    showNotice();
    noticeTimer = setTimeout(() => setNotice(null), 10_000);
  }, 50);
}

/**
 * Charts are drawn for the width they are shown at (./charts.ts): after a redraw, or when the
 * window changes size, the first chart's box is measured and, if it changed, the page is drawn
 * again for it. The box does not depend on the drawing, so this settles after one more redraw.
 */
function fitCharts(): void {
  if (printing) return;
  const figure = view.querySelector<HTMLElement>('.chart-figure');
  const width = figure ? Math.floor(figure.clientWidth) : 0;
  if (width > 0 && Math.abs(width - state.chartWidth) >= 2) {
    state.chartWidth = width;
    render();
  }
}

function render(): void {
  const context: ViewContext = { state, w: w(), lang: state.lang, act: actions };
  document.documentElement.lang = state.lang;
  document.title = w().pageTitle;
  writeNumbersWith(w().count);
  fill(header, ...headerView(context));
  if (!state.me) fill(view, signInView(context));
  else if (state.route) fill(view, returnView(context));
  else if (state.attemptRoute) fill(view, attemptView(context));
  else if (state.page === 'money') fill(view, moneyView(context), planCyclesView(context, cycles));
  else if (state.page === 'execution') fill(view, executionView(context, execution));
  else fill(view, overviewView(context), boardView(context));
  showNotice();
  fitCharts();
  if (pendingFocus !== null) {
    const key = pendingFocus;
    const target =
      document.getElementById(key) ?? document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (target) {
      pendingFocus = null;
      target.focus();
    }
  }
}

/** A refused token during the session (revoked, expired): back to sign-in with the service's words. */
function sessionEnded(error: unknown): boolean {
  if (!(error instanceof ServiceError) || error.status !== 401) return false;
  signOut(error.messages);
  return true;
}

/** What the two page-wide fetches bring; the state holds each as a Load of it. */
interface Fetched {
  status: StatusJson;
  consolidated: ConsolidationJson;
}

async function loadInto<K extends keyof Fetched>(
  key: K,
  fetch: (c: Client) => Promise<Fetched[K]>,
): Promise<void> {
  const c = client;
  if (!c) return;
  // State['status'] is Load<Fetched['status']> and so on; TypeScript cannot see it through K.
  const slot = state as unknown as Record<K, Load<Fetched[K]>>;
  const gen = ++generation[key];
  const previous = dataOf(slot[key]);
  slot[key] = { kind: 'loading', data: previous };
  render();
  try {
    const data = await fetch(c);
    if (gen !== generation[key] || client !== c) return;
    slot[key] = { kind: 'ok', data };
  } catch (error) {
    if (gen !== generation[key] || client !== c || sessionEnded(error)) return;
    slot[key] = { kind: 'failed', messages: failureMessages(error), data: previous };
  }
  render();
}

function refreshAll(): Promise<void> {
  // Two plans' comparison does not move with the returns: fetched once per pair shown.
  if (state.page === 'money' && cycles.state.diff.kind === 'idle') void cycles.load();
  return Promise.all([loadInto('status', api.status), loadInto('consolidated', api.consolidated)]).then(
    () => {},
  );
}

function parseRoute(hash: string): State['route'] {
  const m = /^#\/retour\/([^/]+)(?:\/(\d+))?$/.exec(hash);
  if (!m) return null;
  return { ministry: decodeURIComponent(m[1] as string), version: m[2] ? Number(m[2]) : null };
}

function parsePage(hash: string): PageName {
  return hash === MONEY_HASH ? 'money' : hash === EXECUTION_HASH ? 'execution' : 'board';
}

/** The heading that takes the focus when a page is opened. */
const pageHeading: Record<PageName, string> = {
  board: 'overview-h',
  money: 'money-h',
  execution: 'execution-h',
};

function parseAttemptRoute(hash: string): State['attemptRoute'] {
  const m = /^#\/envoi\/([^/]+)\/([^/]+)$/.exec(hash);
  return m ? { ministry: decodeURIComponent(m[1] as string), id: decodeURIComponent(m[2] as string) } : null;
}

/** Loads the routed refused send and the ministry's other recent ones (of its period, for an execution send). */
async function loadAttempt(focus: boolean): Promise<void> {
  const c = client;
  const route = state.attemptRoute;
  if (!c || !route) return;
  const gen = ++generation.attempt;
  const previous = dataOf(state.attempt);
  state.attempt = { kind: 'loading', data: previous?.shown.id === route.id ? previous : null };
  render();
  try {
    const { attempt } = await api.attempt(c, route.ministry, route.id);
    const { attempts } =
      attempt.period === null
        ? await api.attempts(c, route.ministry)
        : await api.executionAttempts(c, attempt.period, route.ministry);
    if (gen !== generation.attempt) return;
    state.attempt = { kind: 'ok', data: { shown: attempt, recent: attempts } };
    if (focus) pendingFocus = 'attempt-h';
  } catch (error) {
    if (gen !== generation.attempt || sessionEnded(error)) return;
    state.attempt = { kind: 'failed', messages: failureMessages(error), data: null };
  }
  render();
}

async function compareVersions(): Promise<void> {
  const c = client;
  const d = dataOf(state.detail);
  const { from, to } = state.diff;
  if (!c || !d || from === null || to === null) return;
  const gen = ++generation.diff;
  state.diff = { from, to, result: { kind: 'loading', data: null } };
  render();
  try {
    const data = await api.diff(c, d.ret.return.ministry, from, to);
    if (gen !== generation.diff) return;
    state.diff = { from, to, result: { kind: 'ok', data } };
  } catch (error) {
    if (gen !== generation.diff || sessionEnded(error)) return;
    state.diff = { from, to, result: { kind: 'failed', messages: failureMessages(error), data: null } };
  }
  render();
}

/** Loads the routed return (its latest version when none is named) and its history, then compares it with the one before. */
async function loadDetail(focus: boolean): Promise<void> {
  const c = client;
  const route = state.route;
  if (!c || !route) return;
  const gen = ++generation.detail;
  const previous = dataOf(state.detail);
  const same = previous?.ret.return.ministry === route.ministry;
  state.detail = { kind: 'loading', data: same ? previous : null };
  render();
  try {
    const [list, named] = await Promise.all([
      api.versions(c, route.ministry),
      route.version === null ? null : api.version(c, route.ministry, route.version),
    ]);
    const versions = [...list.returns].sort((a, b) => b.version - a.version);
    // No version at all (an address typed by hand): asking for version 1 gets the service's own 404.
    const ret = named ?? (await api.version(c, route.ministry, versions[0]?.version ?? 1));
    if (gen !== generation.detail) return;
    state.detail = { kind: 'ok', data: { ret, versions } };
    const shown = ret.return.version;
    const before = versions.find((v) => v.version < shown)?.version ?? null;
    state.diff = { from: before, to: before === null ? null : shown, result: { kind: 'idle' } };
    if (focus) pendingFocus = 'return-h';
    render();
    if (before !== null) await compareVersions();
  } catch (error) {
    if (gen !== generation.detail || sessionEnded(error)) return;
    state.detail = { kind: 'failed', messages: failureMessages(error), data: null };
    render();
  }
}

function onRoute(): void {
  const route = state.me ? parseRoute(location.hash) : null;
  const attemptRoute = state.me ? parseAttemptRoute(location.hash) : null;
  const was = state.route;
  const wasPage = state.page;
  const wasAttempt = state.attemptRoute;
  state.route = route;
  state.attemptRoute = attemptRoute;
  state.page = parsePage(location.hash);
  if (route) {
    if (was?.ministry !== route.ministry) state.review = fresh().review;
    void loadDetail(true);
  } else if (attemptRoute) {
    void loadAttempt(true);
  } else {
    state.detail = { kind: 'idle' };
    state.attempt = { kind: 'idle' };
    if (state.page === 'execution' && wasPage !== 'execution') execution.actions.refresh();
    // Back on the board: to the button that opened the return, where the keyboard user left off.
    if (was && state.page === 'board') pendingFocus = `open-${was.ministry}`;
    else if (wasAttempt && state.page === 'board') pendingFocus = `refusal-${wasAttempt.ministry}`;
    else if (wasAttempt && state.page === 'execution') pendingFocus = `exec-refusal-${wasAttempt.ministry}`;
    else if (was || wasAttempt || wasPage !== state.page) pendingFocus = pageHeading[state.page];
    render();
  }
}

function navigate(hash: string): void {
  const url = `${location.pathname}${location.search}${hash}`;
  if (`${location.pathname}${location.search}${location.hash}` !== url) history.pushState(null, '', url);
  onRoute();
}

function signOut(reason: Messages | null = null): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (private mode): there is nothing kept to erase.
  }
  client = null;
  for (const key of Object.keys(generation) as (keyof typeof generation)[]) generation[key]++;
  Object.assign(state, fresh(), { me: null, plans: [], plan: null, signIn: { busy: false, error: reason } });
  execution.reset();
  cycles.reset();
  // What was said to this session is not left on screen for the next person.
  setNotice(null);
  if (location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`);
  pendingFocus = 'token';
  render();
}

async function signIn(typed: string, silent = false): Promise<void> {
  const token = typed.trim();
  if (!token) {
    state.signIn = { busy: false, error: { fr: WORDING.fr.tokenEmpty, en: WORDING.en.tokenEmpty } };
    pendingFocus = 'token';
    render();
    return;
  }
  state.signIn = { busy: true, error: null };
  render();
  // Every call carries the plan shown (?plan=); until the list is in, the service's default answers.
  const c = serviceClient(
    token,
    () => state.lang,
    fetch,
    () => state.plan,
  );
  try {
    const me = await api.me(c);
    if (me.role === 'ministry') {
      state.signIn = { busy: false, error: { fr: WORDING.fr.ministryToken, en: WORDING.en.ministryToken } };
      pendingFocus = 'token';
      render();
      return;
    }
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Without session storage the dashboard still works; a reload asks for the token again.
    }
    const { plans, default: defaultPlan } = await api.plans(c);
    client = c;
    state.plans = plans;
    // A single plan: nothing to choose, and the calls stay as they always were (no ?plan=).
    state.plan =
      plans.length < 2 ? null : state.plans.some((p) => p.id === state.plan) ? state.plan : defaultPlan;
    state.me = me;
    state.signIn = { busy: false, error: null };
    state.route = parseRoute(location.hash);
    state.attemptRoute = parseAttemptRoute(location.hash);
    state.page = parsePage(location.hash);
    if (!silent && !state.route && !state.attemptRoute) pendingFocus = pageHeading[state.page];
    if (state.route) void loadDetail(true);
    if (state.attemptRoute) void loadAttempt(true);
    if (state.page === 'execution') execution.actions.refresh();
    await refreshAll();
  } catch (error) {
    if (silent && error instanceof ServiceError && error.status === 401) {
      signOut(error.messages);
      return;
    }
    // Otherwise (the line is down, say) a kept token stays kept: reloading the page tries it again.
    state.signIn = { busy: false, error: failureMessages(error) };
    pendingFocus = 'token';
    render();
  }
}

async function review(action: ReviewActionName): Promise<void> {
  const c = client;
  const d = dataOf(state.detail);
  if (!c || !d || state.review.busy) return;
  const comment = state.review.comment.trim();
  if (action === 'return' && comment === '') {
    state.review = { ...state.review, commentMissing: true, error: null };
    pendingFocus = 'comment';
    render();
    return;
  }
  const { ministry, version } = d.ret.return;
  state.review = { ...state.review, busy: action, error: null, commentMissing: false };
  render();
  try {
    await api.review(c, ministry, version, action, comment === '' ? null : comment);
    state.review = fresh().review;
    announce((words) => words.reviewDone[action](ministry, version));
    // The board, the money and this return all change with a decision: fetch them again.
    void refreshAll();
    await loadDetail(true);
  } catch (error) {
    if (sessionEnded(error)) return;
    state.review = { ...state.review, busy: null, error: failureMessages(error) };
    render();
  }
}

async function download(): Promise<void> {
  const c = client;
  if (!c || state.download.busy) return;
  state.download = { busy: true, error: null, done: null };
  render();
  try {
    const { blob, fileName } = await api.workbook(c, state.lang);
    saveFile(blob, fileName);
    state.download = { busy: false, error: null, done: fileName };
    announce((words) => words.downloaded(fileName));
  } catch (error) {
    if (sessionEnded(error)) return;
    state.download = { busy: false, error: failureMessages(error), done: null };
  }
  render();
}

/** The money page's cycle comparison, with what it borrows from this controller. */
const cycles = planCycles({
  client: () => client,
  plans: () => state.plans,
  shown: () => state.plan,
  render: () => render(),
  sessionEnded,
});

/** The execution follow-up page, with what it borrows from this controller. */
const execution = executionPage({
  client: () => client,
  planId: () => state.plan ?? state.me?.plan?.id ?? null,
  lang: () => state.lang,
  render: () => render(),
  focus: (key) => {
    pendingFocus = key;
  },
  announce: (say) => announce(() => say(execution.words(state.lang))),
  sessionEnded,
});

const actions: Actions = {
  signIn: (token) => void signIn(token),
  signOut: () => signOut(),
  switchLang() {
    state.lang = state.lang === 'fr' ? 'en' : 'fr';
    try {
      localStorage.setItem(LANG_KEY, state.lang);
    } catch {
      // Not kept: the next visit opens in French, the working language.
    }
    pendingFocus = 'lang-switch';
    render();
  },
  choosePlan(planId) {
    if (planId === state.plan || state.plans.length < 2 || !state.plans.some((p) => p.id === planId)) return;
    state.plan = planId;
    // Nothing of the other plan stays on screen: its board, money and any return open.
    for (const key of Object.keys(generation) as (keyof typeof generation)[]) generation[key]++;
    Object.assign(state, fresh());
    execution.reset();
    cycles.reset();
    pendingFocus = 'plan-picker';
    navigate('');
    void refreshAll();
  },
  refresh: () => {
    if (state.page === 'execution') execution.actions.refresh();
    void refreshAll();
    if (state.route) void loadDetail(false);
    if (state.attemptRoute) void loadAttempt(false);
  },
  open: (ministry, version) =>
    navigate(`#/retour/${encodeURIComponent(ministry)}${version === undefined ? '' : `/${version}`}`),
  show(page) {
    navigate(page === 'money' ? MONEY_HASH : page === 'execution' ? EXECUTION_HASH : '#/');
    // A page opened is a page read now: its numbers are fetched again (the old ones show meanwhile).
    if (page === 'execution') execution.actions.refresh();
    else void refreshAll();
  },
  openAttempt: (ministry, id) =>
    navigate(`#/envoi/${encodeURIComponent(ministry)}/${encodeURIComponent(id)}`),
  closeReturn: () => navigate(''),
  setComment(text) {
    // No redraw while typing: the textarea already shows it, and a redraw would only cost.
    state.review.comment = text;
    if (state.review.commentMissing && text.trim() !== '') {
      state.review.commentMissing = false;
      render();
    }
  },
  review: (action) => void review(action),
  chooseDiff(end, version) {
    state.diff = { ...state.diff, [end]: version };
  },
  compare: () => void compareVersions(),
  download: () => void download(),
  toggleMissing(ministry, open) {
    if (printing) return;
    if (open) state.expanded.add(ministry);
    else state.expanded.delete(ministry);
  },
};

window.addEventListener('popstate', onRoute);
let resizeFrame = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(fitCharts);
});
// Folded lists would print folded: unfold everything for paper, then draw the page as it was.
window.addEventListener('beforeprint', () => {
  printing = true;
  for (const d of document.querySelectorAll('details')) d.open = true;
});
window.addEventListener('afterprint', () => {
  setTimeout(() => {
    printing = false;
    render();
  }, 0);
});

let saved: string | null = null;
try {
  saved = sessionStorage.getItem(TOKEN_KEY);
} catch {
  saved = null;
}
render();
if (saved) void signIn(saved, true);
