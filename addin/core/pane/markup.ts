/**
 * The pane's markup as HTML strings, drawn from its state in the pane's language: the Excel task
 * pane and the Google Sheets sidebar show the same pane. Everything that comes from data (labels,
 * messages, sheet names, comments) is escaped. Buttons carry `data-action`, which ./view.ts turns
 * into calls on the controller; nothing here touches the DOM, so the markup is testable as text.
 */
import type { Finding } from '../findings.ts';
import type { Lang } from '../layout.ts';
import { shorten } from '../messages/format.ts';
import { messageOf, placeOf } from '../messages/index.ts';
import { formatMoney, moneyFromNumber } from '../money.ts';
import { formatWhen, type PaneState } from './controller.ts';
import { skippedLines } from './legacy-import.ts';
import { codeList, PANE_WORDING, type PaneWording } from './wording.ts';

/** Findings listed per group; more would only slow the pane down (the count is still shown). */
export const MAX_LISTED = 200;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

export const PANE_CSS = `
.pac{font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,Roboto,Arial,sans-serif;font-size:13px;color:#201f1e;padding:10px 12px 24px;max-width:560px;line-height:1.35}
.pac header{display:flex;align-items:baseline;justify-content:space-between;border-bottom:2px solid #1f3864;margin-bottom:8px}
.pac h1{font-size:18px;margin:0;color:#1f3864}
.pac .sub{font-size:11px;color:#605e5c;margin:0 0 6px}
.pac h2{font-size:13px;margin:14px 0 6px;color:#1f3864;text-transform:uppercase;letter-spacing:.03em}
.pac section{border-bottom:1px solid #edebe9;padding-bottom:8px}
.pac label{display:block;font-size:12px;margin:6px 0 2px;color:#323130}
.pac input{width:100%;box-sizing:border-box;padding:5px 6px;border:1px solid #8a8886;border-radius:2px;font:inherit}
.pac .hint{font-size:11px;color:#605e5c;margin:2px 0 6px}
.pac button{font:inherit;padding:5px 12px;margin:4px 6px 0 0;border-radius:2px;border:1px solid #8a8886;background:#fff;color:#201f1e;cursor:pointer}
.pac button.primary{background:#1f3864;border-color:#1f3864;color:#fff}
.pac button:disabled{opacity:.5;cursor:default}
.pac button.link{border:none;background:none;color:#0f6cbd;padding:0;margin:0;text-align:left;text-decoration:underline}
.pac .link-lang{border:none;background:none;color:#0f6cbd;text-decoration:underline;padding:0;margin:0}
.pac .status{font-weight:600;margin:4px 0}
.pac .status.connected{color:#107c10}.pac .status.offline{color:#a4262c}.pac .status.refused{color:#a4262c}
.pac .actions{display:flex;gap:6px;flex-wrap:wrap;margin-top:8px}
.pac .actions button{flex:1;min-width:110px;font-weight:600}
.pac progress{width:100%;height:8px;margin-top:6px}
.pac .busy{font-size:12px;color:#605e5c}
.pac .notice{padding:6px 8px;margin:8px 0 0;border-left:4px solid #0f6cbd;background:#f3f9fd}
.pac .notice.success{border-color:#107c10;background:#f1faf1}
.pac .notice.warning{border-color:#bf8f00;background:#fff8e1}
.pac .notice.error{border-color:#a4262c;background:#fdf3f4}
.pac .summary{font-weight:600;font-size:14px}
.pac .summary .err{color:#a4262c}.pac .summary .warn{color:#8a6100}
.pac ul{padding-left:0;list-style:none;margin:4px 0}
.pac li.finding{padding:4px 0;border-bottom:1px dotted #e1dfdd}
.pac li.finding .place{font-family:Consolas,monospace;font-size:12px}
.pac h3{font-size:12px;margin:10px 0 2px}
.pac h3.errors{color:#a4262c}.pac h3.warnings{color:#8a6100}
.pac .changes li{padding:2px 0}
.pac .muted{color:#605e5c;font-size:12px}
.pac .review.returned{font-weight:600;color:#a4262c}.pac .review.accepted{font-weight:600;color:#107c10}
`;

function plural(findings: readonly Finding[], severity: Finding['severity']) {
  const out: { f: Finding; index: number }[] = [];
  findings.forEach((f, index) => {
    if (f.severity === severity) out.push({ f, index });
  });
  return out;
}

