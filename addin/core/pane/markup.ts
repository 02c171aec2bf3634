/**
 * The pane's markup as HTML strings, drawn from its state in the pane's language: the Excel task
 * pane and the Google Sheets sidebar show the same pane. Everything that comes from data (labels,
 * messages, sheet names, comments) is escaped. Buttons carry `data-action`, which ./view.ts turns
 * into calls on the controller; nothing here touches the DOM, so the markup is testable as text.
 *
 * Top to bottom, in the order a planner needs them: what just happened (the last action's result,
 * the step under way) and the Permanent Secretariat's review, which stay above everything that can
 * grow; the connection; the workbook; the two actions; then the findings, grouped by code with a
 * count, each group a native <details> that opens to the findings and their cells.
 */
import type { Finding } from '../findings.ts';
import type { Lang } from '../layout.ts';
import { shorten } from '../messages/format.ts';
import { messageOf, placeOf } from '../messages/index.ts';
import { formatMoney, moneyFromNumber } from '../money.ts';
import type { PlanWords } from '../plan-words.ts';
import { type Availability, availability, BLOCKERS, type Blocker, type PaneAction } from './availability.ts';
import { formatWhen, type PaneState, workbookCellOf } from './controller.ts';
import {
  executionReviewSection,
  executionTemplateBlock,
  executionWorkbookStatus,
} from './execution-markup.ts';
import { EXECUTION_PANE_WORDING } from './execution-wording.ts';
import { skippedLines } from './legacy-import.ts';
import { planChoiceMarkup } from './plan-choice.ts';
import { codeList, PANE_WORDING, type PaneWording } from './wording.ts';

/** Findings listed per group; more would only slow the pane down (the count is still shown). */
export const MAX_LISTED = 200;
/** A group of findings this short is shown open; a longer one shows its title and count until opened. */
export const OPEN_UP_TO = 3;
/** What an update changed or a conversion left out is read once, right after: open unless long. */
const OPEN_LIST_UP_TO = 8;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

