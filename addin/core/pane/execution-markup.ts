/**
 * The pane's execution-mode parts as HTML strings (see ./markup.ts for the rest): the state of the
 * ministry's latest follow-up for the workbook's period with the consolidator's comment when it was
 * returned, and « Télécharger le modèle d'exécution » with the open periods to insert. Everything
 * from data is escaped; buttons carry `data-action` for ../../pane-ui/view.ts.
 */
import type { Lang } from '../layout.ts';
import { formatWhen, type PaneState } from './controller.ts';
import { returnComment } from './execution-api.ts';
import { EXECUTION_PANE_WORDING } from './execution-wording.ts';
import { escapeHtml as e } from './markup.ts';

/** The workbook's status line in execution mode. */
export function executionWorkbookStatus(s: PaneState, lang: Lang): string | null {
  const meta = s.workbook.meta;
  if (s.workbook.kind !== 'execution' || !meta?.period) return null;
  return EXECUTION_PANE_WORDING[lang].workbookExecution(meta.period, meta.ministry);
}

/** The latest follow-up for the workbook's period, the receipt just given, a follow-up kept unsent. */
export function executionReviewSection(s: PaneState, lang: Lang): string {
  const x = EXECUTION_PANE_WORDING[lang];
  const period = s.workbook.meta?.period ?? '';
  const { latest, receipt, pending } = s.execution;
  const parts: string[] = [];
  if (latest === null) parts.push(`<p id="pac-exec-latest">${e(x.latestNone(period))}</p>`);
  else if (latest !== undefined) {
    parts.push(
      `<p id="pac-exec-latest" class="review ${latest.state}">${e(
        x.latest(latest.period, latest.version, x.states[latest.state], formatWhen(latest.createdAt, lang)),
      )}</p>`,
    );
    const comment = latest.state === 'returned' ? returnComment(latest) : null;
    if (comment) parts.push(`<p id="pac-exec-comment" class="comment">${e(x.returnedComment(comment))}</p>`);
  }
  if (receipt && (!latest || receipt.version > latest.version))
    parts.push(
      `<p id="pac-exec-receipt">${e(x.receipt(receipt.period, receipt.version, formatWhen(receipt.createdAt, lang)))}</p>`,
    );
  if (pending) parts.push(`<p id="pac-exec-pending">${e(x.pendingKept)}</p>`);
  if (parts.length === 0) return '';
  return `<section id="pac-exec-review" aria-labelledby="pac-exec-review-h"><h2 id="pac-exec-review-h">${e(x.heading)}</h2>${parts.join('')}</section>`;
}

/**
 * « Télécharger le modèle d'exécution » for a ministry's token, then the open periods, each with
 * the button that inserts its template. Nothing without a ministry's connection: the template is
 * the ministry's.
 */
export function executionTemplateBlock(s: PaneState, lang: Lang): string {
  const x = EXECUTION_PANE_WORDING[lang];
  if (s.connection.status !== 'connected' || !s.connection.ministry || s.hostProblem) return '';
  const busy = s.busy !== null ? ' disabled' : '';
  const periods = s.execution.periods;
  const list =
    periods === null
      ? ''
      : periods.length === 0
        ? `<p id="pac-exec-periods" class="muted">${e(x.periodsNone)}</p>`
        : `<div id="pac-exec-periods"><p>${e(x.periodsIntro)}</p><ul>${periods
            .map(
              (p) =>
                `<li class="row"><span>${e(x.periodLine(p.key, p.deadline))}</span><button type="button" data-action="exec-insert" data-period="${e(p.key)}"${busy}>${e(x.insert(p.key))}</button></li>`,
            )
            .join('')}</ul></div>`;
  return `<div id="pac-exec-template"><button type="button" data-action="exec-periods"${busy}>${e(x.getTemplate)}</button>${list}</div>`;
}