function findingItem(f: Finding, index: number, lang: Lang, w: PaneWording): string {
  const clickable = (f.where.cell ?? f.where.range) !== undefined && f.where.line === undefined;
  const place = f.where.cell || f.where.range ? placeOf(f.where, lang) : `${f.where.sheet} (${w.sheetWide})`;
  const label = clickable
    ? `<button type="button" class="link place" data-action="select" data-index="${index}">${e(place)}</button>`
    : `<span class="place">${e(place)}</span>`;
  return `<li class="finding ${f.severity}" data-code="${e(f.code)}">${label} — ${e(messageOf(f, lang))}</li>`;
}

function findingGroup(
  kind: 'errors' | 'warnings',
  items: { f: Finding; index: number }[],
  lang: Lang,
  w: PaneWording,
): string {
  if (items.length === 0) return '';
  const heading = kind === 'errors' ? w.errorsHeading(items.length) : w.warningsHeading(items.length);
  const listed = items.slice(0, MAX_LISTED).map(({ f, index }) => findingItem(f, index, lang, w));
  const more =
    items.length > MAX_LISTED ? `<li class="muted">${e(w.moreFindings(items.length - MAX_LISTED))}</li>` : '';
  return `<h3 class="${kind}">${e(heading)}</h3><ul class="${kind}">${listed.join('')}${more}</ul>`;
}

function connectionSection(s: PaneState, w: PaneWording): string {
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
  const form = c.hasToken
    ? `<button type="button" data-action="disconnect">${e(w.disconnect)}</button>`
    : `<form data-action="connect" autocomplete="off">
<label for="pac-service">${e(w.serviceLabel)}</label><input id="pac-service" name="service" type="url" value="${e(c.service)}" required>
<label for="pac-token">${e(w.tokenLabel)}</label><input id="pac-token" name="token" type="password" required>
<p class="hint">${e(w.tokenHint)}</p>
<button type="submit" class="primary">${e(w.connect)}</button></form>`;
  return `<section id="pac-connection"><h2>${e(w.connectionHeading)}</h2>
<p id="pac-connection-status" class="status ${cls}">${e(status)}</p>${form}</section>`;
}

function workbookSection(s: PaneState, w: PaneWording, lang: Lang, disabled: string): string {
  const wb = s.workbook;
  const status =
    wb.kind === 'template' && wb.meta
      ? w.workbookTemplate(wb.meta.ministry, wb.meta.planVersion)
      : wb.kind === 'legacy'
        ? w.workbookLegacy(wb.legacyTables)
        : wb.kind === 'empty'
          ? w.workbookEmpty
          : w.workbookUnknown;
  const plan = s.plan ? w.planCached(s.plan.version, formatWhen(s.plan.fetchedAt, lang)) : w.noPlan;
  const buttons = [
    wb.kind === 'template'
      ? `<button type="button" data-action="setup" ${disabled}>${e(w.update)}</button>`
      : `<button type="button" data-action="setup" ${disabled}>${e(w.setUp)}</button>`,
    wb.kind === 'legacy'
      ? `<button type="button" class="primary" data-action="convert" ${disabled}>${e(w.convert)}</button>`
      : '',
  ].join('');
  return `<section id="pac-workbook"><h2>${e(w.workbookHeading)}</h2>
<p id="pac-workbook-status">${e(status)}</p><p class="muted" id="pac-plan">${e(plan)}</p>${buttons}
${changesBlock(s, w)}${importBlock(s, w, lang)}</section>`;
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
  return `<div id="pac-changes" class="changes"><h3>${e(w.changesHeading)}</h3><ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul></div>`;
}

function importBlock(s: PaneState, w: PaneWording, lang: Lang): string {
  const imported = s.imported;
  if (!imported) return '';
  const parts: string[] = [];
  if (imported.skipped.length > 0) {
    const lines = skippedLines(imported, lang).slice(0, MAX_LISTED);
    parts.push(
      `<h3>${e(w.importSkippedHeading)}</h3><ul>${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`,
    );
  }
  if (imported.missing.length > 0)
    parts.push(`<p class="muted">${e(w.importMissing(codeList(imported.missing)))}</p>`);
  return parts.length > 0 ? `<div id="pac-import" class="changes">${parts.join('')}</div>` : '';
}

function reportSection(s: PaneState, w: PaneWording, lang: Lang): string {
  const r = s.report;
  if (!r) return '';
  const tone = r.errors > 0 ? 'err' : r.warnings > 0 ? 'warn' : '';
  const summary = `<p id="pac-summary" class="summary"><span class="${tone}">${e(w.summary(r.errors, r.warnings))}</span></p>`;
  const intro = r.origin === 'server' ? `<p>${e(w.serverFindings)}</p>` : '';
  const none = r.findings.length === 0 ? `<p>${e(w.noFindings)}</p>` : '';
  return `<section id="pac-findings"><h2>${e(w.checkHeading)}</h2>${intro}${summary}${none}${fixBlock(s, w, lang)}
${findingGroup('errors', plural(r.findings, 'error'), lang, w)}${findingGroup('warnings', plural(r.findings, 'warning'), lang, w)}</section>`;
}