export const PANE_CSS = `
.pac{display:block;font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,Roboto,Arial,sans-serif;font-size:13px;color:#201f1e;padding:10px 12px 24px;max-width:640px;margin:0 auto;line-height:1.4;box-sizing:border-box;overflow-wrap:anywhere}
.pac header{display:flex;align-items:center;justify-content:space-between;gap:8px;border-bottom:2px solid #1f3864}
.pac h1{font-size:18px;margin:0;color:#1f3864}
.pac .sub{font-size:11px;color:#605e5c;margin:2px 0 8px}
.pac h2{font-size:13px;margin:12px 0 6px;color:#1f3864;text-transform:uppercase;letter-spacing:.03em}
.pac h3{font-size:13px;margin:12px 0 4px}
.pac section{border-bottom:1px solid #edebe9;padding-bottom:8px}
.pac label{display:block;font-size:12px;margin:6px 0 2px;color:#323130}
.pac input,.pac select{width:100%;box-sizing:border-box;padding:5px 6px;border:1px solid #8a8886;border-radius:2px;font:inherit;min-height:30px}
.pac .hint{font-size:12px;color:#605e5c;margin:2px 0 6px}
.pac button{font:inherit;padding:5px 12px;margin:4px 6px 0 0;border-radius:2px;border:1px solid #8a8886;background:#fff;color:#201f1e;cursor:pointer;min-height:30px}
.pac button.primary{background:#1f3864;border-color:#1f3864;color:#fff}
.pac button:disabled{background:#f3f2f1;border-color:#c8c6c4;color:#6e6c6a;cursor:not-allowed}
.pac button:focus-visible,.pac summary:focus-visible,.pac input:focus-visible{outline:2px solid #0f6cbd;outline-offset:1px}
.pac button.link{border:none;background:none;color:#0f6cbd;padding:2px 0;margin:0;min-height:24px;text-align:left;text-decoration:underline}
.pac .link-lang{border:none;background:none;color:#0f6cbd;text-decoration:underline;padding:2px 0;margin:0;min-height:24px}
.pac .row{display:flex;align-items:center;justify-content:space-between;gap:8px;flex-wrap:wrap}
.pac .row button{margin:0}
.pac .status{font-weight:600;margin:4px 0}
.pac .status.connected{color:#107c10}.pac .status.offline,.pac .status.refused{color:#a4262c}
.pac .actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:10px}
.pac .actions button{flex:1 1 120px;font-weight:600;margin:0;min-height:34px}
.pac .reasons{margin:6px 0 0;padding:0}
.pac .reason{font-size:12px;color:#605e5c;margin:4px 0 0;padding-left:8px;border-left:3px solid #c8c6c4}
.pac progress{width:100%;height:8px;margin-top:6px}
.pac .busy{font-size:12px;color:#605e5c;margin-top:6px}
.pac .notice{padding:6px 8px;margin:8px 0 0;border-left:4px solid #0f6cbd;background:#f3f9fd}
.pac .notice.success{border-color:#107c10;background:#f1faf1}
.pac .notice.warning{border-color:#bf8f00;background:#fff8e1}
.pac .notice.error{border-color:#a4262c;background:#fdf3f4}
.pac .review{margin:4px 0}
.pac .review.returned{font-weight:600;color:#a4262c}.pac .review.accepted{font-weight:600;color:#107c10}
.pac .comment{margin:6px 0 0;padding:6px 8px;background:#faf9f8;border-left:4px solid #a4262c;white-space:pre-wrap}
.pac .summary{font-weight:600;font-size:14px;margin:4px 0}
.pac .summary .err{color:#a4262c}.pac .summary .warn{color:#8a6100}
.pac h3.errors{color:#a4262c}.pac h3.warnings{color:#8a6100}
.pac details.group{border:1px solid #edebe9;border-radius:2px;margin:4px 0}
.pac details.group>summary{cursor:pointer;padding:5px 8px;font-weight:600;min-height:24px;box-sizing:border-box}
.pac details.group.error>summary{border-left:4px solid #a4262c}
.pac details.group.warning>summary{border-left:4px solid #bf8f00}
.pac details.group[open]>summary{border-bottom:1px solid #edebe9}
.pac ul{padding-left:0;list-style:none;margin:4px 0}
.pac details.group ul{margin:0;padding:0 8px}
.pac li.finding{padding:4px 0;border-bottom:1px dotted #e1dfdd}
.pac li.finding:last-child{border-bottom:none}
.pac li.finding .place{font-family:Consolas,"Courier New",monospace;font-size:12px}
.pac li.finding span.place{color:#323130}
.pac .changes li{padding:2px 0}
.pac details.changes>summary{cursor:pointer;font-weight:600;margin:10px 0 4px;min-height:24px}
.pac .fix{margin:8px 0;padding:8px;border:1px solid #c8c6c4;border-left:4px solid #0f6cbd;background:#f3f9fd}
.pac .fix p{margin:0 0 4px}
.pac .fix h3{margin:0 0 4px}
.pac .fix ul{margin:4px 0;max-height:240px;overflow:auto}
.pac .fix li{font-family:Consolas,"Courier New",monospace;font-size:12px;padding:1px 0}
.pac .muted{color:#605e5c;font-size:12px}
.pac p{margin:4px 0}
`;

// --- Disabled buttons and their reasons ------------------------------------------------------------

interface GatedButton {
  action: PaneAction;
  label: string;
  primary?: boolean;
}

/**
 * Why a group of buttons cannot work: one line per reason, naming the buttons it holds back, each
 * with an id; `attributes` gives a button its `disabled` and the aria-describedby of its reasons.
 */
function reasonsFor(group: string, buttons: readonly GatedButton[], can: Availability, w: PaneWording) {
  const ids = new Map<Blocker, string>();
  const lines: string[] = [];
  for (const reason of BLOCKERS) {
    const held = buttons.filter((b) => can[b.action].includes(reason)).map((b) => b.label);
    if (held.length === 0) continue;
    const id = `pac-why-${group}-${reason}`;
    ids.set(reason, id);
    lines.push(`<p class="reason" id="${id}">${e(w.blockedFor(held, w.blocked[reason]))}</p>`);
  }
  return {
    html: lines.length > 0 ? `<div class="reasons">${lines.join('')}</div>` : '',
    attributes(action: PaneAction, busy: boolean, describedBy: readonly string[] = []): string {
      const blockers = can[action];
      const all = [...describedBy, ...blockers.flatMap((b) => ids.get(b) ?? [])];
      const disabled = busy || blockers.length > 0 ? ' disabled' : '';
      return `${disabled}${all.length > 0 ? ` aria-describedby="${all.join(' ')}"` : ''}`;
    },
  };
}

