/**
 * Draws the pane into a page and wires its buttons to the controller: the one part of the shared
 * pane that touches the DOM (browser globals only, so it runs in the Excel task pane and in the
 * Google Sheets sidebar alike). The pane is redrawn from the state after every change — it is
 * small — keeping what the person is typing in the connection form, which groups of findings they
 * opened or closed, and where the focus was (or, when that button is gone, the one that takes its
 * place: `data-focus-after`). The document's language follows the pane's.
 */
import { type Lang, PANE_CSS, type PaneController, type PaneWording, renderPane } from '#core';

export interface MountOptions {
  /** Adds the pane's style sheet to the document (hosts with their own CSS may skip it). */
  withStyles?: boolean;
  /** The pane's sentences, when the host words some differently (default: PANE_WORDING). */
  wording?: Readonly<Record<Lang, PaneWording>>;
}

/** How to find the focused element again after a redraw, and the action it stood for. */
function focusSelector(el: HTMLElement): { selector: string | null; action: string | null } {
  const q = (v: string) => JSON.stringify(v);
  const action = el.dataset.action ?? null;
  if (el.tagName === 'SUMMARY') {
    const group = el.parentElement?.dataset.group;
    if (group) return { selector: `details[data-group=${q(group)}] > summary`, action };
  }
  if (el.id) return { selector: `#${CSS.escape(el.id)}`, action };
  const name = el.getAttribute('name');
  if (name) return { selector: `[name=${q(name)}]`, action };
  if (action) {
    const index = el.dataset.index;
    const tag = el.tagName.toLowerCase();
    return {
      selector: `${tag}[data-action=${q(action)}]${index === undefined ? '' : `[data-index=${q(index)}]`}`,
      action,
    };
  }
  return { selector: null, action };
}

export function mountPane(
  root: HTMLElement,
  controller: PaneController,
  options: MountOptions = {},
): () => void {
  const doc = root.ownerDocument;
  if (options.withStyles !== false && !doc.getElementById('pac-style')) {
    const style = doc.createElement('style');
    style.id = 'pac-style';
    style.textContent = PANE_CSS;
    doc.head.appendChild(style);
  }

  let drawn = '';
  /** Groups the person opened or closed, by data-group: kept over redraws and new checks. */
  const chosen = new Map<string, boolean>();
  const draw = () => {
    const html = renderPane(controller.state, options.wording);
    doc.documentElement.lang = controller.state.lang;
    // Nothing changed on screen: leave the page alone (live regions are not announced again).
    if (html === drawn) return;
    drawn = html;
    const fields = new Map<string, string>();
    for (const input of root.querySelectorAll('input')) fields.set(input.name, input.value);
    const focused =
      doc.activeElement instanceof HTMLElement && root.contains(doc.activeElement) ? doc.activeElement : null;
    const focus = focused ? focusSelector(focused) : null;
    root.innerHTML = html;
    for (const input of root.querySelectorAll('input')) {
      const kept = fields.get(input.name);
      if (kept !== undefined) input.value = kept;
    }
    for (const d of root.querySelectorAll<HTMLDetailsElement>('details[data-group]')) {
      const open = chosen.get(d.dataset.group ?? '');
      if (open !== undefined) d.open = open;
    }
    if (focus) {
      const again =
        (focus.selector ? root.querySelector<HTMLElement>(focus.selector) : null) ??
        (focus.action ? root.querySelector<HTMLElement>(`[data-focus-after~="${focus.action}"]`) : null);
      again?.focus();
    }
  };

  const onClick = (event: Event) => {
    const summary = (event.target as HTMLElement | null)?.closest('summary');
    const group = summary?.parentElement as HTMLDetailsElement | null | undefined;
    // The click is seen before the details toggles: it is about to become the opposite.
    if (group?.dataset.group) chosen.set(group.dataset.group, !group.open);
    const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-action]');
    if (!target || target.tagName === 'FORM') return;
    const action = target.dataset.action;
    if (action === 'check') void controller.check();
    else if (action === 'submit') void controller.submit();
    else if (action === 'setup') void controller.setup();
    else if (action === 'convert') void controller.convert();
    else if (action === 'disconnect') void controller.disconnect();
    else if (action === 'retry') void controller.retryNow();
    else if (action === 'lang') void controller.setLang((target.dataset.lang ?? 'fr') as Lang);
    else if (action === 'select') void controller.select(Number(target.dataset.index));
    else if (action === 'fix-ask') controller.askFix();
    else if (action === 'fix-cancel') controller.cancelFix();
    else if (action === 'fix-apply') void controller.applyFix();
    else if (action === 'exec-periods') void controller.listExecutionPeriods();
    else if (action === 'exec-insert') void controller.insertExecutionTemplate(target.dataset.period ?? '');
  };
  const onSubmit = (event: Event) => {
    const form = event.target as HTMLFormElement;
    if (form.dataset.action !== 'connect') return;
    event.preventDefault();
    const data = new FormData(form);
    void controller.connect(String(data.get('service') ?? ''), String(data.get('token') ?? ''));
  };
  // The plan picker (#core's plan-choice.ts): a change of plan, not a click.
  const onChange = (event: Event) => {
    const select = event.target as HTMLSelectElement | null;
    if (select?.dataset.action === 'plan') void controller.choosePlan(select.value);
  };
  const view = doc.defaultView;
  const onOnline = () => void controller.retryNow();

  root.addEventListener('click', onClick);
  root.addEventListener('submit', onSubmit);
  root.addEventListener('change', onChange);
  view?.addEventListener('online', onOnline);
  const unsubscribe = controller.subscribe(draw);
  return () => {
    unsubscribe();
    root.removeEventListener('click', onClick);
    root.removeEventListener('submit', onSubmit);
    root.removeEventListener('change', onChange);
    view?.removeEventListener('online', onOnline);
  };
}