/** The offer to turn text amounts into numbers, then the cells and numbers it would write, to confirm. */
function fixBlock(s: PaneState, w: PaneWording, lang: Lang): string {
  const fixes = s.fixes;
  if (!fixes) return '';
  const disabled = s.busy ? 'disabled' : '';
  if (!fixes.confirming)
    return `<p><button type="button" data-action="fix-ask" ${disabled}>${e(w.fixOffer(fixes.cells.length))}</button></p>`;
  const lines = fixes.cells.map((c) => {
    const value = formatMoney(moneyFromNumber(c.value) ?? 0n, lang);
    return `<li>${e(w.fixLine(`${c.sheet}!${c.cell}`, c.text, value))}</li>`;
  });
  return `<div id="pac-fix" class="changes" role="group" aria-labelledby="pac-fix-h"><h3 id="pac-fix-h">${e(w.fixHeading)}</h3>
<p>${e(w.fixIntro)}</p><ul>${lines.join('')}</ul>
<button type="button" class="primary" data-action="fix-apply" ${disabled}>${e(w.fixConfirm)}</button><button type="button" data-action="fix-cancel">${e(w.fixCancel)}</button></div>`;
}

function submissionSection(s: PaneState, w: PaneWording, lang: Lang, disabled: string): string {
  const parts: string[] = [];
  if (s.pending) {
    parts.push(
      `<p id="pac-pending">${e(w.pendingShort(formatWhen(s.pending.createdAt, lang), s.pending.attempts))}</p>`,
    );
    parts.push(`<button type="button" data-action="retry" ${disabled}>${e(w.retryNow)}</button>`);
  }
  if (s.receipt) {
    parts.push(
      `<p id="pac-receipt">${e(w.receipt(s.receipt.version, formatWhen(s.receipt.createdAt, lang)))}</p>`,
    );
  }
  const review =
    s.review === undefined
      ? ''
      : s.review === null
        ? `<p id="pac-review">${e(w.reviewNone)}</p>`
        : `<p id="pac-review" class="review ${s.review.state}">${e(w.reviewLatest(s.review.version, w.reviewState[s.review.state], formatWhen(s.review.createdAt, lang)))}</p>${
            s.review.reviewComment
              ? `<p id="pac-review-comment">${e(w.reviewComment(s.review.reviewedBy ?? '', s.review.reviewComment))}</p>`
              : ''
          }`;
  if (parts.length === 0 && review === '') return '';
  return `<section id="pac-submission"><h2>${e(w.submitHeading)}</h2>${parts.join('')}${
    review ? `<h3>${e(w.reviewHeading)}</h3>${review}` : ''
  }</section>`;
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
  const disabled = s.busy || s.hostProblem ? 'disabled' : '';
  const busy = s.busy
    ? `<div id="pac-busy" class="busy" role="status">${e(s.busy.label(w))}${
        s.busy.total > 0
          ? `<progress max="${s.busy.total}" value="${s.busy.done}"></progress>`
          : '<progress></progress>'
      }</div>`
    : '';
  const notices = s.notices
    .map(
      (n) =>
        `<p class="notice ${n.kind}" role="${n.kind === 'error' ? 'alert' : 'status'}">${e(n.say(w, lang))}</p>`,
    )
    .join('');
  const hostProblem = s.hostProblem
    ? `<p class="notice error" role="alert">${e(s.hostProblem === 'tooOld' ? w.hostTooOld : w.excelMissing)}</p>`
    : '';
  return `<div class="pac" lang="${lang}">
<header><h1>${e(w.title)}</h1><button type="button" class="link-lang" data-action="lang" data-lang="${lang === 'fr' ? 'en' : 'fr'}">${e(w.langSwitch)}</button></header>
<p class="sub">${e(w.subtitle)}</p>${hostProblem}
${connectionSection(s, w)}
${workbookSection(s, w, lang, disabled)}
<div class="actions"><button type="button" class="primary" data-action="check" ${disabled}>${e(w.check)}</button><button type="button" class="primary" data-action="submit" ${disabled}>${e(w.submit)}</button></div>
${busy}<div id="pac-notices">${notices}</div>
${reportSection(s, w, lang)}
${submissionSection(s, w, lang, disabled)}
</div>`;
}