/** A group of buttons, each disabled while it cannot work, and the reasons beside them. */
function gatedButtons(
  group: string,
  buttons: readonly GatedButton[],
  s: PaneState,
  can: Availability,
  w: PaneWording,
): { buttons: string; reasons: string } {
  const why = reasonsFor(group, buttons, can, w);
  const html = buttons.map(
    (b) =>
      `<button type="button"${b.primary ? ' class="primary"' : ''} data-action="${b.action}"${why.attributes(b.action, s.busy !== null)}>${e(b.label)}</button>`,
  );
  return { buttons: html.join(''), reasons: why.html };
}

// --- Findings --------------------------------------------------------------------------------------

/** Findings of one code and severity, in the report's order, with their index in the report. */
export interface FindingGroup {
  severity: Finding['severity'];
  code: Finding['code'];
  items: { f: Finding; index: number }[];
}

/** Groups by severity and code, each group where its first finding comes in the report. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  findings.forEach((f, index) => {
    const key = `${f.severity}:${f.code}`;
    let g = groups.get(key);
    if (!g) {
      g = { severity: f.severity, code: f.code, items: [] };
      groups.set(key, g);
    }
    g.items.push({ f, index });
  });
  return [...groups.values()];
}

/**
 * The place of a finding: its cell, a button that selects it; without a cell (a return sent as
 * JSON), the activity, its title and the field in words; a finding about a whole sheet says so.
 */
function placeLabel(f: Finding, index: number, lang: Lang, w: PaneWording): string {
  const where = f.where;
  const inWords =
    (where.cell ?? where.range) !== undefined ||
    where.line !== undefined ||
    where.activity !== undefined ||
    where.field !== undefined;
  const place = inWords ? placeOf(where, lang) : `${where.sheet} (${w.sheetWide})`;
  return workbookCellOf(where) !== null
    ? `<button type="button" class="link place" data-action="select" data-index="${index}">${e(place)}</button>`
    : `<span class="place">${e(place)}</span>`;
}

/** The language, the pane's words and the plan's (its unit, for the findings). */
interface Words {
  lang: Lang;
  w: PaneWording;
  plan: PlanWords | undefined;
}

function findingItem(f: Finding, index: number, { lang, w, plan }: Words): string {
  return `<li class="finding ${f.severity}" data-code="${e(f.code)}">${placeLabel(f, index, lang, w)} — ${e(messageOf(f, lang, plan))}</li>`;
}

function groupBlock(g: FindingGroup, words: Words): string {
  const { w } = words;
  const n = g.items.length;
  const listed = g.items.slice(0, MAX_LISTED).map(({ f, index }) => findingItem(f, index, words));
  const more = n > MAX_LISTED ? `<li class="muted">${e(w.moreFindings(n - MAX_LISTED))}</li>` : '';
  const open = n <= OPEN_UP_TO ? ' open' : '';
  return `<details class="group ${g.severity}" data-group="${g.severity}:${g.code}"${open}><summary>${e(
    w.findingGroups[g.code](n),
  )}</summary><ul>${listed.join('')}${more}</ul></details>`;
}

function severityBlock(kind: 'errors' | 'warnings', groups: FindingGroup[], words: Words): string {
  if (groups.length === 0) return '';
  const { w } = words;
  const count = groups.reduce((s, g) => s + g.items.length, 0);
  const heading = kind === 'errors' ? w.errorsHeading(count) : w.warningsHeading(count);
  return `<h3 class="${kind}">${e(heading)}</h3>${groups.map((g) => groupBlock(g, words)).join('')}`;
}

function reportSection(s: PaneState, w: PaneWording, lang: Lang, can: Availability): string {
  const r = s.report;
  if (!r) return '';
  const tone = r.errors > 0 ? 'err' : r.warnings > 0 ? 'warn' : '';
  const summary = `<p id="pac-summary" class="summary" tabindex="-1" data-focus-after="fix-apply"><span class="${tone}">${e(w.summary(r.errors, r.warnings))}</span></p>`;
  const intro = r.origin === 'server' ? `<p>${e(w.serverFindings)}</p>` : '';
  const none = r.findings.length === 0 ? `<p>${e(w.noFindings)}</p>` : '';
  const groups = groupFindings(r.findings);
  const words: Words = { lang, w, plan: s.plan?.words };
  return `<section id="pac-findings" aria-labelledby="pac-findings-h"><h2 id="pac-findings-h">${e(w.checkHeading)}</h2>${intro}${summary}${none}${fixBlock(s, w, lang, can)}
${severityBlock(
  'errors',
  groups.filter((g) => g.severity === 'error'),
  words,
)}${severityBlock(
  'warnings',
  groups.filter((g) => g.severity === 'warning'),
  words,
)}</section>`;
}

/**
 * The offer to turn text amounts into numbers, right under the summary since it clears errors in
 * one go; then the cells and the numbers it would write, to confirm or cancel.
 */
function fixBlock(s: PaneState, w: PaneWording, lang: Lang, can: Availability): string {
  const fixes = s.fixes;
  if (!fixes) return '';
  // Only the host can stop it, and the top of the pane says so already.
  const gated = reasonsFor('fix', [], can, w).attributes('fix', s.busy !== null);
  const n = fixes.cells.length;
  if (!fixes.confirming)
    return `<div id="pac-fix" class="fix"><p>${e(w.fixOfferIntro(n))}</p><button type="button" data-action="fix-ask" data-focus-after="fix-cancel"${gated}>${e(w.fixOffer(n))}</button></div>`;
  const lines = fixes.cells.map((c) => {
    const value = formatMoney(moneyFromNumber(c.value) ?? 0n, lang);
    return `<li>${e(w.fixLine(`${c.sheet}!${c.cell}`, c.text, value))}</li>`;
  });
  return `<div id="pac-fix" class="fix" role="group" aria-labelledby="pac-fix-h"><h3 id="pac-fix-h">${e(w.fixHeading)}</h3>
<p>${e(w.fixIntro)}</p><ul>${lines.join('')}</ul>
<button type="button" class="primary" data-action="fix-apply" data-focus-after="fix-ask"${gated}>${e(w.fixConfirm)}</button><button type="button" data-action="fix-cancel">${e(w.fixCancel)}</button></div>`;
}

// --- Sections --------------------------------------------------------------------------------------

/** What is happening and what just happened: the step under way and the last action's result. */
function statusBlock(s: PaneState, w: PaneWording, lang: Lang): string {
  const busy = s.busy
    ? `<div id="pac-busy" class="busy" role="status"><span id="pac-busy-label">${e(s.busy.label(w))}</span>${
        s.busy.total > 0
          ? `<progress aria-labelledby="pac-busy-label" max="${s.busy.total}" value="${s.busy.done}"></progress>`
          : '<progress aria-labelledby="pac-busy-label"></progress>'
      }</div>`
    : '';
  const notices = s.notices
    .map(
      (n) =>
        `<p class="notice ${n.kind}" role="${n.kind === 'error' ? 'alert' : 'status'}">${e(n.say(w, lang))}</p>`,
    )
    .join('');
  return `${busy}<div id="pac-notices">${notices}</div>`;
}

/**
 * The Permanent Secretariat's review of the latest return, with its comment; the receipt when the
 * review is not known (offline) or lags behind it; a return waiting to be sent, and its retry.
 */
function reviewSection(s: PaneState, w: PaneWording, lang: Lang, can: Availability): string {
  if (s.workbook.kind === 'execution') return executionReviewSection(s, lang);
  const parts: string[] = [];
  const r = s.review;
  if (r === null) parts.push(`<p id="pac-review">${e(w.reviewNone)}</p>`);
  else if (r !== undefined) {
    parts.push(
      `<p id="pac-review" class="review ${r.state}">${e(w.reviewLatest(r.version, w.reviewState[r.state], formatWhen(r.createdAt, lang)))}</p>`,
    );
    if (r.reviewComment)
      parts.push(
        `<p id="pac-review-comment" class="comment">${e(w.reviewComment(r.reviewedBy ?? '', r.reviewComment))}</p>`,
      );
  }
  if (s.receipt && (!r || s.receipt.version > r.version))
    parts.push(
      `<p id="pac-receipt">${e(w.receipt(s.receipt.version, formatWhen(s.receipt.createdAt, lang)))}</p>`,
    );
  if (s.pending) {
    const retry = gatedButtons('retry', [{ action: 'retry', label: w.retryNow }], s, can, w);
    parts.push(
      `<p id="pac-pending">${e(w.pendingShort(formatWhen(s.pending.createdAt, lang), s.pending.attempts))}</p>`,
      retry.buttons,
      retry.reasons,
    );
  }
  if (parts.length === 0) return '';
  return `<section id="pac-review-section" aria-labelledby="pac-review-h"><h2 id="pac-review-h">${e(w.reviewHeading)}</h2>${parts.join('')}</section>`;
}

function connectionSection(s: PaneState, w: PaneWording, can: Availability): string {
  const c = s.connection;
  const status =
    c.status === 'connected' && c.label
      ? w.connectedAs(c.label, c.ministry?.code ?? null)
      : c.status === 'offline'
        ? w.offline
        : c.status === 'checking'
          ? w.connecting
          : c.status === 'refused'
            ? w.notConnected
            : c.hasToken
              ? w.offline
              : w.notConnected;
  const cls = c.status === 'connected' ? 'connected' : c.status === 'none' && !c.hasToken ? '' : c.status;
  const why = reasonsFor('connection', [{ action: 'connect', label: w.connect }], can, w);
  const statusLine = `<p id="pac-connection-status" class="status ${cls}" tabindex="-1" data-focus-after="connect">${e(status)}</p>`;
  const body = c.hasToken
    ? `<div class="row">${statusLine}<button type="button" data-action="disconnect">${e(w.disconnect)}</button></div>${c.status === 'connected' ? planChoiceMarkup(s.planChoice, w, s.busy !== null) : ''}`
    : `${statusLine}<form data-action="connect" autocomplete="off">
<label for="pac-service">${e(w.serviceLabel)}</label><input id="pac-service" name="service" type="url" value="${e(c.service)}" required${why.attributes('connect', false)}>
<label for="pac-token">${e(w.tokenLabel)}</label><input id="pac-token" name="token" type="password" required data-focus-after="disconnect"${why.attributes('connect', false, ['pac-token-hint'])}>
<p class="hint" id="pac-token-hint">${e(w.tokenHint)}</p>
<button type="submit" class="primary" data-action="connect"${why.attributes('connect', false)}>${e(w.connect)}</button>${why.html}</form>`;
  return `<section id="pac-connection" aria-labelledby="pac-connection-h"><h2 id="pac-connection-h">${e(w.connectionHeading)}</h2>${body}</section>`;
}

function workbookSection(s: PaneState, w: PaneWording, lang: Lang, can: Availability): string {
  const wb = s.workbook;
  const status =
    executionWorkbookStatus(s, lang) ??
    (wb.kind === 'template' && wb.meta
      ? w.workbookTemplate(wb.meta.ministry, wb.meta.planVersion)
      : wb.kind === 'legacy'
        ? w.workbookLegacy(wb.legacyTables)
        : wb.kind === 'empty'
          ? w.workbookEmpty
          : w.workbookUnknown);
  const plan = s.plan ? w.planCached(s.plan.version, formatWhen(s.plan.fetchedAt, lang)) : w.noPlan;
  // An execution workbook is made by « Télécharger le modèle d'exécution », not by the planning set-up.
  const buttons: GatedButton[] =
    wb.kind === 'execution' ? [] : [{ action: 'setup', label: wb.kind === 'template' ? w.update : w.setUp }];
  if (wb.kind === 'legacy') buttons.push({ action: 'convert', label: w.convert, primary: true });
  const gated = gatedButtons('workbook', buttons, s, can, w);
  return `<section id="pac-workbook" aria-labelledby="pac-workbook-h"><h2 id="pac-workbook-h">${e(w.workbookHeading)}</h2>
<p id="pac-workbook-status">${e(status)}</p><p class="muted" id="pac-plan">${e(plan)}</p>${gated.buttons}${gated.reasons}
${executionTemplateBlock(s, lang)}${changesBlock(s, w)}${importBlock(s, w, lang)}</section>`;
}

/** A list under a title that stays open when short, and shows its title until opened when long. */
function foldable(id: string, title: string, items: readonly string[]): string {
  const open = items.length <= OPEN_LIST_UP_TO ? ' open' : '';
  return `<details id="${id}" class="changes" data-group="${id}"${open}><summary>${e(title)}</summary><ul>${items
    .map((i) => `<li>${e(i)}</li>`)
    .join('')}</ul></details>`;
}

function changesBlock(s: PaneState, w: PaneWording): string {
  const c = s.changes;
  if (!c) return '';
  const items: string[] = [];
  if (c.planVersion.before !== c.planVersion.after)
    items.push(w.changePlanVersion(c.planVersion.before, c.planVersion.after));
  if (c.added.length > 0) items.push(w.changeAdded(codeList(c.added)));
  for (const r of c.renamed.slice(0, 20))
    items.push(w.changeRenamed(r.code, shorten(r.before, 90), shorten(r.after, 90)));
  if (c.withdrawn.length > 0) items.push(w.changeWithdrawn(codeList(c.withdrawn), c.withdrawnSheet ?? ''));
  if (c.restored.length > 0) items.push(w.changeRestored(codeList(c.restored)));
  if (c.added.length + c.renamed.length + c.withdrawn.length + c.restored.length === 0)
    items.push(w.changeNone);
  if (c.kept > 0) items.push(w.changeKept(c.kept));
  return foldable('pac-changes', `${w.changesHeading} (${items.length})`, items);
}

function importBlock(s: PaneState, w: PaneWording, lang: Lang): string {
  const imported = s.imported;
  if (!imported) return '';
  const parts: string[] = [];
  if (imported.skipped.length > 0) {
    const lines = skippedLines(imported, lang).slice(0, MAX_LISTED);
    parts.push(foldable('pac-import', `${w.importSkippedHeading} (${imported.skipped.length})`, lines));
  }
  if (imported.missing.length > 0)
    parts.push(`<p class="muted">${e(w.importMissing(codeList(imported.missing)))}</p>`);
  return parts.join('');
}

function actionsBlock(s: PaneState, w: PaneWording, can: Availability): string {
  const submit = s.workbook.kind === 'execution' ? EXECUTION_PANE_WORDING[s.lang].send : w.submit;
  const gated = gatedButtons(
    'actions',
    [
      { action: 'check', label: w.check, primary: true },
      { action: 'submit', label: submit, primary: true },
    ],
    s,
    can,
    w,
  );
  return `<div class="actions">${gated.buttons}</div>${gated.reasons}`;
}

/**
 * The whole pane for a state. A host whose storage is not "this computer" (the Sheets add-on keeps
 * it in the person's Google account) passes the wording that says where things are kept.
 */
export function renderPane(
  s: PaneState,
  wording: Readonly<Record<Lang, PaneWording>> = PANE_WORDING,
): string {
  const lang = s.lang;
  const w = wording[lang];
  const can = availability(s);
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const hostProblem = s.hostProblem
    ? `<p id="pac-host-problem" class="notice error" role="alert">${e(s.hostProblem === 'tooOld' ? w.hostTooOld : w.hostMissing)}</p>`
    : '';
  return `<main class="pac" lang="${lang}">
<header><h1>${e(w.title)}</h1><button type="button" class="link-lang" lang="${other}" data-action="lang" data-lang="${other}">${e(w.langSwitch)}</button></header>
<p class="sub">${e(w.subtitle(s.plan?.title ?? null))}</p>${hostProblem}
${statusBlock(s, w, lang)}
${reviewSection(s, w, lang, can)}
${connectionSection(s, w, can)}
${workbookSection(s, w, lang, can)}
${actionsBlock(s, w, can)}
${reportSection(s, w, lang, can)}
</main>`;
}
